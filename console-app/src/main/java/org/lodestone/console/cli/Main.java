package org.lodestone.console.cli;

import org.lodestone.twin.SimulatorCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.nio.file.Path;

/** {@code bin/lodestone}: one entry point, one job per subcommand. */
@Command(name = "lodestone", mixinStandardHelpOptions = true, version = "Lodestone 0.1.0",
        description = "Operator console for permanent-magnet low-field MRI units.",
        subcommands = {ConsoleCommand.class, ScanCommand.class, SimulatorCommand.class, ReconCommand.class, SeqCommand.class,
                CalibrateCommand.class,
                PacsCommand.class, ExportCommand.class, SendCommand.class, OutboxCommand.class, WorklistCommand.class,
                PatientCommand.class, PatientsCommand.class, ExamsCommand.class, ExamCommand.class, AuditCommand.class, UserCommand.class, RetentionCommand.class, VerifyCommand.class, BackupCommand.class, RestoreCommand.class,
                ReconServerCommand.class, HubCommand.class, MobileCommand.class})
public final class Main implements Runnable {
    /** Exit status of bad input and of a refusal before anything played (interlock, door, limit): every command. */
    static final int REFUSED = 2;

    private final CliEnvironment environment;

    public Main() {
        this(CliEnvironment.ofThisProcess());
    }

    public Main(CliEnvironment environment) {
        this.environment = environment;
    }

    public static void main(String[] args) {
        // Plots and previews are drawn off-screen with java.awt; the window is JavaFX. Headless AWT never
        // tries the X server, so a PNG is written the same on a truck's console and over ssh.
        System.setProperty("java.awt.headless", "true");
        DataDirectory.configureLogging();
        System.exit(commandLine(new Main()).execute(args));
    }

    /** The command line as bin/lodestone runs it: one-sentence errors (exit 2), start-up recovery first. */
    public static CommandLine commandLine(Main main) {
        CommandLine cl = new CommandLine(main);
        // Operators see a sentence, not a stack trace.
        cl.setExecutionExceptionHandler((ex, cmd, parse) -> {
            org.slf4j.LoggerFactory.getLogger(Main.class).debug("command failed", ex);
            cmd.getErr().println("lodestone: " + OperatorSentence.of(ex));
            return REFUSED;
        });
        // a mistyped command line: the one line that says what is wrong and where the help is, not the whole usage
        cl.setParameterExceptionHandler((ex, args) -> {
            String name = ex.getCommandLine().getCommandSpec().qualifiedName();
            ex.getCommandLine().getErr().println("lodestone: " + ex.getMessage() + " (see: " + name + " --help)");
            return REFUSED;
        });
        // series left in progress by a dead process become interrupted
        cl.setExecutionStrategy(parsed -> StartupRecovery.recoverThenRun(parsed, main.environment));
        return cl;
    }

    /** The environment of the run a command belongs to (this process's when it runs outside Main). */
    static CliEnvironment environment(CommandLine.Model.CommandSpec command) {
        return command.root().userObject() instanceof Main m ? m.environment : CliEnvironment.ofThisProcess();
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    /** Where exams, logs and settings live. */
    public static final class DataDirectory {
        private DataDirectory() {
        }

        public static Path get() {
            String env = System.getenv("LODESTONE_HOME");
            return env != null && !env.isBlank() ? Path.of(env) : Path.of(System.getProperty("user.home"), ".lodestone");
        }

        /** Points logback's file appenders at the data directory; call before the first logger. */
        public static void configureLogging() {
            if (System.getProperty("lodestone.data") == null) System.setProperty("lodestone.data", get().toString());
            // a log folder that cannot be written must not pour logback's own status report onto the terminal
            if (System.getProperty("logback.statusListenerClass") == null) {
                System.setProperty("logback.statusListenerClass", "ch.qos.logback.core.status.NopStatusListener");
            }
        }
    }
}
