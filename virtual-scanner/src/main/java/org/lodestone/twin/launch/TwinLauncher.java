package org.lodestone.twin.launch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The one way to start a virtual scanner in its own process: behind a socat pty pair (a real serial line,
 * the default) or on a TCP port on 127.0.0.1. The console, the CLI and every test that needs a child twin
 * start it here; {@link InProcessTwin} is the in-process variant over a pipe, for fast unit tests.
 */
public final class TwinLauncher {
    private TwinLauncher() {
    }

    /** Starts a twin and waits until it serves (and its GPIO bus, if asked for, is up). */
    public static RunningTwin start(TwinOptions options) throws IOException {
        Path dir = Files.createTempDirectory("lodestone-twin-");
        try {
            return RunningTwin.start(options, dir);
        } catch (IOException | RuntimeException e) {
            deleteQuietly(dir);
            throw e;
        }
    }

    static void deleteQuietly(Path dir) {
        try {
            Files.deleteIfExists(dir.resolve(RunningTwin.HOST_LINK));
            Files.deleteIfExists(dir.resolve(RunningTwin.DEVICE_LINK));
            Files.deleteIfExists(dir);
        } catch (IOException ignored) {
            // a temp dir left behind is harmless
        }
    }
}
