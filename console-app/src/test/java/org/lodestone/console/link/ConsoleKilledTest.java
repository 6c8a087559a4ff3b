package org.lodestone.console.link;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * kill -9 of the console mid-scan: the unit (the virtual scanner, its own process) must gate RF and
 * gradients within 250 ms of the last heartbeat and log it with a timestamp.
 */
class ConsoleKilledTest {
    private static final Pattern GATED = Pattern.compile("(\\S+) heartbeat lost: no HEARTBEAT for (\\d+) ms");

    @TempDir
    Path tmp;
    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void stop() {
        processes.forEach(Process::destroyForcibly);
    }

    @Test
    void theUnitGatesWithin250msOfTheConsoleDying() throws Exception {
        Path host = tmp.resolve("ttyHost"), device = tmp.resolve("ttyDevice");
        processes.add(new ProcessBuilder("socat", "pty,raw,echo=0,link=" + host, "pty,raw,echo=0,link=" + device)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start());
        for (int i = 0; i < 250 && !(Files.exists(host) && Files.exists(device)); i++) Thread.sleep(20);
        String javaBin = ProcessHandle.current().info().command().orElse("java");
        String cp = System.getProperty("java.class.path");
        Path simOut = tmp.resolve("sim.out");
        Process sim = new ProcessBuilder(javaBin, "--enable-native-access=ALL-UNNAMED", "-Dlodestone.data=" + tmp.resolve("data"),
                "-Dlodestone.log.name=simulator", "-cp", cp, "org.lodestone.twin.SimulatorCommand",
                "--port", device.toString(), "--speed", "1")
                .redirectErrorStream(true).redirectOutput(simOut.toFile()).start();
        processes.add(sim);
        waitFor(simOut, "virtual scanner ready", 30_000);

        Path out = tmp.resolve("exam");
        Process console = new ProcessBuilder(javaBin, "--enable-native-access=ALL-UNNAMED", "-Dlodestone.data=" + tmp.resolve("data"),
                "-cp", cp, "org.lodestone.console.cli.Main", "scan", "--protocol", "se2d", "--param", "matrix=64",
                "--param", "tr=100", "--port", host.toString(), "--gpio", "none", "--out", out.toString())
                .redirectErrorStream(true).redirectOutput(tmp.resolve("console.out").toFile()).start();
        processes.add(console);
        // Mid-scan: some lines are on disk.
        Path raw = out.resolve("raw.mrd");
        long deadline = System.currentTimeMillis() + 60_000;
        while (!(Files.exists(raw) && Files.size(raw) > 20_000)) {
            assertThat(System.currentTimeMillis()).as("the scan did not start: " + read(tmp.resolve("console.out"))).isLessThan(deadline);
            Thread.sleep(50);
        }
        console.destroyForcibly(); // SIGKILL: no goodbye, no ABORT
        console.waitFor();

        String log = waitFor(simOut, "heartbeat lost", 5_000);
        Matcher m = GATED.matcher(log);
        assertThat(m.find()).as(log).isTrue();
        long ms = Long.parseLong(m.group(2));
        System.out.println("virtual scanner: " + m.group(0));
        assertThat(java.time.Instant.parse(m.group(1))).isNotNull(); // the event carries a timestamp
        assertThat(ms).isBetween(200L, 250L);
    }

    private static String read(Path p) throws IOException {
        return Files.exists(p) ? Files.readString(p) : "";
    }

    private static String waitFor(Path file, String text, long timeoutMs) throws Exception {
        long end = System.currentTimeMillis() + timeoutMs;
        while (System.currentTimeMillis() < end) {
            String s = read(file);
            if (s.contains(text)) return s;
            Thread.sleep(20);
        }
        throw new AssertionError("'" + text + "' not seen in: " + read(file));
    }
}
