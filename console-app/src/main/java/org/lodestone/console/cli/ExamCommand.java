package org.lodestone.console.cli;

import org.lodestone.workflow.Workflow;
import org.lodestone.workflow.user.Actor;
import org.lodestone.workflow.user.Role;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.util.Map;
import java.util.concurrent.Callable;

/** {@code exam close STUDY_UID}: the exam becomes read-only (except for sends). */
@Command(name = "exam", mixinStandardHelpOptions = true, description = "Work on one exam.", subcommands = ExamCommand.Close.class)
public final class ExamCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    @Command(name = "close", mixinStandardHelpOptions = true, description = "Close an exam.")
    static final class Close implements Callable<Integer> {
        @Parameters(paramLabel = "STUDY_UID")
        String studyUid;
        @Mixin
        WorkflowAccess access;

        @Override
        public Integer call() {
            try (Workflow w = WorkflowAccess.open()) {
                Actor a = access.login(w, Role::mayScan, "close exams");
                var e = w.exams().close(studyUid);
                w.audit().append(a.name(), a.role().text(), "exam.close", "study " + studyUid,
                        Map.of("patient", e.patient().id(), "series", String.valueOf(e.series().size())));
                System.out.println("Exam " + studyUid + " closed (" + e.series().size() + " series)");
            }
            return 0;
        }
    }
}
