package org.lodestone.remote.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A real Debian mosquitto on a free loopback port with a config file of its own (anonymous, and
 * persistence in the test's folder so a stopped and restarted broker keeps a subscriber's session
 * and queued messages). {@link #stop()} and {@link #start()} may be called again: same port.
 */
public final class MosquittoBroker implements AutoCloseable {
    private final Path dir;
    private final int port;
    private Process process;

    public MosquittoBroker(Path dir) throws IOException {
        this.dir = Files.createDirectories(dir);
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            this.port = s.getLocalPort();
        }
        Files.writeString(dir.resolve("mosquitto.conf"), String.join("\n",
                "listener " + port + " 127.0.0.1",
                "allow_anonymous true",
                "persistence true",
                "persistence_location " + dir.toAbsolutePath() + "/",
                "log_dest file " + dir.resolve("mosquitto.log").toAbsolutePath(),
                "max_queued_messages 100000",
                ""));
    }

    public static String executable() {
        for (String p : new String[]{"/usr/sbin/mosquitto", "/usr/bin/mosquitto"}) if (Files.isExecutable(Path.of(p))) return p;
        return "mosquitto";
    }

    public synchronized void start() throws IOException, InterruptedException {
        process = new ProcessBuilder(executable(), "-c", dir.resolve("mosquitto.conf").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("mosquitto.out").toFile()).start();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < end) {
            if (!process.isAlive()) throw new IOException("mosquitto exited: " + Files.readString(dir.resolve("mosquitto.out")));
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new IOException("mosquitto did not listen on port " + port + " within 10 s");
    }

    /** SIGTERM: mosquitto writes its persistence file and exits. */
    public synchronized void stop() throws InterruptedException {
        if (process == null) return;
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) process.destroyForcibly().waitFor();
        process = null;
    }

    public String url() {
        return "mqtt://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
