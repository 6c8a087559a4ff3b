package org.lodestone.console.cli;

import org.lodestone.workflow.InvalidInputException;
import org.lodestone.workflow.Workflow;
import org.lodestone.workflow.care.Retention;
import org.lodestone.workflow.user.Role;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code retention --dry-run}: which exams have passed their keep period, and why the others stay. */
@Command(name = "retention", mixinStandardHelpOptions = true,
        description = "Review the keep periods (15 years outpatient, 30 inpatient by default; retention.properties in the data directory).")
public final class RetentionCommand implements Callable<Integer> {
    @Option(names = "--dry-run", description = "Only list (the only mode for now: nothing is deleted).")
    boolean dryRun;

    @Mixin
    WorkflowAccess access;

    @Override
    public Integer call() {
        if (!dryRun) throw new InvalidInputException("--dry-run", "needed: purging is not offered yet, only the review");
        try (Workflow w = WorkflowAccess.open()) {
            access.login(w, Role::mayService, "review retention (service role)");
            List<Retention.Verdict> verdicts = new Retention(w.database(), w.retentionPolicy()).review(Instant.now());
            long may = verdicts.stream().filter(Retention.Verdict::mayGo).count();
            for (Retention.Verdict v : verdicts) {
                System.out.printf("%-8s %s  patient %s (%s)  %s%n", v.mayGo() ? "could go" : "keep", v.studyUid(), v.patientId(), v.patientClass(), v.reason());
            }
            System.out.println(may + " of " + verdicts.size() + " exams could be deleted; nothing was deleted (dry run)");
        }
        return 0;
    }
}
