package org.lodestone.console.cli;

import org.lodestone.calibration.store.CalibrationStore;
import org.lodestone.workflow.Workflow;
import org.lodestone.workflow.WorkflowHome;

import java.nio.file.Path;
import java.util.Map;

/**
 * What one run of {@code bin/lodestone} reads from outside itself: its data directory and its environment
 * variables (LODESTONE_USER, LODESTONE_PASSWORD, NEW_LODESTONE_PASSWORD). Passed in, never looked up by a
 * command, so a test can run commands in-process, each with a home and environment of its own.
 */
public record CliEnvironment(Path home, Map<String, String> variables) {
    public CliEnvironment {
        variables = Map.copyOf(variables);
    }

    /** This process's: lodestone.data (set by Main from LODESTONE_HOME), else LODESTONE_HOME, else ~/.lodestone. */
    public static CliEnvironment ofThisProcess() {
        return new CliEnvironment(WorkflowHome.fromEnvironment().root(), System.getenv());
    }

    /** The variable's value, or null when it is not set. */
    String variable(String name) {
        return variables.get(name);
    }

    WorkflowHome workflowHome() {
        return new WorkflowHome(home);
    }

    /** The exam database; one sentence for the operator when it cannot be opened (the cause goes to the log). */
    Workflow openWorkflow() {
        WorkflowHome home = workflowHome();
        try {
            return Workflow.open(home);
        } catch (RuntimeException e) {
            throw new IllegalStateException("the exam database in " + home.databaseDirectory() + " cannot be opened; check that "
                    + home.root() + " is the data directory (LODESTONE_HOME) and may be written, or restore a backup"
                    + " (lodestone restore FILE)", e);
        }
    }

    /** The calibration profile in the data directory (the one {@code calibrate} writes). */
    CalibrationStore calibrationStore() {
        return CalibrationStore.inDataDirectory(home);
    }
}
