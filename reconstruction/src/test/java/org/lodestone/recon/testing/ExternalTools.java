package org.lodestone.recon.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the reference tools (ISMRMRD utilities, BART) from tests; skips the test if a tool is not installed. */
public final class ExternalTools {

    private ExternalTools() {
    }

    /** Absolute path of {@code name} on PATH, or null. */
    public static Path find(String name) {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String dir : path.split(java.io.File.pathSeparator)) {
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    /** Skips the calling test (JUnit assumption) with a clear message if {@code name} is missing. */
    public static Path require(String name) {
        Path p = find(name);
        assumeTrue(p != null, "reference tool '" + name + "' is not installed (apt-get install "
                + (name.startsWith("ismrmrd") ? "ismrmrd-tools" : name) + "); skipping comparison test");
        return p;
    }

    /** Runs a command in {@code dir}, fails with its output if it exits non-zero; returns stdout+stderr. */
    public static String run(Path dir, String... command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(List.of(command)).directory(dir.toFile()).redirectErrorStream(true);
        // BART reads OMP_NUM_THREADS; keep it small so tests behave on 2-core CI.
        pb.environment().putIfAbsent("OMP_NUM_THREADS", "2");
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("timed out: " + String.join(" ", command));
        }
        String text = new String(out, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new IOException("command failed (exit " + p.exitValue() + "): " + String.join(" ", command) + "\n"
                    + text);
        }
        return text;
    }

    public static String[] cmd(Object... parts) {
        List<String> l = new ArrayList<>();
        for (Object o : parts) {
            l.add(o.toString());
        }
        return l.toArray(String[]::new);
    }
}
