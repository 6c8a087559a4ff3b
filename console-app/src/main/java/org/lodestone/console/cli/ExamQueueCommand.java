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
        try (WorkflowAccess.Session session = access.session(r -> true, "see the scan queue")) {
            Workflow w = session.workflow();
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
        @Option(names = "--protocol", required = true, paramLabel = "NAME", completionCandidates = ProtocolNames.class,
                description = "A native protocol: ${COMPLETION-CANDIDATES}.")
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
            try (WorkflowAccess.Session session = access.session(Role::mayScan, "change the scan queue")) {
                // named as this command takes it (the store's refusal names scan's --exam)
                var exam = session.workflow().exams().get(studyUid)
                        .orElseThrow(() -> new InvalidInputException("STUDY_UID", "no exam " + studyUid + " (see: lodestone exams)"));
                if (!exam.isOpen()) throw new InvalidInputException("STUDY_UID", "exam " + studyUid + " is closed");
                Series queued = session.workflow().exams().schedule(studyUid, protocol, JSON.writeValueAsString(values));
                session.audit("queue.add", "study " + studyUid,
                        Map.of("series", queued.seriesUid(), "protocol", protocol, "parameters", queued.parameters()));
                System.out.printf(Locale.ROOT, "Queued %s as series %d (%.1f s)%n", protocol, queued.number(), scanTimeSeconds(protocol, queued.parameters()));
            }
            return 0;
        }
    }

    /** What a change of the queue did: its audit action and details, and the sentence for the operator. */
    private record Change(String action, Map<String, String> details, String said) {
    }

    /** Remove and move: the scan at position N of an exam's queue, changed by a technician, audited. */
    private abstract static class PositionChange extends WorkflowCommand {
        @Parameters(index = "0", paramLabel = "STUDY_UID")
        String studyUid;
        @Parameters(index = "1", paramLabel = "N")
        int position;

        PositionChange() {
            super(Role::mayScan, "change the scan queue");
        }

        abstract Change apply(Workflow w);

        @Override
        int run(WorkflowAccess.Session session) {
            Change c = apply(session.workflow());
            session.audit(c.action(), "study " + studyUid, c.details());
            System.out.println(c.said());
            return 0;
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Take the scan at position N out of the queue.")
    static final class Remove extends PositionChange {
        @Override
        Change apply(Workflow w) {
            Series queued = w.exams().unschedule(studyUid, position);
            return new Change("queue.remove", Map.of("series", queued.seriesUid(), "protocol", queued.protocol(), "position", String.valueOf(position)),
                    "Removed " + queued.protocol() + " (position " + position + ") from the queue");
        }
    }

    @Command(name = "move", mixinStandardHelpOptions = true, description = "Move the scan at position N to position M.")
    static final class Move extends PositionChange {
        @Option(names = "--to", required = true, paramLabel = "M", description = "The new position (1 = next).")
        int to;

        @Override
        Change apply(Workflow w) {
            Series queued = w.exams().reschedule(studyUid, position, to);
            return new Change("queue.move", Map.of("series", queued.seriesUid(), "from", String.valueOf(position), "to", String.valueOf(to)),
                    "Moved " + queued.protocol() + " from position " + position + " to " + to);
        }
    }
}
