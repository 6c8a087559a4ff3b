package org.lodestone.console.cli;

import org.lodestone.workflow.care.FileVerifier;
import picocli.CommandLine.Command;

/** {@code verify}: re-hash every stored file; exit 1 naming each damaged one. */
@Command(name = "verify", mixinStandardHelpOptions = true, description = "Re-check the SHA-256 of every stored file.")
public final class VerifyCommand extends WorkflowCommand {
    VerifyCommand() {
        super(r -> true, "verify stored files");
    }

    @Override
    int run(WorkflowAccess.Session session) {
        FileVerifier.Report r = FileVerifier.run(session.workflow().database());
        for (FileVerifier.Damage d : r.damaged()) System.err.println("lodestone: damaged: " + d.path() + ": " + d.problem());
        System.out.println(r.checked() + " files checked, " + r.damaged().size() + " damaged");
        return r.damaged().isEmpty() ? 0 : 1;
    }
}
