package org.lodestone.calibration.twin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.lodestone.calibration.run.ProgramRunner;
import org.lodestone.hw.link.SerialTransport;
import org.lodestone.hw.session.ScannerSession;
import org.lodestone.hw.wire.Message;
import org.lodestone.seq.limits.UnitProfile;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Test fixture: the virtual scanner as a real child process on the far end of a socat pty pair,
 * with its truth written to a folder only the test reads.
 */
public final class TwinProcess implements AutoCloseable {
    private final Path dir;
    private final Process socat;
    private final Process twin;
    private final ScannerSession session;
    private final Message.Capabilities capabilities;

    private TwinProcess(Path dir, Process socat, Process twin, ScannerSession session, Message.Capabilities caps) {
        this.dir = dir;
        this.socat = socat;
        this.twin = twin;
        this.session = session;
        this.capabilities = caps;
    }

    /** @param extra further simulator options, e.g. "--phantom", "uniform" */
    public static TwinProcess start(long seed, String... extra) throws Exception {
        Path dir = Files.createTempDirectory("cal-twin-");
        Path host = dir.resolve("ttyHost"), device = dir.resolve("ttyDevice");
        Process socat = new ProcessBuilder("socat", "pty,raw,echo=0,link=" + host, "pty,raw,echo=0,link=" + device)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        long end = System.nanoTime() + 5_000_000_000L;
        while (!(Files.exists(host) && Files.exists(device))) {
            if (System.nanoTime() > end) throw new IOException("socat made no pty pair");
            Thread.sleep(20);
        }
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "--enable-native-access=ALL-UNNAMED", "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                "org.lodestone.twin.SimulatorCommand", "--port", device.toString(), "--seed", Long.toString(seed),
                "--speed", "0", "--truth", dir.resolve("truth").toString()));
        cmd.addAll(List.of(extra));
        Process twin = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        CompletableFuture<Boolean> ready = new CompletableFuture<>();
        Thread.ofPlatform().daemon().start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(twin.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) if (line.contains("virtual scanner ready")) ready.complete(true);
            } catch (IOException ignored) {
                // the child ended
            }
            ready.complete(false);
        });
        if (!ready.get(60, TimeUnit.SECONDS)) {
            twin.destroyForcibly();
            socat.destroyForcibly();
            throw new IOException("the twin did not start");
        }
        ScannerSession s = ScannerSession.open(SerialTransport.open(host.toString(), SerialTransport.Settings.DEFAULT));
        Message.Capabilities caps = s.hello("calibration-test");
        return new TwinProcess(dir, socat, twin, s, caps);
    }

    public ScannerSession session() {
        return session;
    }

    public Message.Capabilities capabilities() {
        return capabilities;
    }

    public ProgramRunner runner() {
        // this twin serves no GPIO bus: nothing to watch, on purpose (the console's tests arm through the interlocks)
        return new ProgramRunner(session, UnitProfile.from(capabilities.limits()), () -> org.lodestone.hw.gpio.Armed.withoutInterlocks("test twin without GPIO"));
    }

    /** The twin's hidden truth as last written (after the latest scan). */
    public JsonNode truth() throws IOException {
        return new ObjectMapper().readTree(dir.resolve("truth").resolve("truth.json").toFile());
    }

    @Override
    public void close() {
        session.close();
        twin.destroy();
        try {
            if (!twin.waitFor(3, TimeUnit.SECONDS)) twin.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        socat.destroy();
    }
}
