package org.lodestone.console.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the command line as bin/lodestone does, each command a child JVM of its own, on one data directory (the
 * test's LODESTONE_HOME). No user environment leaks in: LODESTONE_USER and LODESTONE_PASSWORD only when a test
 * gives them.
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

    public Run run(String... args) throws Exception {
        return run(Map.of(), args);
    }

    /** Runs a command to its end (at most 4 minutes) with extra environment variables. */
    Run run(Map<String, String> env, String... args) throws Exception {
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
