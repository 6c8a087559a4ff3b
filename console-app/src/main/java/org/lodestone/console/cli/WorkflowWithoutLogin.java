package org.lodestone.console.cli;

import org.lodestone.workflow.Workflow;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * For the commands that open the workflow home without a login (DICOM destinations and the outbox: they change
 * nothing a user is accountable for): this run's workflow home. The others log in through {@link WorkflowAccess}.
 * {@code @Command}: picocli takes a class with no option as a mixin only so.
 */
@Command
final class WorkflowWithoutLogin {
    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    Workflow open() {
        return Main.environment(command).openWorkflow();
    }
}
