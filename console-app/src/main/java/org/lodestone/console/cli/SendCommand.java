package org.lodestone.console.cli;

import org.lodestone.dicom.export.AuditSink;
import org.lodestone.dicom.export.ExamExporter;
import org.lodestone.dicom.export.ExportedInstance;
import org.lodestone.dicom.model.ExamRecords;
import org.lodestone.dicom.outbox.Backoff;
import org.lodestone.dicom.outbox.Destinations;
import org.lodestone.dicom.outbox.Outbox;
import org.lodestone.dicom.outbox.OutboxJob;
import org.lodestone.dicom.outbox.OutboxWorker;
import org.lodestone.workflow.Workflow;
import org.lodestone.workflow.user.Actor;
import org.lodestone.workflow.user.Role;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Queue every image of an exam for a destination and try to deliver it now. */
@Command(name = "send", mixinStandardHelpOptions = true,
        description = "Send an exam to a destination through the outbox (queued if it cannot be reached now).")
public final class SendCommand extends WorkflowCommand {
    @Mixin StudyOptions study;
    @Mixin DicomOptions dicom;

    @Option(names = "--to", required = true, paramLabel = "NAME", description = "Destination (see 'pacs list').")
    String to;

    @Option(names = "--wait", description = "Wait until sent; fail with the reason if it cannot be sent now.")
    boolean wait;

    SendCommand() {
        super(Role::mayScan, "send exams");
    }

    @Override
    int run(WorkflowAccess.Session session) throws Exception {
        Workflow w = session.workflow();
        Actor who = session.actor();
        ExamRecords exam = study.resolve(w);
        String uid = exam.study().studyUid();
        DataSource db = w.database().dataSource();
        AuditSink audit = DicomOptions.audit(w, who);
        Destinations destinations = new Destinations(db);
        if (destinations.find(to).isEmpty()) {
            throw new IllegalArgumentException("no destination named '" + to + "'; see 'lodestone pacs list'");
        }
        // The outbox sends from its own copy, so that a later change of the exam folder cannot change what is sent.
        Path spool = access.home().root().resolve("outbox").resolve(uid);
        Map<String, Path> items = new LinkedHashMap<>();
        for (ExportedInstance e : new ExamExporter(dicom.aeTitle, audit).exportDicom(exam, spool, false)) {
            items.put(e.sopInstanceUid(), e.file());
        }
        Outbox outbox = new Outbox(db);
        long job = outbox.enqueue(uid, to, items, Instant.now());
        audit.record("send", uid, items.size() + " images queued for " + to);
        OutboxJob j = new OutboxWorker(outbox, destinations, dicom.client(), Backoff.DEFAULT, Clock.systemUTC(), s -> { })
                .deliver(job);
        switch (j.status()) {
            case SENT -> {
                System.out.printf("sent: study %s, %d of %d images at %s%n", uid, j.imagesSent(), j.imagesTotal(), to);
                // the fleet hub links the exam to its study on that PACS (telemetry.mqtt.url; nothing if unset)
                org.lodestone.remote.telemetry.TelemetrySession.examSent(
                        access.home().root(), to, uid, j.imagesTotal());
                return 0;
            }
            case FAILED -> {
                System.err.println("lodestone: not sent: " + j.lastError());
                return 1;
            }
            default -> {
                if (wait) {
                    System.err.println("lodestone: not sent: " + j.lastError() + "; the study stays queued and the outbox retries it");
                    return 1;
                }
                System.out.printf("queued: study %s for %s (%d of %d images sent so far): %s; 'lodestone outbox run' or the console delivers it%n",
                        uid, to, j.imagesSent(), j.imagesTotal(), j.lastError());
                return 0;
            }
        }
    }
}
