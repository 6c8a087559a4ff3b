package org.lodestone.console.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.lodestone.dicom.outbox.Backoff;
import org.lodestone.dicom.outbox.Destinations;
import org.lodestone.dicom.outbox.Outbox;
import org.lodestone.dicom.outbox.OutboxJob;
import org.lodestone.dicom.outbox.OutboxWorker;
import org.lodestone.workflow.Workflow;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** The store-and-forward outbox: list its jobs, or deliver them headless. */
@Command(name = "outbox", mixinStandardHelpOptions = true, description = "List the jobs of the DICOM outbox.",
        subcommands = OutboxCommand.Run.class)
public final class OutboxCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--json", description = "As JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        try (Workflow w = Main.environment(spec).openWorkflow()) {
                DataSource db = w.database().dataSource();
            print(new Outbox(db).jobs(), json);
        }
        return 0;
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
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Option(names = "--until-empty", description = "Keep going, waiting out back-offs, until nothing is left to deliver.")
        boolean untilEmpty;

        @Mixin DicomOptions dicom;

        @Override
        public Integer call() throws Exception {
            try (Workflow w = Main.environment(spec).openWorkflow()) {
                DataSource db = w.database().dataSource();
                OutboxWorker worker = new OutboxWorker(new Outbox(db), new Destinations(db), dicom.client(), Backoff.DEFAULT,
                        Clock.systemUTC(), s -> { });
                List<OutboxJob> jobs = untilEmpty ? worker.runUntilEmpty(Duration.ofDays(36500)) : worker.runDue();
                print(jobs, false);
                return jobs.stream().anyMatch(j -> j.status() == OutboxJob.Status.FAILED) ? 1 : 0;
            }
        }
    }
}
