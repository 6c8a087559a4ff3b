package org.lodestone.dicom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The MPPS SCP of the tests: {@code src/test/mpps-scp/mpps-scp.js} over dcmjs-dimse (npm, pinned by its
 * package-lock.json), run by node. Debian has no MPPS SCP; this is a real DIMSE peer that keeps each step's state
 * and writes every N-CREATE / N-SET it accepts as a JSON file.
 */
public final class MppsScpPeer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final Path received;
    private final int port;

    private MppsScpPeer(Process process, Path received, int port) {
        this.process = process;
        this.received = received;
        this.port = port;
    }

    /** Starts the SCP as {@code aeTitle} on a free loopback port, writing what it receives under {@code dir}. */
    public static MppsScpPeer start(String aeTitle, Path dir) throws IOException, InterruptedException {
        return start(aeTitle, dir, Peers.freePort());
    }

    /** On a given port: a RIS that comes back where it was. */
    public static MppsScpPeer start(String aeTitle, Path dir, int port) throws IOException, InterruptedException {
        Path script = installed();
        Path received = dir.resolve("mpps-received");
        Files.createDirectories(received);
        Process p = new ProcessBuilder("node", script.toString(), Integer.toString(port), aeTitle, received.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("mpps-scp-" + port + ".log").toFile()).start();
        Peers.awaitPort(p, port, dir.resolve("mpps-scp-" + port + ".log"));
        return new MppsScpPeer(p, received, port);
    }

    public int port() {
        return port;
    }

    /** The requests accepted so far, in the order they arrived. */
    public List<JsonNode> received() throws IOException {
        List<JsonNode> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(received)) {
            for (Path f : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) out.add(JSON.readTree(f.toFile()));
        }
        return out;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor();
        }
    }

    /**
     * The script with its node_modules: copied to {@code target/mpps-scp} and {@code npm ci} run there once (npm's
     * own cache makes later runs offline). Synchronized: test classes of one JVM share the installation.
     */
    private static synchronized Path installed() throws IOException, InterruptedException {
        Path source = Path.of("src", "test", "mpps-scp").toAbsolutePath();
        Path target = Path.of("target", "mpps-scp").toAbsolutePath();
        Files.createDirectories(target);
        for (String f : List.of("package.json", "package-lock.json", "mpps-scp.js")) {
            Files.copy(source.resolve(f), target.resolve(f), StandardCopyOption.REPLACE_EXISTING);
        }
        if (!Files.isDirectory(target.resolve("node_modules").resolve("dcmjs-dimse"))) {
            Path log = target.resolve("npm-ci.log");
            Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund", "--ignore-scripts")
                    .directory(target.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!npm.waitFor(5, TimeUnit.MINUTES)) {
                npm.destroyForcibly();
                throw new IOException("npm ci did not finish in 5 minutes; see " + log);
            }
            if (npm.exitValue() != 0) throw new IOException("npm ci failed: " + Files.readString(log));
        }
        return target.resolve("mpps-scp.js");
    }
}
