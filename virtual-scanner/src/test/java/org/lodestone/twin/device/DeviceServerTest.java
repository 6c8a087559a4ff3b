package org.lodestone.twin.device;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lodestone.hw.link.FramedLink;
import org.lodestone.hw.link.Transport;
import org.lodestone.hw.program.DeviceProgram;
import org.lodestone.hw.program.ProgramCodec;
import org.lodestone.hw.session.AcquisitionListener;
import org.lodestone.hw.session.DeviceException;
import org.lodestone.hw.session.ScannerSession;
import org.lodestone.hw.wire.EventCode;
import org.lodestone.hw.wire.Message;
import org.lodestone.hw.wire.Message.*;
import org.lodestone.twin.LatencyTransport;
import org.lodestone.twin.TestPrograms;
import org.lodestone.twin.TestRecon;
import org.lodestone.twin.launch.InProcessTwin;
import org.lodestone.twin.physics.ScannerModel;
import org.lodestone.twin.physics.SimulatedLine;
import org.lodestone.twin.truth.TruthWriter;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32C;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class DeviceServerTest {
    private ScannerModel model;
    private DeviceServer server;
    private InProcessTwin twin;
    private final List<AutoCloseable> toClose = new ArrayList<>();

    private Transport startDevice(double speed, TruthWriter truth) {
        return startDevice(speed, truth, 200);
    }

    private Transport startDevice(double speed, TruthWriter truth, int heartbeatTimeoutMs) {
        twin = InProcessTwin.start(ScannerModel.forSeed(1), new DeviceServer.Options(heartbeatTimeoutMs, speed, null, 600), truth);
        model = twin.model();
        server = twin.server();
        return twin.hostEnd();
    }

    @AfterEach
    void tearDown() throws Exception {
        for (AutoCloseable c : toClose) c.close();
        if (twin != null) twin.close();
    }

    private ScannerSession session(Transport host) {
        ScannerSession s = ScannerSession.open(new LatencyTransport(host, 3_000_000));
        toClose.add(s);
        return s;
    }

    /** Collects a scan's stream. */
    static final class Collector implements AcquisitionListener {
        final List<AcqData> lines = new CopyOnWriteArrayList<>();
        final List<Event> events = new CopyOnWriteArrayList<>();
        final CompletableFuture<Done> done = new CompletableFuture<>();
        final CompletableFuture<AcqData> first = new CompletableFuture<>();

        @Override
        public void onLine(AcqData line) {
            lines.add(line);
            first.complete(line);
        }

        @Override
        public void onEvent(Event event) {
            events.add(event);
        }

        @Override
        public void onDone(Done d) {
            done.complete(d);
        }

        @Override
        public void onLinkLost(String reason) {
            done.completeExceptionally(new IllegalStateException(reason));
        }
    }

    @Test
    void helloReturnsTheTwinsCapabilities() throws Exception {
        ScannerSession s = session(startDevice(0, null));
        Capabilities c = s.hello("test-host");
        assertThat(c.firmware()).isEqualTo("lodestone-twin 0.1");
        assertThat(c.model()).isEqualTo("Virtual NdFeB 0.35T");
        assertThat(c.fieldTesla()).isEqualTo(0.35);
        assertThat(c.nominalLarmorHz()).isCloseTo(42.577478e6 * 0.35, within(1e-3));
        assertThat(c.tickNs()).isEqualTo(100);
        assertThat(c.gradientRasterTicks()).isEqualTo(100);
        assertThat(c.rfRasterTicks()).isEqualTo(10);
        assertThat(c.maxGradientHzPerM()).isCloseTo(10e-3 * 42.577478e6, within(1e-6));
        assertThat(c.maxSlewHzPerMPerS()).isCloseTo(20 * 42.577478e6, within(1e-3));
        assertThat(c.maxB1Hz()).isCloseTo(20e-6 * 42.577478e6, within(1e-9));
        assertThat(c.receiveChannels()).isEqualTo(2);
        assertThat(c.minDwellNs()).isEqualTo(1000);
        assertThat(c.maxDwellNs()).isEqualTo(1_000_000);
        assertThat(c.maxSamplesPerAdc()).isEqualTo(4096);
        assertThat(c.programMemoryBytes()).isEqualTo(64 << 20);
        assertThat(c.heartbeatTimeoutMs()).isEqualTo(200);
        Sensors sensors = s.readSensors();
        assertThat(sensors.magnetTemperatureC()).isBetween(29.0, 31.0);
        assertThat(server.rfEnabled()).isFalse();
        assertThat(server.gradientsEnabled()).isFalse();
    }

    @Test
    void corruptedCrcIsNackedWithAReason() throws Exception {
        ScannerSession s = session(startDevice(0, null));
        s.hello("test");
        byte[] image = ProgramCodec.encode(TestPrograms.fid(64, 10));
        CRC32C crc = new CRC32C();
        crc.update(image);
        assertThatThrownBy(() -> s.command(new UploadChunk(9, image.length, 0, crc.getValue() ^ 1, image)))
                .isInstanceOf(DeviceException.class).hasMessageContaining("CRC-32C mismatch");
        // a program that does not decode is refused as well
        byte[] junk = {1, 2, 3, 4, 5};
        CRC32C c2 = new CRC32C();
        c2.update(junk);
        assertThatThrownBy(() -> s.command(new UploadChunk(10, junk.length, 0, c2.getValue(), junk)))
                .isInstanceOf(DeviceException.class).hasMessageContaining("does not decode");
        // the intact image is accepted, armed and started
        s.command(new UploadChunk(11, image.length, 0, crc.getValue(), image));
        Collector col = new Collector();
        s.start(11, col);
        assertThat(col.done.get(5, TimeUnit.SECONDS).status()).isEqualTo(Done.COMPLETE);
    }

    @Test
    void programOutsideTheLimitsIsRefused() throws Exception {
        ScannerSession s = session(startDevice(0, null));
        s.hello("test");
        DeviceProgram wrongTick = new DeviceProgram(1000, TestPrograms.fid(64, 10).blocks());
        assertThatThrownBy(() -> s.upload(wrongTick)).hasMessageContaining("tick");
    }

    /**
     * With a console on the GPIO wiring, its amplifier enables rule: START is refused while they are low, and an
     * RF enable dropped mid-scan silences the transmitter at once, with no ABORT on the wire.
     */
    @Test
    void wiredEnablesRefuseStartAndSilenceTheRfAtOnce() throws Exception {
        ScannerSession s = session(startDevice(1.0, null));
        GpioWiring wiring = GpioWiring.start(0, org.lodestone.hw.gpio.GpioConfig.defaults());
        server.wire(wiring);
        com.pi4j.context.Context ctx = org.lodestone.hw.gpio.VirtualGpioProvider.connect("127.0.0.1", wiring.port()).newContext();
        org.lodestone.hw.gpio.UnitGpio console = new org.lodestone.hw.gpio.UnitGpio(ctx, org.lodestone.hw.gpio.GpioConfig.defaults());
        toClose.add(() -> { // console side first, then the wiring
            console.close();
            ctx.shutdown();
            wiring.close();
        });
        s.hello("test");
        double[] starts = new double[16], flips = new double[16];
        for (int i = 0; i < starts.length; i++) {
            starts[i] = 0.08 * i;
            flips[i] = 20; // small, so every FID has signal of about the same size
        }
        int id = s.upload(TestPrograms.fids(starts, flips, 128, 10));

        assertThatThrownBy(() -> s.start(id, new Collector())).hasMessageContaining("amplifier enable low")
                .hasMessageContaining("RF_ENABLE").hasMessageContaining("GRADIENT_ENABLE");

        org.lodestone.hw.gpio.InterlockGuard guard = new org.lodestone.hw.gpio.InterlockGuard(console, e -> { });
        assertThat(guard.armForScan()).isEmpty();
        Collector col = new Collector();
        s.start(id, col);
        while (col.lines.size() < 3) Thread.sleep(1);
        console.set(org.lodestone.hw.gpio.GpioOutput.RF_ENABLE, false);
        int droppedAfter = col.lines.size();
        Done d = col.done.get(5, TimeUnit.SECONDS);
        assertThat(d.status()).isEqualTo(Done.COMPLETE); // nobody sent ABORT: only the enable line changed
        assertThat(col.lines).hasSize(16);
        double on = energy(col.lines.get(0));
        System.out.println("FID energies, RF enable dropped after line " + (droppedAfter - 1) + ": "
                + col.lines.stream().map(a -> String.format("%.3g", energy(a))).toList());
        for (int i = 0; i < droppedAfter; i++) assertThat(energy(col.lines.get(i))).isGreaterThan(0.5 * on);
        for (int i = droppedAfter + 1; i < 16; i++) {
            assertThat(energy(col.lines.get(i))).as("line %d, RF enable low", i).isLessThan(0.01 * on);
        }
    }

    private static double energy(AcqData a) {
        double e = 0;
        for (float v : a.data()) e += (double) v * v;
        return e;
    }

    @Test
    void oneAdcProgramStreamsOneLineThenDone() throws Exception {
        ScannerSession s = session(startDevice(0, null));
        s.hello("test");
        double f = model.hidden().nominalLarmorHz() + 250;
        s.setFrequency(f);
        int id = s.upload(TestPrograms.fid(256, 10));
        Collector col = new Collector();
        s.start(id, col);
        Done d = col.done.get(5, TimeUnit.SECONDS);
        assertThat(d.status()).isEqualTo(Done.COMPLETE);
        assertThat(d.programId()).isEqualTo(id);
        assertThat(d.linesAcquired()).isEqualTo(1);
        assertThat(col.lines).hasSize(1);
        AcqData a = col.lines.get(0);
        assertThat(a.scanCounter()).isZero();
        assertThat(a.channels()).isEqualTo(2);
        assertThat(a.samples()).isEqualTo(256);
        assertThat(a.dwellNs()).isEqualTo(10_000);
        assertThat(a.data()).hasSize(2 * 2 * 256);
        assertThat(a.centreFrequencyHz()).isEqualTo(f);
        assertThat(col.events).anyMatch(e -> e.code() == EventCode.SCAN_STARTED);
        assertThat(server.rfEnabled()).isFalse();
    }

    /**
     * Uses a bare link host, so the device's own framing (lines in fragments) is what is checked.
     */
    @Test
    void imagingScanOverTheWireMatchesTruthNifti(@TempDir Path dir) throws Exception {
        // a generous watchdog: this checks the data, and a loaded machine can delay the raw host's heartbeats past 200 ms
        RawHost host = new RawHost(startDevice(0, new TruthWriter(dir), 2000), true);
        toClose.add(host);
        host.command(new Hello(1, "test"));
        int n = 64;
        // on resonance: a seed's magnet starts up to ±1 K (±18 kHz) off its set point
        host.command(new SetFrequency(model.thermal().larmorHz(0)));
        host.upload(1, TestPrograms.spinEchoImaging(n, 220, 500));
        host.command(new Arm(1));
        host.command(new Start(1));
        List<AcqData> acq = new ArrayList<>();
        Done d = null;
        org.lodestone.hw.wire.LineFragments.Assembly part = null;
        while (d == null) {
            Message m = host.inbox.poll(30, TimeUnit.SECONDS);
            assertThat(m).as("stream").isNotNull();
            if (m instanceof AcqData a) acq.add(a);
            if (m instanceof AcqFragment f) {
                // lines travel in fragments; on this clean link they arrive whole and in order
                if (f.fragment() == 0) part = new org.lodestone.hw.wire.LineFragments.Assembly(f);
                part.add(f);
                if (part.complete()) acq.add(part.line());
            }
            if (m instanceof Done dd) d = dd;
        }
        assertThat(d.status()).isEqualTo(Done.COMPLETE);
        assertThat(d.linesAcquired()).isEqualTo(n);
        assertThat(acq).hasSize(n);
        List<SimulatedLine> lines = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            AcqData a = acq.get(i);
            assertThat(a.scanCounter()).isEqualTo(i);
            assertThat(a.counters().line()).isEqualTo(i);
            lines.add(new SimulatedLine(i, 0, new org.lodestone.hw.program.AdcWindow(0, a.samples(),
                    a.dwellNs(), 0, 0, a.counters(), 0), a.channels(), 0, 0, a.data()));
        }
        double[][] img = TestRecon.rss(lines, n, n, 2);
        float[] truth = readNifti(dir.resolve("truth.nii"), n, n);
        double[] t = new double[truth.length];
        for (int i = 0; i < t.length; i++) t[i] = truth[i];
        double r = TestRecon.pearson(TestRecon.flatten(img), t);
        System.out.printf("over the wire: Pearson(recon, truth.nii) = %.4f%n", r);
        assertThat(r).isGreaterThanOrEqualTo(0.95);
        assertThat(Files.readString(dir.resolve("truth.json"))).contains("\"trueLarmorHz\"").contains("\"rfScale\"");
    }

    static float[] readNifti(Path f, int nx, int ny) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(f)).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(b.getInt(0)).isEqualTo(348);
        assertThat(b.getShort(42)).isEqualTo((short) nx);
        assertThat(b.getShort(44)).isEqualTo((short) ny);
        assertThat(b.getShort(70)).isEqualTo((short) 16);
        int off = (int) b.getFloat(108);
        float[] out = new float[nx * ny];
        for (int i = 0; i < out.length; i++) out[i] = b.getFloat(off + 4 * i);
        return out;
    }

    @Test
    void abortMidScanEndsWithDoneAbortedQuickly() throws Exception {
        ScannerSession s = session(startDevice(1.0, null));
        s.hello("test");
        int id = s.upload(TestPrograms.spinEchoImaging(16, 220, 200)); // 3.2 s in real time
        Collector col = new Collector();
        s.start(id, col);
        col.first.get(2, TimeUnit.SECONDS);
        Thread.sleep(400); // longer than the watchdog window: heartbeats must keep it running
        assertThat(server.rfEnabled()).isTrue();
        long t0 = System.nanoTime();
        s.abort("operator");
        Done d = col.done.get(2, TimeUnit.SECONDS);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertThat(d.status()).isEqualTo(Done.ABORTED);
        assertThat(d.linesAcquired()).isBetween(1L, 15L);
        assertThat(ms).isLessThan(150);
        assertThat(col.events).noneMatch(e -> e.code() == EventCode.HEARTBEAT_LOST);
        assertThat(server.rfEnabled()).isFalse();
    }

    /**
     * A host on a bare FramedLink that keeps every message it receives (so no reply can be
     * missed), with or without heartbeats.
     */
    static final class RawHost implements FramedLink.Handler, AutoCloseable {
        final BlockingQueue<Message> inbox = new LinkedBlockingQueue<>();
        final FramedLink link;
        private final java.util.concurrent.ScheduledExecutorService beats;

        RawHost(Transport t, boolean heartbeats) {
            link = new FramedLink(t, this, "raw-host").start();
            beats = heartbeats ? java.util.concurrent.Executors.newSingleThreadScheduledExecutor() : null;
            if (beats != null) {
                beats.scheduleAtFixedRate(() -> {
                    try {
                        link.send(new Heartbeat(System.nanoTime()));
                    } catch (IOException ignored) {
                        // closing
                    }
                }, 0, 50, TimeUnit.MILLISECONDS);
            }
        }

        void upload(int id, DeviceProgram p) throws Exception {
            byte[] image = ProgramCodec.encode(p);
            CRC32C crc = new CRC32C();
            crc.update(image);
            for (int off = 0; off < image.length; off += 16384) {
                byte[] part = java.util.Arrays.copyOfRange(image, off, Math.min(image.length, off + 16384));
                command(new UploadChunk(id, image.length, off, crc.getValue(), part));
            }
        }

        @Override
        public void onMessage(long seq, Message message) {
            inbox.add(message);
        }

        @Override
        public void onClosed(String reason) {
        }

        void command(Message m) throws Exception {
            long seq = link.send(m);
            while (true) {
                Message r = inbox.poll(2, TimeUnit.SECONDS);
                assertThat(r).as("answer to " + m).isNotNull();
                if (r instanceof Ack a && a.ackedSeq() == seq) return;
                if (r instanceof Nack n && n.nackedSeq() == seq) throw new AssertionError("NACK: " + n.reason());
            }
        }

        <T extends Message> T next(Class<T> type, long timeoutMs) throws InterruptedException {
            long end = System.nanoTime() + timeoutMs * 1_000_000;
            while (true) {
                Message m = inbox.poll(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (m == null) return null;
                if (type.isInstance(m)) return type.cast(m);
            }
        }

        @Override
        public void close() {
            if (beats != null) beats.shutdownNow();
            link.close();
        }
    }

    @Test
    void silenceGatesRfAndGradientsWithinTheWindow() throws Exception {
        RawHost host = new RawHost(startDevice(1.0, null), false);
        toClose.add(host);
        host.command(new Hello(1, "silent"));
        host.upload(1, TestPrograms.spinEchoImaging(16, 220, 200));
        host.command(new Arm(1));
        host.command(new Start(1));
        long t0 = System.nanoTime();
        Event e = null;
        while (e == null || e.code() != EventCode.HEARTBEAT_LOST) {
            e = host.next(Event.class, 1000);
            assertThat(e).as("HEARTBEAT_LOST event").isNotNull();
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertThat(server.rfEnabled()).isFalse();
        assertThat(server.gradientsEnabled()).isFalse();
        assertThat(server.lastGateLatencyMs()).isBetween(200L, 250L);
        assertThat(ms).isLessThan(400);
        // Paused, holding its place: nobody resumes it, so the 600 ms resume window ends it.
        assertThat(server.scanning()).isTrue();
        Done d = host.next(Done.class, 2000);
        assertThat(d).isNotNull();
        assertThat(d.status()).isEqualTo(Done.ABORTED);
    }
}
