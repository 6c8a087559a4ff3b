package org.lodestone.console.cli;

import org.lodestone.workflow.Workflow;
import org.lodestone.workflow.recovery.InterruptedSeriesRecovery;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

import java.util.List;

/**
 * Runs before every command (picocli execution strategy): series left in progress by a dead process become
 * interrupted. The twin ({@code simulator}) is the unit, not the console, and is left out.
 */
final class StartupRecovery {
    private StartupRecovery() {
    }

    static int recoverThenRun(CommandLine.ParseResult parsed, CliEnvironment environment) {
        List<String> names = parsed.asCommandLineList().stream().map(CommandLine::getCommandName).toList();
        boolean help = parsed.isUsageHelpRequested() || parsed.isVersionHelpRequested() || names.size() < 2;
        if (!help && !names.contains("simulator") && !names.contains("restore")) {
            try (Workflow w = environment.openWorkflow()) {
                for (InterruptedSeriesRecovery.Recovered r : w.recoverInterruptedSeries()) {
                    System.err.println("lodestone: series " + r.seriesUid() + " was left scanning by a process that ended;"
                            + " marked interrupted with the " + r.linesReceived() + " lines in its raw journal");
                }
            } catch (RuntimeException e) {
                // to the log only: a command that needs the database says in one line that it cannot open it
                LoggerFactory.getLogger(StartupRecovery.class).info("start-up recovery skipped: {}", e.getMessage(), e);
            }
        }
        return new CommandLine.RunLast().execute(parsed);
    }
}
