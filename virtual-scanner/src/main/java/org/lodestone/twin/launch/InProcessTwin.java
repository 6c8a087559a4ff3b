package org.lodestone.twin.launch;

import org.lodestone.hw.link.InMemoryTransport;
import org.lodestone.hw.link.Transport;
import org.lodestone.twin.device.DeviceServer;
import org.lodestone.twin.physics.ScannerModel;
import org.lodestone.twin.truth.TruthWriter;

/**
 * A twin served on a thread of this process over an in-memory pipe: no socat, no child JVM, so a unit test
 * starts one in milliseconds and may give it a hand-made {@link ScannerModel}. The console end is
 * {@link #hostEnd()}. Closing it shuts the server down and closes the model.
 */
public final class InProcessTwin implements AutoCloseable {
    private final ScannerModel model;
    private final DeviceServer server;
    private final InMemoryTransport hostEnd;
    private final Thread serving;

    private InProcessTwin(ScannerModel model, DeviceServer server, InMemoryTransport hostEnd, Thread serving) {
        this.model = model;
        this.server = server;
        this.hostEnd = hostEnd;
        this.serving = serving;
    }

    /** Serves {@code model} (which this twin then owns) with these options; truth may be null. */
    public static InProcessTwin start(ScannerModel model, DeviceServer.Options options, TruthWriter truth, int programMemoryBytes) {
        return serve(model, new DeviceServer(model, options, truth, programMemoryBytes));
    }

    public static InProcessTwin start(ScannerModel model, DeviceServer.Options options, TruthWriter truth) {
        return serve(model, new DeviceServer(model, options, truth));
    }

    private static InProcessTwin serve(ScannerModel model, DeviceServer server) {
        InMemoryTransport[] pair = InMemoryTransport.pair();
        Thread serving = Thread.ofPlatform().daemon().name("twin-in-process").start(() -> {
            try {
                server.serve(pair[1]);
            } catch (InterruptedException ignored) {
                // closing
            }
        });
        return new InProcessTwin(model, server, pair[0], serving);
    }

    /** The console's end of the pipe. */
    public Transport hostEnd() {
        return hostEnd;
    }

    public DeviceServer server() {
        return server;
    }

    public ScannerModel model() {
        return model;
    }

    @Override
    public void close() throws InterruptedException {
        server.shutdown("closed");
        serving.join(2000);
        model.close();
    }
}
