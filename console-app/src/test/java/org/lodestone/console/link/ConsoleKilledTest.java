package org.lodestone.console.link;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.lodestone.twin.testing.TwinExtension;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * kill -9 of the console mid-scan: the unit (the virtual scanner, its own process) must gate RF and
 * gradients within 250 ms of the last heartbeat and log it with a timestamp. The twin comes from the launcher;
 * the console is a process of its own so that it can be killed.
 */
class ConsoleKilledTest {
    private static final Pattern GATED = Pattern.compile("(\\S+) heartbeat lost: no HEARTBEAT for (\\d+) ms");

    @RegisterExtension
    static final TwinExtension twin = TwinExtension.builder().speed(1).build();

    @TempDir
    Path tmp;
    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void stop() {
        processes.forEach(Process::destroyForcibly);
    }

    @Test
    void theUnitGatesWithin250msOfTheConsoleDying() throws Exception {
        String javaBin = ProcessHandle.current().info().command().orElse("java");
        String cp = System.getProperty("java.class.path");
        Path out = tmp.resolve("exam");
        Process console = new ProcessBuilder(javaBin, "--enable-native-access=ALL-UNNAMED", "-Dlodestone.data=" + tmp.resolve("data"),
                "-cp", cp, "org.lodestone.console.cli.Main", "scan", "--protocol", "se2d", "--param", "matrix=64",
                "--param", "tr=100", "--port", twin.portSpec(), "--gpio", "none", "--out", out.toString())
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

        String line = twin.twin().awaitOutput("heartbeat lost", Duration.ofSeconds(5))
                .orElseThrow(() -> new AssertionError("no 'heartbeat lost' in: " + String.join("\n", twin.twin().recentOutput())));
        Matcher m = GATED.matcher(line);
        assertThat(m.find()).as(line).isTrue();
        long ms = Long.parseLong(m.group(2));
        System.out.println("virtual scanner: " + m.group(0));
        assertThat(java.time.Instant.parse(m.group(1))).isNotNull(); // the event carries a timestamp
        assertThat(ms).isBetween(200L, 250L);
    }

    private static String read(Path p) throws IOException {
        return Files.exists(p) ? Files.readString(p) : "";
    }
}
