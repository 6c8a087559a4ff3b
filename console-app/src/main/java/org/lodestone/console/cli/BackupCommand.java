package org.lodestone.console.cli;

import org.lodestone.workflow.InvalidInputException;
import org.lodestone.workflow.Workflow;
import org.lodestone.workflow.care.Backup;
import org.lodestone.workflow.user.Role;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** {@code backup --out FILE}: consistent while the console scans. */
@Command(name = "backup", mixinStandardHelpOptions = true, description = "Back up the database, audit trail, exam files and calibration.")
public final class BackupCommand extends WorkflowCommand {
    @Option(names = "--out", required = true, paramLabel = "FILE")
    Path out;

    BackupCommand() {
        super(Role::mayService, "make backups (service role)");
    }

    @Override
    int run(WorkflowAccess.Session session) {
        // before the audit entry: a backup that cannot be written there must not be recorded as made
        if (Files.isDirectory(out)) {
            throw new InvalidInputException("--out", out + " is a folder; give the backup file's name, e.g. "
                    + out.resolve("lodestone-backup.zip"));
        }
        Workflow w = session.workflow();
        session.audit("backup", "file " + out.toAbsolutePath(), Map.of());
        Backup.Summary s = Backup.write(w.home(), w.database(), out);
        System.out.printf("Backup written: %s (%d files, %.1f MB)%n", s.file().toAbsolutePath(), s.files(), s.bytes() / 1e6);
        return 0;
    }
}
