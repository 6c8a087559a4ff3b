package org.lodestone.calibration.twin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.lodestone.calibration.run.ProgramRunner;
import org.lodestone.hw.link.SerialTransport;
import org.lodestone.hw.session.ScannerSession;
import org.lodestone.hw.wire.Message;
import org.lodestone.seq.limits.UnitProfile;
import org.lodestone.twin.launch.RunningTwin;
import org.lodestone.twin.launch.TwinLauncher;
import org.lodestone.twin.launch.TwinOptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Test fixture: a session on a virtual scanner started through the twin's launcher (a real child process
 * behind a socat pty pair, speed 0), with its truth written to a folder only the test reads.
 */
public final class TwinProcess implements AutoCloseable {
    private final RunningTwin twin;
    private final Path truthDir;
    private final ScannerSession session;
    private final Message.Capabilities capabilities;

    private TwinProcess(RunningTwin twin, Path truthDir, ScannerSession session, Message.Capabilities caps) {
        this.twin = twin;
        this.truthDir = truthDir;
        this.session = session;
        this.capabilities = caps;
    }

    /** @param extra further simulator options, e.g. "--phantom", "uniform" */
    public static TwinProcess start(long seed, String... extra) throws Exception {
        Path truth = Files.createTempDirectory("cal-twin-truth-");
        RunningTwin twin = TwinLauncher.start(TwinOptions.forTests(seed).withTruth(truth).withArgs(extra));
        try {
            ScannerSession s = ScannerSession.open(SerialTransport.open(twin.portSpec(), SerialTransport.Settings.DEFAULT));
            Message.Capabilities caps = s.hello("calibration-test");
            return new TwinProcess(twin, truth, s, caps);
        } catch (Exception e) {
            twin.close();
            throw e;
        }
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
        return new ObjectMapper().readTree(truthDir.resolve("truth.json").toFile());
    }

    @Override
    public void close() {
        session.close();
        twin.close();
    }
}
