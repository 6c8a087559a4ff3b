package org.lodestone.console.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.lodestone.dicom.export.AuditSink;
import org.lodestone.dicom.export.ExamExporter;
import org.lodestone.dicom.followup.ExamFollowUp;
import org.lodestone.dicom.mpps.MppsClient;
import org.lodestone.dicom.mpps.MppsDelivery;
import org.lodestone.dicom.mpps.MppsStep;
import org.lodestone.dicom.mpps.MppsSteps;
import org.lodestone.dicom.net.DicomClient;
import org.lodestone.dicom.outbox.Backoff;
import org.lodestone.dicom.outbox.Destinations;
import org.lodestone.dicom.outbox.Outbox;
import org.lodestone.dicom.outbox.OutboxJob;
import org.lodestone.dicom.outbox.OutboxWorker;
import org.lodestone.dicom.service.DicomService;
import org.lodestone.dicom.source.WorkflowStudySource;
import org.lodestone.workflow.Workflow;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/** The store-and-forward outbox: list its jobs, or deliver them headless. */
@Command(name = "outbox", mixinStandardHelpOptions = true, description = "List the jobs of the DICOM outbox.",
        subcommands = OutboxCommand.Run.class)
public final class OutboxCommand implements Callable<Integer> {
    @Mixin
    WorkflowWithoutLogin workflow;

    @Option(names = "--json", description = "As JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        try (Workflow w = workflow.open()) {
                DataSource db = w.database().dataSource();
            print(new Outbox(db).jobs(), json);
            if (!json) printSteps(new MppsSteps(db).list());
        }
        return 0;
    }

    /**
     * The DICOM service of a console or scan process: exam follow-up (MPPS steps, auto-send), MPPS and outbox
     * delivery in the background, under leases shared with any other worker. Close it before the workflow.
     */
    static DicomService startService(Workflow w, Duration period) {
        return DicomService.start(w.database().dataSource(), studies(w), systemAudit(w), settings(w, period), Clock.systemUTC());
    }

    /**
     * The console's DICOM service with its own workflow connection; closing it closes both. A database that cannot be
     * opened costs the DICOM work only, not the window: one warning line, the detail in the log.
     */
    static AutoCloseable startConsoleService(CliEnvironment environment) {
        try {
            Workflow w = environment.openWorkflow();
            DicomService service = startService(w, Duration.ofSeconds(10));
            return () -> {
                service.close();
                w.close();
            };
        } catch (RuntimeException e) {
            LoggerFactory.getLogger(OutboxCommand.class).info("DICOM service not started", e);
            System.err.println("lodestone: warning: the outbox, MPPS and auto-send do not run in this window (the exam"
                    + " database could not be opened; see the log); 'lodestone outbox run' delivers instead");
            return () -> { };
        }
    }

    /** After an exam closed: the follow-up and the MPPS reports now (no images); a failure is a warning, never an error. */
    static void reportSteps(Workflow w) {
        try {
            for (MppsStep s : DicomService.manual(w.database().dataSource(), studies(w), systemAudit(w), settings(w, Duration.ofMinutes(1)),
                    Clock.systemUTC()).reportSteps()) {
                if (s.lastError() != null && s.undelivered()) {
                    System.err.println("lodestone: warning: MPPS to " + s.destination() + " not delivered yet (" + s.lastError()
                            + "); 'lodestone outbox run' or the console retries it");
                }
            }
        } catch (Exception e) {
            LoggerFactory.getLogger(OutboxCommand.class).info("MPPS follow-up failed", e); // detail to the log file only
            System.err.println("lodestone: warning: the MPPS report could not be queued now (see the log); 'lodestone outbox run' retries it");
        }
    }

    /** The fleet hub links each exam delivered here to its study on that PACS (telemetry.mqtt.url; nothing if unset). */
    static List<OutboxJob> announce(Workflow w, List<OutboxJob> jobs) {
        for (OutboxJob j : jobs) {
            if (j.status() == OutboxJob.Status.SENT) {
                org.lodestone.remote.telemetry.TelemetrySession.examSent(w.home().root(), j.destination(), j.studyUid(), j.imagesTotal());
            }
        }
        return jobs;
    }

    private static DicomService.Settings settings(Workflow w, Duration period) {
        String ae = System.getenv().getOrDefault("LODESTONE_AE_TITLE", DicomClient.DEFAULT_AE_TITLE);
        return new DicomService.Settings(ae, Duration.ofSeconds(30), w.home().root().resolve("outbox"), period, Backoff.DEFAULT);
    }

    private static WorkflowStudySource studies(Workflow w) {
        return new WorkflowStudySource(w.exams(), Main.class.getAnnotation(picocli.CommandLine.Command.class).version()[0]);
    }

    /** What the background work does on its own (auto-send) is audited under this name. */
    private static AuditSink systemAudit(Workflow w) {
        return (action, study, detail) -> w.audit().append("dicom-service", "system", action, "study " + study, Map.of("detail", detail));
    }

    static void printSteps(List<MppsStep> steps) {
        for (MppsStep s : steps) {
            System.out.printf("mpps     %-12s %-12s %d attempts  study %s%s%n", s.destination(), s.delivery(), s.attempts(), s.studyUid(),
                    s.lastError() == null ? "" : "\n         last error: " + s.lastError());
        }
    }

    static void print(List<OutboxJob> jobs, boolean json) throws Exception {
        if (json) {
            List<Map<String, Object>> out = new ArrayList<>();
            for (OutboxJob j : jobs) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("study_uid", j.studyUid());
                m.put("destination", j.destination());
                m.put("status", j.status().label());
                m.put("attempts", j.attempts());
                m.put("last_error", j.lastError());
                m.put("images_sent", j.imagesSent());
                m.put("images_total", j.imagesTotal());
                out.add(m);
            }
            System.out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(out));
            return;
        }
        if (jobs.isEmpty()) System.out.println("the outbox is empty");
        for (OutboxJob j : jobs) {
            System.out.printf("%-8s %-12s %3d/%-3d images  %d attempts  study %s%s%n", j.status().label(), j.destination(),
                    j.imagesSent(), j.imagesTotal(), j.attempts(), j.studyUid(),
                    j.lastError() == null ? "" : "\n         last error: " + j.lastError());
        }
    }

    @Command(name = "run", mixinStandardHelpOptions = true, description = "Deliver the jobs that are due (headless worker).")
    static final class Run implements Callable<Integer> {
        @Mixin
        WorkflowWithoutLogin workflow;

        @Option(names = "--until-empty", description = "Keep going, waiting out back-offs, until nothing is left to deliver.")
        boolean untilEmpty;

        @Mixin DicomOptions dicom;

        @Override
        public Integer call() throws Exception {
            try (Workflow w = workflow.open()) {
                DataSource db = w.database().dataSource();
                OutboxWorker worker = new OutboxWorker(new Outbox(db), new Destinations(db), dicom.client(), Backoff.DEFAULT,
                        Clock.systemUTC(), s -> { });
                // What the exam lifecycle left owed (MPPS steps, auto-send) is queued first, then delivered with the images.
                new ExamFollowUp(db, studies(w), new ExamExporter(dicom.aeTitle, systemAudit(w)), systemAudit(w),
                        w.home().root().resolve("outbox"), Clock.systemUTC()).run();
                MppsDelivery mpps = new MppsDelivery(new MppsSteps(db), new Destinations(db), new MppsClient(dicom.client()), studies(w),
                        Backoff.DEFAULT, Clock.systemUTC(), dicom.aeTitle);
                List<MppsStep> steps = mpps.runDue();
                List<OutboxJob> jobs = announce(w, worker.runDue());
                // Until nothing is owed: images and MPPS reports side by side, so a RIS away never holds up the PACS.
                while (untilEmpty) {
                    Optional<Instant> next = Stream.of(new Outbox(db).nextAttempt(), new MppsSteps(db).nextAttempt())
                            .flatMap(Optional::stream).min(Instant::compareTo);
                    if (next.isEmpty()) break;
                    Thread.sleep(Math.max(250, Duration.between(Instant.now(), next.get()).toMillis()));
                    steps = mpps.runDue();
                    jobs = announce(w, worker.runDue());
                }
                print(jobs, false);
                printSteps(steps);
                boolean failed = jobs.stream().anyMatch(j -> j.status() == OutboxJob.Status.FAILED) || steps.stream().anyMatch(MppsStep::failed);
                return failed ? 1 : 0;
            }
        }
    }
}
