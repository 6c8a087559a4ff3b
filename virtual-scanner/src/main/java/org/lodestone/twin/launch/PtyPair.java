package org.lodestone.twin.launch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A socat pseudo-terminal pair: the console opens {@link #host()}, the twin serves {@link #device()}. The
 * two paths are symlinks made by socat; a pair made again at the same paths is the same "port". Public so
 * that a test can put a second line in front of a twin (console ⇄ pair ⇄ relay ⇄ twin's pair ⇄ twin).
 */
public record PtyPair(Path host, Path device, Process socat) implements AutoCloseable {
    /** Makes the pair at these two paths and waits until both exist. */
    public static PtyPair open(Path host, Path device) throws IOException {
        // links left by a socat that was killed would stop the new one from making its own
        Files.deleteIfExists(host);
        Files.deleteIfExists(device);
        Process socat;
        try {
            socat = new ProcessBuilder("socat", "pty,raw,echo=0,link=" + host, "pty,raw,echo=0,link=" + device)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new IOException("cannot start socat to make the serial line to the virtual scanner ("
                    + e.getMessage() + "); install it with: apt-get install socat", e);
        }
        long end = System.nanoTime() + 5_000_000_000L;
        while (!(Files.exists(host) && Files.exists(device))) {
            if (!socat.isAlive() || System.nanoTime() > end) {
                socat.destroyForcibly();
                throw new IOException("socat did not create the pty pair for the virtual scanner");
            }
            sleep(20);
        }
        return new PtyPair(host, device, socat);
    }

    /** Ends socat: both device nodes vanish (socat removes its links). */
    @Override
    public void close() {
        socat.destroy();
        try {
            if (!socat.waitFor(2, TimeUnit.SECONDS)) socat.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long ms) throws IOException {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for socat");
        }
    }
}
