package org.lodestone.console.cli;

import org.lodestone.workflow.Workflow;
import org.lodestone.workflow.care.Backup;
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
        Path aside = Backup.restore(access.home(), file);
        try (Workflow w = access.open()) {
            w.audit().append(a.name(), a.role().text(), "restore", "file " + file.toAbsolutePath(), Map.of("previous_data", aside.toString()));
            System.out.println("Restored from " + file + "; the data it replaced are in " + aside + "; " + w.audit().verify().describe());
        }
        return 0;
    }
}
