package org.lodestone.console.cli;

import org.lodestone.dicom.outbox.Outbox;
import org.lodestone.dicom.outbox.OutboxJob;
import org.lodestone.workflow.InvalidInputException;
import org.lodestone.workflow.Workflow;
import org.lodestone.workflow.user.Actor;
import org.lodestone.workflow.user.Role;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/** {@code exam close STUDY_UID}: the exam becomes read-only (except for sends); {@code exam hold|release}: keep it from retention. */
@Command(name = "exam", mixinStandardHelpOptions = true, description = "Work on one exam.", subcommands = {ExamCommand.Close.class, ExamCommand.Hold.class, ExamCommand.Release.class, ExamQueueCommand.class})
public final class ExamCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    /** What every exam subcommand takes: the exam's Study Instance UID and who works on it. */
    private abstract static class OnExam implements Callable<Integer> {
        @Parameters(paramLabel = "STUDY_UID")
        String studyUid;
        @Mixin
        WorkflowAccess access;

        /** Hold and release: a service-role change of the exam, audited, and the state it is in now. */
        int serviceChange(String what, Consumer<Workflow> change, String action, Map<String, String> details, String nowState) {
            try (WorkflowAccess.Session session = access.session(Role::mayService, what)) {
                change.accept(session.workflow());
                session.audit(action, "study " + studyUid, details);
                System.out.println("Exam " + studyUid + " " + nowState);
            }
            return 0;
        }
    }

    @Command(name = "close", mixinStandardHelpOptions = true, description = "Close an exam.")
    static final class Close extends OnExam {
        @Option(names = "--unsent-note", paramLabel = "TEXT",
                description = "Close although images are still waiting in the outbox; the reason goes into the audit trail.")
        String unsentNote;

        @Override
        public Integer call() throws SQLException {
            try (WorkflowAccess.Session session = access.session(Role::mayScan, "close exams")) {
                Workflow w = session.workflow();
                // A closed exam is still sent, but closing one that has not reached its PACS is worth a second thought.
                List<String> unsent = new Outbox(w.database().dataSource()).jobs().stream()
                        .filter(j -> j.studyUid().equals(studyUid))
                        .filter(j -> j.status() == OutboxJob.Status.PENDING || j.status() == OutboxJob.Status.SENDING)
                        .map(j -> j.destination() + " (" + j.status().label() + ")").toList();
                if (!unsent.isEmpty() && (unsentNote == null || unsentNote.isBlank())) {
                    throw new InvalidInputException("STUDY_UID", "exam " + studyUid + " is not yet sent to " + String.join(", ", unsent)
                            + "; let 'lodestone outbox run' deliver it, or close anyway with --unsent-note TEXT");
                }
                var e = w.exams().close(studyUid);
                Map<String, String> details = new LinkedHashMap<>();
                details.put("patient", e.patient().id());
                details.put("series", String.valueOf(e.series().size()));
                if (!unsent.isEmpty()) {
                    details.put("unsent", String.join(", ", unsent));
                    details.put("note", unsentNote);
                }
                session.audit("exam.close", "study " + studyUid, details);
                System.out.println("Exam " + studyUid + " closed (" + e.series().size() + " series)");
                OutboxCommand.reportSteps(w); // MPPS: the exam's end to the RIS
            }
            return 0;
        }
    }

    @Command(name = "hold", mixinStandardHelpOptions = true, description = "Put an exam on hold: retention never deletes it until released.")
    static final class Hold extends OnExam {
        @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why it is held (goes into the audit trail).")
        String reason;

        @Override
        public Integer call() {
            return serviceChange("put exams on hold (service role)", w -> w.exams().hold(studyUid, reason), "exam.hold",
                    Map.of("reason", reason.strip()), "is on hold");
        }
    }

    @Command(name = "release", mixinStandardHelpOptions = true, description = "Release an exam's hold: its keep period applies again.")
    static final class Release extends OnExam {
        @Override
        public Integer call() {
            return serviceChange("release exam holds (service role)", w -> w.exams().release(studyUid), "exam.release", Map.of(),
                    "is no longer on hold");
        }
    }
}
