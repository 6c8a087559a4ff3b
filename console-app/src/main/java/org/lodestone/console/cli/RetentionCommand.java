package org.lodestone.console.cli;

import org.lodestone.workflow.InvalidInputException;
import org.lodestone.workflow.Workflow;
import org.lodestone.workflow.care.Retention;
import org.lodestone.workflow.care.RetentionPurge;
import org.lodestone.workflow.user.Actor;
import org.lodestone.workflow.user.Role;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code retention --dry-run}: which exams have passed their keep period, and why the others stay; {@code --purge} deletes them. */
@Command(name = "retention", mixinStandardHelpOptions = true,
        description = "Review the keep periods (15 years outpatient, 30 inpatient by default; retention.properties in the data directory).")
public final class RetentionCommand implements Callable<Integer> {
    @Option(names = "--dry-run", description = "Only list what could go; nothing is deleted.")
    boolean dryRun;

    @Option(names = "--purge", description = "Delete the files of the exams that could go (administrators only; audited). With --dry-run only lists.")
    boolean purge;

    @Mixin
    WorkflowAccess access;

    @Override
    public Integer call() {
        if (!dryRun && !purge) throw new InvalidInputException("--dry-run", "or --purge needed: say whether to only list or to delete");
        try (Workflow w = access.open()) {
            if (purge && !dryRun) {
                Actor a = access.login(w, r -> r == Role.ADMINISTRATOR, "purge exams (administrators only)");
                List<RetentionPurge.Purged> gone = new RetentionPurge(w.database(), w.retentionPolicy(), w.audit()).run(Instant.now(), a);
                for (RetentionPurge.Purged p : gone) {
                    System.out.printf("purged   %s  patient %s  %d files deleted%s%n", p.studyUid(), p.patientId(), p.filesDeleted(),
                            p.filesMissing() > 0 ? ", " + p.filesMissing() + " already missing" : "");
                }
                System.out.println(gone.size() + " exams purged (their records and the audit trail are kept)");
                return 0;
            }
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
