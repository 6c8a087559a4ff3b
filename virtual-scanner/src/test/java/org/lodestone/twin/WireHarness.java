package org.lodestone.twin;

import org.lodestone.hw.program.DeviceProgram;
import org.lodestone.hw.session.AcquisitionListener;
import org.lodestone.hw.session.ScannerSession;
import org.lodestone.hw.wire.Message;
import org.lodestone.twin.device.DeviceServer;
import org.lodestone.twin.launch.InProcessTwin;
import org.lodestone.twin.physics.ScannerModel;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** A twin served in process over a pipe ({@link InProcessTwin}) and a real ScannerSession talking to it. */
public final class WireHarness implements AutoCloseable {
    public final ScannerModel model;
    public final DeviceServer server;
    public final ScannerSession session;
    private final InProcessTwin twin;

    public WireHarness(ScannerModel model, DeviceServer.Options options) throws Exception {
        this(model, options, null);
    }

    /** With a truth writer (tests may capture the twin's ideal image through it). */
    public WireHarness(ScannerModel model, DeviceServer.Options options, org.lodestone.twin.truth.TruthWriter truth) throws Exception {
        this.model = model;
        this.twin = InProcessTwin.start(model, options, truth);
        this.server = twin.server();
        session = ScannerSession.open(twin.hostEnd());
        session.hello("acceptance");
    }

    /** What one scan returned. */
    public record Result(List<Message.AcqData> lines, List<Message.Event> events, Message.Done done) {
        public double re(int line, int channel, int sample) {
            Message.AcqData a = lines.get(line);
            return a.data()[2 * (channel * a.samples() + sample)];
        }

        public double im(int line, int channel, int sample) {
            Message.AcqData a = lines.get(line);
            return a.data()[2 * (channel * a.samples() + sample) + 1];
        }
    }

    public Result run(DeviceProgram p) throws Exception {
        int id = session.upload(p);
        List<Message.AcqData> lines = new CopyOnWriteArrayList<>();
        List<Message.Event> events = new CopyOnWriteArrayList<>();
        CompletableFuture<Message.Done> done = new CompletableFuture<>();
        session.start(id, new AcquisitionListener() {
            @Override
            public void onLine(Message.AcqData line) {
                lines.add(line);
            }

            @Override
            public void onEvent(Message.Event event) {
                events.add(event);
            }

            @Override
            public void onDone(Message.Done d) {
                done.complete(d);
            }

            @Override
            public void onLinkLost(String reason) {
                done.completeExceptionally(new IllegalStateException(reason));
            }
        });
        Message.Done d = done.get(120, TimeUnit.SECONDS);
        return new Result(List.copyOf(lines), List.copyOf(events), d);
    }

    @Override
    public void close() throws Exception {
        session.close();
        twin.close();
    }
}
