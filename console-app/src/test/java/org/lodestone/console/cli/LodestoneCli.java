package org.lodestone.console.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the command line on one data directory (the test's LODESTONE_HOME): {@link #run} in this JVM, through
 * {@link Main#commandLine} as bin/lodestone does (same error handling and start-up recovery), its standard output
 * and error captured; {@link #runProcess} and {@link #command} as a child JVM, for what only a process shows (a kill,
 * a process exit). No user environment leaks in: LODESTONE_USER and LODESTONE_PASSWORD only when a test gives them.
 */
public final class LodestoneCli {
    private final Path home;
    private final Path logs;

    /** {@code home} is the data directory; command output files go next to it. */
    public LodestoneCli(Path home) throws IOException {
        this.home = home;
        this.logs = Files.createDirectories(home.resolveSibling(home.getFileName() + "-cli"));
    }

    /** What a command did: exit status, standard output, standard error. */
    public record Run(int exit, String out, String err) {
        /** Both streams, error first (so a JSON answer can be found from its first bracket). */
        public String output() {
            return err + out;
        }
    }

    Path home() {
        return home;
    }

    /** The command, not started, its standard error merged into its output (for commands a test kills). */
    ProcessBuilder command(String... args) {
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "--enable-native-access=ALL-UNNAMED", "-Dlodestone.data=" + home, "-cp",
                System.getProperty("java.class.path"), "org.lodestone.console.cli.Main"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("LODESTONE_HOME", home.toString());
        pb.environment().remove("LODESTONE_USER");
        pb.environment().remove("LODESTONE_PASSWORD");
        return pb;
    }

    public Run run(String... args) {
        return run(Map.of(), args);
    }

    /**
     * Runs a command in this JVM to its end with these environment variables (and no others). System.out and
     * System.err are the JVM's own, so in-process runs take turns.
     */
    Run run(Map<String, String> env, String... args) {
        synchronized (LodestoneCli.class) {
            PrintStream out = System.out, err = System.err;
            ByteArrayOutputStream stdout = new ByteArrayOutputStream(), stderr = new ByteArrayOutputStream();
            try {
                System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
                System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
                int exit = Main.commandLine(new Main(new CliEnvironment(home, env))).execute(args);
                System.out.flush();
                System.err.flush();
                return new Run(exit, stdout.toString(StandardCharsets.UTF_8), stderr.toString(StandardCharsets.UTF_8));
            } finally {
                System.setOut(out);
                System.setErr(err);
            }
        }
    }

    public Run runProcess(String... args) throws Exception {
        return runProcess(Map.of(), args);
    }

    /** Runs a command as a child JVM to its end (at most 4 minutes) with extra environment variables. */
    Run runProcess(Map<String, String> env, String... args) throws Exception {
        Path out = Files.createTempFile(logs, "out", ".txt");
        Path err = Files.createTempFile(logs, "err", ".txt");
        ProcessBuilder pb = command(args).redirectErrorStream(false).redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().putAll(env);
        Process p = pb.start();
        if (!p.waitFor(240, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            throw new AssertionError("lodestone " + String.join(" ", args) + " did not finish: " + Files.readString(err) + Files.readString(out));
        }
        return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    }
}
