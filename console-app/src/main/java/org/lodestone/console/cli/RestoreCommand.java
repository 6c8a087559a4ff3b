package org.lodestone.console.cli;

import org.lodestone.workflow.InvalidInputException;
import org.lodestone.workflow.Workflow;
import org.lodestone.workflow.care.Backup;
import org.lodestone.workflow.store.Database;
import org.lodestone.workflow.user.Actor;
import org.lodestone.workflow.user.Role;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code restore FILE}: the data now there are moved aside, never deleted. Run with the console closed. */
@Command(name = "restore", mixinStandardHelpOptions = true, description = "Restore a backup (close the console first).")
public final class RestoreCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE")
    Path file;

    @Mixin
    WorkflowAccess access;

    @Override
    public Integer call() {
        Actor a;
        try (WorkflowAccess.Session session = access.session(Role::mayService, "restore backups (service role)")) {
            a = session.actor();
        }
        // the data are moved aside: a console or scan still writing there would write its exam into the old copy
        if (Database.inUseByAnotherProcess(access.home())) {
            throw new InvalidInputException("restore", "the data in " + access.home().root() + " are in use by another Lodestone"
                    + " process (a console, a scan, an outbox run): close it first, then restore");
        }
        Path aside = Backup.restore(access.home(), file);
        try (Workflow w = access.open()) {
            w.audit().append(a.name(), a.role().text(), "restore", "file " + file.toAbsolutePath(), Map.of("previous_data", aside.toString()));
            System.out.println("Restored from " + file + "; the data it replaced are in " + aside + "; " + w.audit().verify().describe());
        }
        return 0;
    }
}
