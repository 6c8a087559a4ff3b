package org.lodestone.console.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.lodestone.seq.limits.UnitProfile;
import org.lodestone.seq.protocol.ParameterException;
import org.lodestone.seq.protocol.Protocol;
import org.lodestone.seq.protocol.ProtocolLibrary;
import org.lodestone.workflow.InvalidInputException;
import org.lodestone.workflow.Workflow;
import org.lodestone.workflow.exam.Series;
import org.lodestone.workflow.user.Actor;
import org.lodestone.workflow.user.Role;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code exam queue STUDY_UID}: the exam's scheduled scans in order with their scan times; {@code add},
 * {@code remove}, {@code move} change it. Scan times are planned on {@link UnitProfile#PLANNING} (the CLI's
 * default unit profile, the same the disk-space estimate uses), so they hold before a unit is connected.
 */
@Command(name = "queue", mixinStandardHelpOptions = true, description = "Show or change an exam's scan queue.",
        subcommands = {ExamQueueCommand.Add.class, ExamQueueCommand.Remove.class, ExamQueueCommand.Move.class})
public final class ExamQueueCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Parameters(paramLabel = "STUDY_UID", arity = "0..1")
    String studyUid;
    @Mixin
    WorkflowAccess access;

    @Override
    public Integer call() {
        if (studyUid == null) throw new InvalidInputException("STUDY_UID", "needed: lodestone exam queue STUDY_UID");
        try (Workflow w = WorkflowAccess.open()) {
            access.login(w, r -> true, "see the scan queue");
            if (w.exams().get(studyUid).isEmpty()) throw new InvalidInputException("STUDY_UID", "no exam " + studyUid);
            List<Series> queue = w.exams().queue(studyUid);
            double total = 0;
            int position = 1;
            for (Series s : queue) {
                double t = scanTimeSeconds(s.protocol(), s.parameters());
                total += Double.isNaN(t) ? 0 : t;
                System.out.printf(Locale.ROOT, "%2d  %-10s %-40s %s%n", position++, s.protocol(), s.parameters(),
                        Double.isNaN(t) ? "scan time unknown" : String.format(Locale.ROOT, "%.1f s", t));
            }
            System.out.printf(Locale.ROOT, "%d scans queued, %.1f s scan time in all%n", queue.size(), total);
        }
        return 0;
    }

    /** derived scan_time_s of the protocol at these parameters; NaN when it cannot be planned (e.g. a .seq file). */
    static double scanTimeSeconds(String protocol, String parametersJson) {
        try {
            Map<String, Double> values = JSON.readValue(parametersJson, new TypeReference<Map<String, Double>>() { });
            return ProtocolLibrary.find(protocol).map(p -> {
                try {
                    return p.build(values, UnitProfile.PLANNING).scanTimeSeconds();
                } catch (ParameterException e) {
                    return Double.NaN;
                }
            }).orElse(Double.NaN);
        } catch (Exception e) {
            return Double.NaN;
        }
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Queue a scan at the end.")
    static final class Add implements Callable<Integer> {
        @Parameters(paramLabel = "STUDY_UID")
        String studyUid;
        @Option(names = "--protocol", required = true, paramLabel = "NAME", description = "A native protocol.")
        String protocol;
        @Option(names = "--param", paramLabel = "NAME=VALUE", description = "A protocol parameter, e.g. --param te=30.")
        List<String> params = List.of();
        @Mixin
        WorkflowAccess access;

        @Override
        public Integer call() throws Exception {
            Protocol p = ProtocolLibrary.find(protocol).orElseThrow(() -> new InvalidInputException("--protocol", "unknown protocol '"
                    + protocol + "' (available: " + String.join(", ", ProtocolLibrary.all().stream().map(Protocol::name).toList()) + ")"));
            Map<String, Double> values;
            try {
                values = p.parse(params);
            } catch (ParameterException e) {
                throw new InvalidInputException("--param", e.getMessage());
            }
            try (Workflow w = WorkflowAccess.open()) {
                Actor a = access.login(w, Role::mayScan, "change the scan queue");
                Series s = w.exams().schedule(studyUid, protocol, JSON.writeValueAsString(values));
                w.audit().append(a.name(), a.role().text(), "queue.add", "study " + studyUid,
                        Map.of("series", s.seriesUid(), "protocol", protocol, "parameters", s.parameters()));
                System.out.printf(Locale.ROOT, "Queued %s as series %d (%.1f s)%n", protocol, s.number(), scanTimeSeconds(protocol, s.parameters()));
            }
            return 0;
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Take the scan at position N out of the queue.")
    static final class Remove implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "STUDY_UID")
        String studyUid;
        @Parameters(index = "1", paramLabel = "N")
        int position;
        @Mixin
        WorkflowAccess access;

        @Override
        public Integer call() {
            try (Workflow w = WorkflowAccess.open()) {
                Actor a = access.login(w, Role::mayScan, "change the scan queue");
                Series s = w.exams().unschedule(studyUid, position);
                w.audit().append(a.name(), a.role().text(), "queue.remove", "study " + studyUid,
                        Map.of("series", s.seriesUid(), "protocol", s.protocol(), "position", String.valueOf(position)));
                System.out.println("Removed " + s.protocol() + " (position " + position + ") from the queue");
            }
            return 0;
        }
    }

    @Command(name = "move", mixinStandardHelpOptions = true, description = "Move the scan at position N to position M.")
    static final class Move implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "STUDY_UID")
        String studyUid;
        @Parameters(index = "1", paramLabel = "N")
        int from;
        @Option(names = "--to", required = true, paramLabel = "M", description = "The new position (1 = next).")
        int to;
        @Mixin
        WorkflowAccess access;

        @Override
        public Integer call() {
            try (Workflow w = WorkflowAccess.open()) {
                Actor a = access.login(w, Role::mayScan, "change the scan queue");
                Series s = w.exams().reschedule(studyUid, from, to);
                w.audit().append(a.name(), a.role().text(), "queue.move", "study " + studyUid,
                        Map.of("series", s.seriesUid(), "from", String.valueOf(from), "to", String.valueOf(to)));
                System.out.println("Moved " + s.protocol() + " from position " + from + " to " + to);
            }
            return 0;
        }
    }
}
