package org.lodestone.twin.device;

import org.lodestone.hw.link.FramedLink;
import org.lodestone.hw.link.Transport;
import org.lodestone.hw.program.AdcWindow;
import org.lodestone.hw.program.DeviceProgram;
import org.lodestone.hw.program.ProgramBlock;
import org.lodestone.hw.program.ProgramCodec;
import org.lodestone.hw.program.RfPulse;
import org.lodestone.hw.program.GradientWaveform;
import org.lodestone.hw.session.ScannerSession;
import org.lodestone.hw.wire.EventCode;
import org.lodestone.hw.wire.LineFragments;
import org.lodestone.hw.wire.Message;
import org.lodestone.hw.wire.Message.*;
import org.lodestone.hw.wire.ProtocolException;
import org.lodestone.twin.physics.AcquisitionSettings;
import org.lodestone.twin.physics.ProgramAnalysis;
import org.lodestone.twin.physics.ScanSimulation;
import org.lodestone.twin.physics.ScannerModel;
import org.lodestone.twin.physics.SimulatedLine;
import org.lodestone.twin.truth.TruthVolume;
import org.lodestone.twin.truth.TruthWriter;
import org.lodestone.twin.script.EventScript;
import org.lodestone.twin.script.ScriptEvent;
import org.lodestone.hw.gpio.GpioInput;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32C;

/**
 * The device side of the sequencer protocol, backed by the Bloch-simulated twin. Serves one host
 * at a time over a {@link Transport}: answers every command with ACK or NACK, assembles and
 * checks uploaded programs, runs them on a scan thread that streams ACQ_DATA paced to the
 * program's own timing, and gates RF and gradients off whenever heartbeats stop.
 */
public final class DeviceServer {
    private static final Logger log = LoggerFactory.getLogger(DeviceServer.class);

    /** NACK codes. */
    public static final int NACK_BAD_REQUEST = 1;
    public static final int NACK_CRC = 2;
    public static final int NACK_PROGRAM = 3;
    public static final int NACK_STATE = 4;
    public static final int NACK_TOO_LARGE = 5;
    public static final int NACK_LINES_GONE = 6;
    /** At speed 0 (no pacing) a streamed program waits this long, in real time, for its next segment. */
    static final long STREAM_WAIT_AT_SPEED_0_MS = 2000;

    /**
     * @param heartbeatTimeoutMs silence after which the watchdog gates RF/gradients off
     * @param speed              1 = deliver lines in real time, 2 = twice as fast, 0 = as fast as possible
     */
    /**
     * @param heartbeatTimeoutMs silence after which RF and gradients are gated off and a scan pauses
     * @param resumeWindowMs     how long a paused scan waits for the host to resume it before it aborts
     */
    public record Options(int heartbeatTimeoutMs, double speed, EventScript script, long resumeWindowMs) {
        public static final long DEFAULT_RESUME_WINDOW_MS = 10_000;
        public static final Options DEFAULT = new Options(TwinCapabilities.DEFAULT_HEARTBEAT_TIMEOUT_MS, 1.0);

        public Options {
            if (heartbeatTimeoutMs <= 0) throw new IllegalArgumentException("heartbeat timeout must be positive");
            if (!(speed >= 0) || Double.isInfinite(speed)) throw new IllegalArgumentException("speed must be ≥ 0");
            if (script == null) script = EventScript.EMPTY;
            if (resumeWindowMs <= 0) throw new IllegalArgumentException("resume window must be positive");
        }

        public Options(int heartbeatTimeoutMs, double speed, EventScript script) {
            this(heartbeatTimeoutMs, speed, script, DEFAULT_RESUME_WINDOW_MS);
        }

        public Options(int heartbeatTimeoutMs, double speed) {
            this(heartbeatTimeoutMs, speed, EventScript.EMPTY);
        }
    }

    /** SENSORS interlock bits. */
    public static final int INTERLOCK_DOOR = 1;
    public static final int INTERLOCK_ESTOP = 2;
    public static final int SENSOR_FAULT_MAGNET = 4;
    public static final int SENSOR_FAULT_AMBIENT = 8;
    public static final int SENSOR_FAULT_RF = 16;
    /** Bits that gate RF and gradients and refuse START. */
    public static final int GATING_BITS = INTERLOCK_DOOR | INTERLOCK_ESTOP;

    private final ScannerModel model;
    private final Options options;
    private final TruthWriter truthWriter;
    private final Capabilities capabilities;
    private final long bootNanos = System.nanoTime();
    private final TwinClock clock;
    private final Object eventLock = new Object();
    private int nextEvent;
    private volatile int interlockBits;
    /** The room's interlock wiring to the console's GPIO, when the twin serves a GPIO bus. */
    private volatile GpioWiring wiring;
    private volatile long stallUntilNanos;

    // device state, kept across host connections like a real board's
    private final Map<Integer, DeviceProgram> programs = new HashMap<>();
    /** Bytes each resident program takes of the program memory, oldest upload first. */
    private final Map<Integer, Integer> programBytes = new java.util.LinkedHashMap<>();
    /** Streamed programs by the id of their first segment: the segments queued behind it. */
    private final Map<Integer, StreamQueue> streams = new HashMap<>();
    private volatile AcquisitionSettings settings;
    private Upload upload;
    private int armedId = -1;
    private long scanCount;

    // safety state
    private volatile boolean rfEnabled;
    private volatile boolean gradientsEnabled;
    private volatile long lastHeartbeatNanos = System.nanoTime();
    private volatile long watchStartNanos;
    private volatile long lastGateLatencyMs = -1;
    private volatile ScanRun scan;

    // connection
    private volatile FramedLink link;

    // ---- link reliability ----
    /** Replies to recent commands by sequence number: a retransmitted command is answered again, not run again. */
    private final Map<Long, Recorded> recentReplies = new java.util.LinkedHashMap<>(64, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Recorded> e) {
            return size() > 256;
        }
    };
    private volatile Thread handlerThread;
    private List<Message> recording;
    /** The last lines sent, for RESEND_LINES after a link outage; bounded by CAPABILITIES.lineBufferLines. */
    private final java.util.ArrayDeque<AcqData> lineBuffer = new java.util.ArrayDeque<>();
    private volatile int lastProgramId = -1;
    private volatile long lastLines;
    private volatile int lastDoneStatus = -1;

    private record Recorded(int type, byte[] payload, List<Message> replies) {
    }
    private volatile CountDownLatch closed;
    private volatile String closeReason;

    public DeviceServer(ScannerModel model, Options options, TruthWriter truthWriter) {
        this(model, options, truthWriter, TwinCapabilities.DEFAULT_PROGRAM_MEMORY_BYTES);
    }

    /** A unit whose board holds {@code programMemoryBytes} of program: longer programs must be streamed. */
    public DeviceServer(ScannerModel model, Options options, TruthWriter truthWriter, int programMemoryBytes) {
        this.model = model;
        this.options = options;
        this.truthWriter = truthWriter;
        this.capabilities = TwinCapabilities.create(options.heartbeatTimeoutMs(), model.hidden().magnet().profile(),
                model.receiveChannels(), programMemoryBytes);
        this.settings = model.defaultSettings();
        this.clock = new TwinClock(options.speed());
        if (truthWriter != null) {
            try {
                log.info("Hidden parameters written to {}", truthWriter.writeParameters(model));
            } catch (IOException e) {
                log.warn("Could not write truth.json: {}", e.getMessage());
            }
        }
    }

    public Capabilities capabilities() {
        return capabilities;
    }

    public boolean rfEnabled() {
        return rfEnabled;
    }

    public boolean gradientsEnabled() {
        return gradientsEnabled;
    }

    public boolean scanning() {
        ScanRun s = scan;
        return s != null && s.thread.isAlive() && !s.finished;
    }

    /** Heartbeat silence (ms) at the moment the watchdog last gated the amplifiers off; -1 if it never did. */
    public long lastGateLatencyMs() {
        return lastGateLatencyMs;
    }

    public AcquisitionSettings settings() {
        return settings;
    }

    /**
     * Serves one host until the link closes (or {@link #shutdown} is called). Returns why it ended.
     */
    public String serve(Transport transport) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        closed = done;
        closeReason = null;
        lastHeartbeatNanos = System.nanoTime();
        synchronized (recentReplies) {
            recentReplies.clear();
        }
        FramedLink l = new FramedLink(transport, new Handler(), "twin");
        link = l;
        ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(
                r -> Thread.ofPlatform().daemon().name("twin-watchdog").unstarted(r));
        int period = Math.max(1, Math.min(10, options.heartbeatTimeoutMs() / 10));
        watchdog.scheduleAtFixedRate(this::watch, period, period, TimeUnit.MILLISECONDS);
        log.info("Serving host on {}", transport.describe());
        l.start();
        try {
            done.await();
        } finally {
            watchdog.shutdownNow();
            stopScan("link closed");
            l.close();
            link = null;
        }
        log.info("Host on {} gone: {}", transport.describe(), closeReason);
        return closeReason;
    }

    /** Gates off, aborts any scan and closes the current link; {@link #serve} then returns. */
    public void shutdown(String reason) {
        gateOff();
        ScanRun s = scan;
        if (s != null) s.abort(reason, false);
        endConnection(reason);
    }

    private void endConnection(String reason) {
        CountDownLatch c = closed;
        if (closeReason == null) closeReason = reason;
        if (c != null) c.countDown();
    }

    private void stopScan(String reason) {
        gateOff();
        ScanRun s = scan;
        if (s != null) {
            s.abort(reason, false);
            try {
                s.thread.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void gateOff() {
        rfEnabled = false;
        gradientsEnabled = false;
    }

    private long deviceTimeUs() {
        return (System.nanoTime() - bootNanos) / 1000;
    }

    private void send(Message m) {
        sendAll(List.of(m));
    }

    /** Sends in one write (a line's fragments): the serial line is far faster with few large writes. */
    private void sendAll(List<? extends Message> ms) {
        if (recording != null && Thread.currentThread() == handlerThread) recording.addAll(ms);
        FramedLink l = link;
        if (l == null) return;
        // a scripted link stall: nothing leaves the device until it is over
        long wait;
        while ((wait = stallUntilNanos - System.nanoTime()) > 0) {
            try {
                Thread.sleep(Math.max(1, wait / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        try {
            if (ms.size() == 1) l.send(ms.getFirst());
            else l.sendAll(ms);
        } catch (IOException e) {
            log.warn("Could not send {} to the host: {}", ms.getFirst().getClass().getSimpleName(), e.getMessage());
        }
    }

    // ---- heartbeat watchdog ----

    private void watch() {
        // at speed 0 the twin clock only moves with program time: the scan thread fires events then
        if (options.speed() > 0 || !scanning()) fireDue(clock.now());
        ScanRun s = scan;
        boolean running = s != null && s.thread.isAlive() && !s.stopping() && !s.finished;
        boolean armed = rfEnabled || gradientsEnabled || running;
        if (!armed) return;
        long now = System.nanoTime();
        long silentNs = now - Math.max(lastHeartbeatNanos, watchStartNanos);
        if (running && s.paused) {
            if (now - s.pausedAtNanos > options.resumeWindowMs() * 1_000_000L) {
                s.abort("heartbeat lost for longer than the " + options.resumeWindowMs() + " ms resume window", true);
            }
            return;
        }
        if (silentNs > options.heartbeatTimeoutMs() * 1_000_000L) {
            gateOff();
            long ms = silentNs / 1_000_000;
            lastGateLatencyMs = ms;
            if (running) {
                // Safe and resumable: the program holds its place; the host resumes it or the window runs out.
                s.pause();
                log.warn("{} heartbeat lost: no HEARTBEAT for {} ms (limit {} ms); RF and gradients gated off, scan paused",
                        Instant.now(), ms, options.heartbeatTimeoutMs());
                send(new Event(EventCode.HEARTBEAT_LOST, deviceTimeUs(), "no heartbeat for " + ms
                        + " ms; RF and gradients gated off, scan paused"));
            } else {
                log.warn("{} heartbeat lost: no HEARTBEAT for {} ms (limit {} ms); RF and gradients gated off",
                        Instant.now(), ms, options.heartbeatTimeoutMs());
            }
        }
    }

    /** What the device tells the host with each heartbeat. */
    private Status status(long heartbeatSeq) {
        ScanRun s = scan;
        int state;
        int programId;
        long lines;
        int done;
        if (s != null && s.thread.isAlive() && !s.finished) {
            state = s.paused ? Status.PAUSED : Status.SCANNING;
            programId = s.programId;
            lines = s.lines;
            done = 0;
        } else if (lastDoneStatus >= 0) {
            state = armedId >= 0 ? Status.ARMED : Status.DONE;
            programId = lastProgramId;
            lines = lastLines;
            done = lastDoneStatus;
        } else {
            state = armedId >= 0 ? Status.ARMED : Status.IDLE;
            programId = -1 & 0x7fffffff;
            lines = 0;
            done = 0;
        }
        return new Status(heartbeatSeq, state, Math.max(programId, 0), lines, done, interlockBits);
    }

    private void resend(long seq, ResendLines r) {
        List<AcqData> found = new ArrayList<>(r.count());
        long oldest, newest;
        synchronized (lineBuffer) {
            oldest = lineBuffer.isEmpty() ? -1 : lineBuffer.peekFirst().scanCounter();
            newest = lineBuffer.isEmpty() ? -1 : lineBuffer.peekLast().scanCounter();
            if (oldest >= 0 && r.fromCounter() >= oldest && r.fromCounter() + r.count() - 1 <= newest) {
                for (AcqData d : lineBuffer) {
                    if (d.scanCounter() >= r.fromCounter() && d.scanCounter() < r.fromCounter() + r.count()) found.add(d);
                }
            }
        }
        if (found.size() != r.count()) {
            send(new Nack(seq, NACK_LINES_GONE, "lines " + r.fromCounter() + ".." + (r.fromCounter() + r.count() - 1)
                    + " are not in the line buffer (it holds " + (oldest < 0 ? "none" : oldest + ".." + newest) + ")"));
            return;
        }
        log.debug("Resending lines {}..{} (fragment {})", r.fromCounter(), r.fromCounter() + r.count() - 1, r.fragment());
        for (AcqData d : found) {
            List<AcqFragment> parts = LineFragments.split(d);
            if (r.fragment() == ResendLines.ALL_FRAGMENTS) {
                sendAll(parts);
            } else if (r.fragment() < parts.size()) {
                send(parts.get(r.fragment()));
            }
        }
    }

    // ---- command handling (on the link's reader thread) ----

    private final class Handler implements FramedLink.Handler {
        @Override
        public void onMessage(long seq, Message m) {
            handlerThread = Thread.currentThread();
            try {
                if (m instanceof Heartbeat || m instanceof ResendLines) {
                    handle(seq, m); // idempotent: never recorded
                    return;
                }
                byte[] payload = org.lodestone.hw.wire.MessageCodec.payload(m);
                Recorded before;
                synchronized (recentReplies) {
                    if (m instanceof Hello) recentReplies.clear(); // a new conversation
                    before = recentReplies.get(seq);
                }
                if (before != null && before.type() == m.type() && java.util.Arrays.equals(before.payload(), payload)) {
                    log.debug("Command #{} ({}) again: answering again without running it twice", seq, m.getClass().getSimpleName());
                    for (Message r : before.replies()) send(r);
                    return;
                }
                recording = new ArrayList<>(2);
                try {
                    handle(seq, m);
                } finally {
                    List<Message> replies = recording;
                    recording = null;
                    synchronized (recentReplies) {
                        recentReplies.put(seq, new Recorded(m.type(), payload, replies));
                    }
                }
            } catch (RuntimeException e) {
                log.error("Internal error handling {}", m.getClass().getSimpleName(), e);
                send(new Nack(seq, NACK_BAD_REQUEST, "internal error: " + e));
            }
        }

        @Override
        public void onClosed(String reason) {
            gateOff();
            ScanRun s = scan;
            if (s != null) s.abort("link closed: " + reason, false);
            endConnection(reason);
        }
    }

    private void handle(long seq, Message m) {
        switch (m) {
            case Heartbeat h -> {
                lastHeartbeatNanos = System.nanoTime();
                send(status(seq));
            }
            case ResendLines r -> resend(seq, r);
            case Resume r -> {
                ScanRun run = scan;
                if (run == null || run.programId != r.programId() || !run.thread.isAlive() || run.finished) {
                    send(new Nack(seq, NACK_STATE, "program " + r.programId() + " is not running"));
                } else if ((interlockBits & GATING_BITS) != 0) {
                    send(new Nack(seq, NACK_STATE, "interlock open (" + describeInterlock(interlockBits) + ")"));
                } else {
                    if (run.paused) log.info("Resuming program {} after a link outage", r.programId());
                    run.resume();
                    send(new Ack(seq));
                }
            }
            case Hello h -> {
                if (h.protocolVersion() != ScannerSession.PROTOCOL_VERSION) {
                    send(new Nack(seq, NACK_BAD_REQUEST, "protocol version " + h.protocolVersion()
                            + " not supported (device speaks " + ScannerSession.PROTOCOL_VERSION + ")"));
                    return;
                }
                log.info("HELLO from {}", h.host());
                send(capabilities);
                send(new Ack(seq));
            }
            case UploadChunk u -> upload(seq, u);
            case Arm a -> {
                synchronized (this) {
                    if (scanning()) {
                        send(new Nack(seq, NACK_STATE, "a scan is running"));
                    } else if (!programs.containsKey(a.programId())) {
                        send(new Nack(seq, NACK_STATE, "no program " + a.programId() + " has been uploaded"));
                    } else {
                        armedId = a.programId();
                        send(new Ack(seq));
                    }
                }
            }
            case Start s -> start(seq, s);
            case StreamNext n -> streamNext(seq, n);
            case Abort a -> {
                send(new Ack(seq));
                ScanRun run = scan;
                if (run != null && run.thread.isAlive()) {
                    log.info("ABORT from host: {}", a.reason());
                    run.abort("host: " + a.reason(), false);
                }
            }
            case SetFrequency f -> {
                if (f.hz() <= 0 || f.hz() > 1e9) {
                    send(new Nack(seq, NACK_BAD_REQUEST, "frequency " + f.hz() + " Hz out of range"));
                    return;
                }
                settings = settings.withFrequency(f.hz());
                log.info("Frequency set to {} Hz", f.hz());
                send(new Ack(seq));
            }
            case SetShim s -> {
                settings = settings.withShim(s.x(), s.y(), s.z());
                send(new Ack(seq));
            }
            case SetGains g -> {
                if (g.transmitScale() < 0 || g.transmitScale() > 2) {
                    send(new Nack(seq, NACK_BAD_REQUEST, "transmit scale " + g.transmitScale() + " outside 0..2"));
                    return;
                }
                settings = settings.withGains(g.receiverGainDb(), g.transmitScale());
                send(new Ack(seq));
            }
            case ReadSensors r -> {
                double now = clock.now();
                int bits = interlockBits;
                double power = rfEnabled ? 15.0 : 0.0;
                send(new Sensors((bits & SENSOR_FAULT_MAGNET) != 0 ? Double.NaN : model.thermal().magnetTempC(now),
                        (bits & SENSOR_FAULT_AMBIENT) != 0 ? Double.NaN : model.thermal().ambientC(now),
                        (bits & SENSOR_FAULT_RF) != 0 ? Double.NaN : power, bits));
                send(new Ack(seq));
            }
            case TuneCoil t -> {
                settings = settings.withTuning(t.tune(), t.match());
                send(new Ack(seq));
            }
            case MeasureReflection mr -> measureReflection(seq, mr);
            default -> send(new Nack(seq, NACK_BAD_REQUEST, m.getClass().getSimpleName() + " is not a host command"));
        }
    }

    /** Directional-coupler noise on each Γ component (a real coupler reads to about ±0.2 %). */
    private static final double COUPLER_NOISE = 0.002;
    private final java.util.SplittableRandom couplerNoise = new java.util.SplittableRandom(0x5EEDC0DEL);

    /** The coupler sweep: the coil's Γ at the current tune/match codes, with measurement noise; not during a scan. */
    private void measureReflection(long seq, MeasureReflection mr) {
        ScanRun run = scan;
        if (run != null && run.thread.isAlive()) {
            send(new Nack(seq, NACK_STATE, "a reflection sweep cannot run during a scan"));
            return;
        }
        if (mr.count() < 1 || !(mr.stepHz() >= 0) || mr.startHz() <= 0 || mr.startHz() + mr.count() * mr.stepHz() > 1e9) {
            send(new Nack(seq, NACK_BAD_REQUEST, "reflection sweep " + mr.startHz() + " Hz + " + mr.count() + " × "
                    + mr.stepHz() + " Hz out of range"));
            return;
        }
        AcquisitionSettings st = settings;
        double nominal = model.hidden().nominalLarmorHz();
        float[] g = new float[2 * mr.count()];
        synchronized (couplerNoise) {
            for (int k = 0; k < mr.count(); k++) {
                double[] gamma = model.hidden().coil().reflection(nominal, mr.startHz() + k * mr.stepHz(), st.tuneCode(), st.matchCode());
                g[2 * k] = (float) (gamma[0] + COUPLER_NOISE * couplerNoise.nextGaussian());
                g[2 * k + 1] = (float) (gamma[1] + COUPLER_NOISE * couplerNoise.nextGaussian());
            }
        }
        send(new Reflection(mr.startHz(), mr.stepHz(), mr.count(), g));
        send(new Ack(seq));
    }

    /** A program arriving in chunks, in any order (a lost chunk is retransmitted after later ones). */
    private record Upload(int id, int total, long crc, byte[] image, java.util.BitSet have) {
        boolean complete() {
            return have.nextClearBit(0) >= total;
        }
    }

    private synchronized void upload(long seq, UploadChunk u) {
        if (u.totalBytes() > capabilities.programMemoryBytes()) {
            send(new Nack(seq, NACK_TOO_LARGE, "program of " + u.totalBytes() + " bytes exceeds the "
                    + capabilities.programMemoryBytes() + "-byte program memory"));
            return;
        }
        Upload up = upload;
        if (up == null || up.id() != u.programId() || up.total() != u.totalBytes() || up.crc() != u.programCrc()) {
            String full = makeRoom(u.programId(), u.totalBytes());
            if (full != null) {
                send(new Nack(seq, NACK_TOO_LARGE, full));
                return;
            }
            up = new Upload(u.programId(), u.totalBytes(), u.programCrc(), new byte[u.totalBytes()], new java.util.BitSet(u.totalBytes()));
            upload = up;
        }
        System.arraycopy(u.chunk(), 0, up.image(), u.offset(), u.chunk().length);
        up.have().set(u.offset(), u.offset() + u.chunk().length);
        if (!up.complete()) {
            send(new Ack(seq));
            return;
        }
        upload = null;
        CRC32C crc = new CRC32C();
        crc.update(up.image());
        if (crc.getValue() != up.crc()) {
            send(new Nack(seq, NACK_CRC, String.format("program %d: CRC-32C mismatch (received image %08x, expected %08x)",
                    up.id(), crc.getValue(), up.crc())));
            return;
        }
        DeviceProgram p;
        try {
            p = ProgramCodec.decode(up.image());
        } catch (ProtocolException e) {
            send(new Nack(seq, NACK_PROGRAM, "program " + up.id() + " does not decode: " + e.getMessage()));
            return;
        }
        String problem = validate(p);
        if (problem != null) {
            send(new Nack(seq, NACK_PROGRAM, "program " + up.id() + ": " + problem));
            return;
        }
        programs.put(up.id(), p);
        programBytes.put(up.id(), up.total());
        log.info("Program {} uploaded: {} blocks, {} ADC windows, {} s", up.id(), p.blocks().size(), p.adcCount(),
                String.format("%.3f", p.durationSeconds()));
        send(new Ack(seq));
    }

    /**
     * Frees program memory for an upload of {@code bytes}: programs that are not armed, playing or queued
     * in a stream are dropped, oldest first. Returns why it cannot fit, or null.
     */
    private synchronized String makeRoom(int id, int bytes) {
        java.util.Set<Integer> held = new java.util.HashSet<>();
        if (armedId >= 0) held.add(armedId);
        for (StreamQueue q : streams.values()) held.addAll(q.resident());
        ScanRun run = scan;
        if (run != null && !run.finished) held.add(run.playingId);
        long used = 0;
        for (var e : programBytes.entrySet()) if (held.contains(e.getKey()) && e.getKey() != id) used += e.getValue();
        if (used + bytes > capabilities.programMemoryBytes()) {
            return "program " + id + " of " + bytes + " bytes does not fit: " + used + " of the " + capabilities.programMemoryBytes()
                    + "-byte program memory hold programs armed, playing or queued";
        }
        long free = capabilities.programMemoryBytes() - used - bytes;
        long others = 0;
        for (var e : programBytes.entrySet()) if (!held.contains(e.getKey())) others += e.getValue();
        var it = programBytes.entrySet().iterator();
        while (others > free && it.hasNext()) {
            var e = it.next();
            if (held.contains(e.getKey())) continue;
            others -= e.getValue();
            programs.remove(e.getKey());
            it.remove();
        }
        return null;
    }

    /** Drops a played segment from memory. */
    private synchronized void free(int id) {
        programs.remove(id);
        programBytes.remove(id);
    }

    /** STREAM_NEXT: queues an uploaded program as the next segment of a streamed program. */
    private synchronized void streamNext(long seq, StreamNext n) {
        StreamQueue q = streams.get(n.programId());
        ScanRun run = scan;
        boolean playing = run != null && run.programId == n.programId() && !run.finished;
        if (q == null && !programs.containsKey(n.programId())) {
            send(new Nack(seq, NACK_STATE, "stream: no program " + n.programId() + " to append segment " + n.segment() + " to"));
            return;
        }
        if (q == null && n.segment() == 1 && !playing) {
            q = new StreamQueue(n.programId());
            streams.put(n.programId(), q);
        }
        if (q == null) {
            send(new Nack(seq, NACK_STATE, "stream: program " + n.programId() + " is not streamed (segment 1 must be queued before START)"));
            return;
        }
        String problem = q.append(n.segment(), n.segmentProgramId(), n.last(), programs.containsKey(n.segmentProgramId()));
        if (problem != null) {
            send(new Nack(seq, NACK_STATE, "stream of program " + n.programId() + ": " + problem));
            return;
        }
        send(new Ack(seq));
    }

    /**
     * The segments of one streamed program, by index (0 is the program itself). The scan thread waits
     * here for the next one; STREAM_NEXT adds them.
     */
    private static final class StreamQueue {
        private final List<Integer> ids = new ArrayList<>();
        private boolean closed;
        private int played;

        StreamQueue(int first) {
            ids.add(first);
        }

        synchronized String append(int segment, int id, boolean last, boolean uploaded) {
            if (closed) return "segment " + segment + " after the last one";
            if (segment != ids.size()) return "segment " + segment + " out of order (expected " + ids.size() + ")";
            if (!uploaded) return "segment " + segment + ": program " + id + " has not been uploaded";
            if (ids.contains(id)) return "segment " + segment + ": program " + id + " is already in the stream";
            ids.add(id);
            closed = last;
            notifyAll();
            return null;
        }

        /** Segments uploaded and not yet played. */
        synchronized List<Integer> resident() {
            return List.copyOf(ids.subList(played, ids.size()));
        }

        synchronized void played(int segment) {
            played = segment + 1;
        }

        synchronized boolean isLast(int segment) {
            return closed && segment == ids.size() - 1;
        }

        /** The program id of segment k once queued, waiting up to waitMs; null if it is not there. */
        synchronized Integer await(int k, long waitMs) throws InterruptedException {
            long end = System.nanoTime() + waitMs * 1_000_000;
            while (ids.size() <= k) {
                long left = (end - System.nanoTime()) / 1_000_000;
                if (left <= 0) return null;
                wait(Math.min(left, 20));
            }
            return ids.get(k);
        }
    }

    /** Checks a program against the hardware profile; returns a reason or null. */
    String validate(DeviceProgram p) {
        Capabilities c = capabilities;
        if (p.tickNs() != c.tickNs()) return "tick of " + p.tickNs() + " ns; this unit runs on " + c.tickNs() + " ns";
        double gmax = c.maxGradientHzPerM() * 1.001;
        double b1max = c.maxB1Hz() * 1.001;
        for (int i = 0; i < p.blocks().size(); i++) {
            ProgramBlock b = p.blocks().get(i);
            RfPulse rf = b.rf();
            if (rf != null) {
                float peak = 0;
                for (float v : rf.shape()) peak = Math.max(peak, Math.abs(v));
                if (Math.abs(rf.amplitudeHz()) * peak > b1max) {
                    return String.format("block %d: RF amplitude %.1f Hz exceeds the %.1f Hz (20 µT) limit", i,
                            Math.abs(rf.amplitudeHz()) * peak, c.maxB1Hz());
                }
                if (rf.endTicks() > b.durationTicks()) return "block " + i + ": RF pulse runs past the block end";
            }
            for (int ax = 0; ax < 3; ax++) {
                GradientWaveform g = b.gradient(ax);
                if (g == null) continue;
                if (g.peakHzPerM() > gmax) {
                    return String.format("block %d: gradient %c amplitude %.0f Hz/m exceeds the %.0f Hz/m (10 mT/m) limit",
                            i, "xyz".charAt(ax), g.peakHzPerM(), c.maxGradientHzPerM());
                }
                if (g.endTicks() > b.durationTicks()) return "block " + i + ": gradient runs past the block end";
            }
            AdcWindow a = b.adc();
            if (a != null) {
                if (a.samples() > c.maxSamplesPerAdc()) return "block " + i + ": " + a.samples() + " ADC samples exceed " + c.maxSamplesPerAdc();
                if (a.dwellNs() < c.minDwellNs() || a.dwellNs() > c.maxDwellNs()) {
                    return "block " + i + ": ADC dwell " + a.dwellNs() + " ns outside " + c.minDwellNs() + ".." + c.maxDwellNs() + " ns";
                }
                if (a.delayTicks() * p.tickNs() + a.durationNs() > b.durationTicks() * p.tickNs() + 1e-6) {
                    return "block " + i + ": ADC window runs past the block end";
                }
            }
        }
        return null;
    }

    private void start(long seq, Start s) {
        DeviceProgram p;
        long index;
        String enablesLow = enablesWired() ? enablesLowReason() : null;
        synchronized (this) {
            if (scanning()) {
                send(new Nack(seq, NACK_STATE, "a scan is already running"));
                return;
            }
            if (armedId != s.programId()) {
                send(new Nack(seq, NACK_STATE, "program " + s.programId() + " is not armed"));
                return;
            }
            if ((interlockBits & GATING_BITS) != 0) {
                send(new Nack(seq, NACK_STATE, "interlock open (" + describeInterlock(interlockBits) + ")"));
                return;
            }
            if (enablesLow != null) {
                send(new Nack(seq, NACK_STATE, enablesLow));
                return;
            }
            p = programs.get(s.programId());
            armedId = -1;
            index = scanCount++;
            ScanRun run = new ScanRun(s.programId(), p, settings, index);
            watchStartNanos = System.nanoTime();
            scan = run;
            send(new Ack(seq));
            run.thread.start();
        }
    }

    // ---- the scan thread ----

    private final class ScanRun {
        final int programId;
        final DeviceProgram program;
        /** The program (segment) in play: its memory is not free. */
        volatile int playingId;
        final AcquisitionSettings acq;
        final long index;
        final Thread thread;
        private volatile String abortReason;
        private volatile boolean heartbeatLost;
        private volatile boolean fault;
        /** Set just before DONE goes out, so a host that answers DONE with ARM at once is not refused. */
        private volatile boolean finished;
        /** Gated off after lost heartbeats; the program holds its place between blocks until resumed. */
        volatile boolean paused;
        volatile long pausedAtNanos;
        volatile long lines;
        private boolean playedWithEnablesLow;
        /** Wall-clock origin of the program timeline; moved on by each pause so pacing continues. */
        private volatile long startNanos;

        void pause() {
            if (!paused) {
                pausedAtNanos = System.nanoTime();
                paused = true;
            }
        }

        void resume() {
            if (paused) {
                startNanos += System.nanoTime() - pausedAtNanos;
                rfEnabled = true;
                gradientsEnabled = true;
                watchStartNanos = System.nanoTime();
                paused = false;
            }
        }

        /** Holds while paused; false if the scan was aborted meanwhile. */
        private boolean holdWhilePaused() {
            while (paused && abortReason == null) {
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    abort("interrupted", false);
                    Thread.currentThread().interrupt();
                }
            }
            return abortReason == null;
        }

        ScanRun(int programId, DeviceProgram program, AcquisitionSettings acq, long index) {
            this.programId = programId;
            this.playingId = programId;
            this.program = program;
            this.acq = acq;
            this.index = index;
            this.thread = Thread.ofPlatform().daemon().name("twin-scan-" + programId).unstarted(this::run);
        }

        boolean stopping() {
            return abortReason != null;
        }

        void abort(String reason, boolean heartbeat) {
            if (abortReason == null) {
                heartbeatLost = heartbeat;
                abortReason = reason;
            }
        }

        /** Ends the scan with DONE(FAULT). */
        void fail(String reason) {
            if (abortReason == null) {
                fault = true;
                abortReason = reason;
            }
        }

        private void run() {
            int status = Done.COMPLETE;
            startNanos = System.nanoTime();
            synchronized (lineBuffer) {
                lineBuffer.clear();
            }
            double speed = options.speed();
            double startTwin = clock.scanStarted();
            StreamQueue stream;
            synchronized (DeviceServer.this) {
                stream = streams.get(programId);
            }
            if (stream != null) {
                runStreamed(stream, startTwin, speed);
                return;
            }
            try {
                ScanSimulation sim = model.newScan(program, acq, index, startTwin);
                writeTruthParameters(startTwin, sim, acq);
                rfEnabled = true;
                gradientsEnabled = true;
                send(new Event(EventCode.SCAN_STARTED, deviceTimeUs(), "program " + programId + ", "
                        + program.blocks().size() + " blocks, " + program.adcCount() + " ADC windows, "
                        + sim.isochromats() + " isochromats"));
                log.info("Scan {} of program {} started ({} isochromats, speed {})", index, programId, sim.isochromats(), speed);
                boolean truthWritten = false;
                larmorTrack.clear();
                boolean anyExcitation = false;
                for (int b = 0; b < sim.blockCount() && !anyExcitation; b++) anyExcitation = sim.analysis().role(b) == ProgramAnalysis.RfRole.EXCITATION;
                while (sim.nextBlock() < sim.blockCount()) {
                    // scripted events due by this block's start, in twin time (deterministic at speed 0)
                    double programS = sim.blockStartS(sim.nextBlock());
                    clock.scanAt(programS);
                    fireDue(startTwin + programS);
                    if (abortReason != null || !holdWhilePaused()) break;
                    // The amplifiers obey their enable lines at once, whatever the wire says.
                    boolean rfOn = rfAmplifierOn(), gradientsOn = gradientAmplifierOn();
                    if (!(rfOn && gradientsOn) && !playedWithEnablesLow) {
                        playedWithEnablesLow = true;
                        log.warn("Scan {}: amplifier enable low from block {} (RF {}, gradients {}): played without them",
                                index, sim.nextBlock(), rfOn ? "on" : "off", gradientsOn ? "on" : "off");
                    }
                    // SET_FREQUENCY / SET_SHIM that arrived during the scan take effect at the next excitation (or
                    // inversion): the start of a TR, so an echo is never split between two carriers (any block if the
                    // program excites nothing). Deterministic: the same commands before the same block give the same data.
                    var role = sim.analysis().role(sim.nextBlock());
                    boolean trStart = !anyExcitation || role == ProgramAnalysis.RfRole.EXCITATION || role == ProgramAnalysis.RfRole.INVERSION;
                    AcquisitionSettings set = settings, cur = sim.settings();
                    if (trStart && (set.frequencyHz() != cur.frequencyHz() || set.shimXHzPerM() != cur.shimXHzPerM()
                            || set.shimYHzPerM() != cur.shimYHzPerM() || set.shimZHzPerM() != cur.shimZHzPerM())) {
                        sim.updateSettings(cur.withFrequency(set.frequencyHz()).withShim(set.shimXHzPerM(), set.shimYHzPerM(), set.shimZHzPerM()));
                    }
                    SimulatedLine line = sim.simulateNextBlock(rfOn, gradientsOn);
                    if (line != null) {
                        if (!waitUntil(line.endS(), speed)) break;
                        larmorTrack.add(new double[] {lines, line.startS(), startTwin + line.startS(),
                                model.thermal().larmorHz(startTwin + line.startS()), sim.settings().frequencyHz()});
                        sendLine(line, sim.settings().frequencyHz());
                    }
                    if (!truthWritten && sim.truth() != null) {
                        truthWritten = true;
                        writeTruth(sim.truth());
                    }
                }
                if (abortReason == null) {
                    waitUntil(sim.durationS(), speed);
                    clock.scanAt(sim.durationS());
                    fireDue(startTwin + sim.durationS());
                }
                if (abortReason != null) status = fault ? Done.FAULT : Done.ABORTED;
            } catch (RuntimeException e) {
                log.error("Scan {} of program {} failed", index, programId, e);
                status = Done.FAULT;
                send(new Event(EventCode.AMPLIFIER_FAULT, deviceTimeUs(), "simulation fault: " + e.getMessage()));
            } finally {
                gateOff();
                clock.scanEnded();
                writeLarmorTrack();
            }
            finish(status);
        }

        /** The next line: into the line buffer (for RESEND_LINES) and out in one write of its fragments. */
        private void sendLine(SimulatedLine line, double frequencyHz) {
            AdcWindow a = line.adc();
            AcqData d = new AcqData(lines, deviceTimeUs(), a.counters(), a.flags(), line.channels(), a.samples(),
                    a.dwellNs(), frequencyHz, line.data());
            synchronized (lineBuffer) {
                lineBuffer.addLast(d);
                while (lineBuffer.size() > capabilities.lineBufferLines()) lineBuffer.removeFirst();
            }
            lines++;
            sendAll(LineFragments.split(d));
        }

        /** Ends the scan: the status STATUS reports from now on, then DONE. */
        private void finish(int status) {
            if (heartbeatLost) {
                send(new Event(EventCode.HEARTBEAT_LOST, deviceTimeUs(), abortReason + "; RF and gradients gated off"));
            }
            lastProgramId = programId;
            lastLines = lines;
            lastDoneStatus = status;
            finished = true;
            send(new Done(programId, lines, status));
            log.info("Scan {} of program {} ended: {} lines, {}", index, programId, lines,
                    status == Done.COMPLETE ? "complete" : status == Done.ABORTED ? "aborted (" + abortReason + ")"
                            : "fault" + (abortReason != null ? " (" + abortReason + ")" : ""));
        }

        /**
         * A streamed program: plays segment after segment, each freed (SEGMENT_DONE) once played; when the next
         * is not in memory as the playing one ends, the unit underruns: RF and gradients off, EVENT, DONE fault.
         * <p>
         * The simulator sets its isochromat grid from the sampling of the whole program (ProgramAnalysis), which a
         * board playing segments never holds at once; so the twin keeps its own copy of the blocks played (not
         * counted as program memory) and computes their lines when play ends: the lines, counters and noise are
         * those of the same program played in one piece, but they reach the host after the last segment.
         */
        private void runStreamed(StreamQueue stream, double startTwin, double speed) {
            int status = Done.COMPLETE;
            List<ProgramBlock> played = new ArrayList<>();
            long adcPlayed = 0;
            try {
                rfEnabled = true;
                gradientsEnabled = true;
                send(new Event(EventCode.SCAN_STARTED, deviceTimeUs(), "program " + programId + ", streamed: segment 0 of "
                        + program.blocks().size() + " blocks"));
                log.info("Scan {} of streamed program {} started (speed {})", index, programId, speed);
                DeviceProgram segment = program;
                int k = 0;
                double segmentStartS = 0;
                while (true) {
                    clock.scanAt(segmentStartS);
                    fireDue(startTwin + segmentStartS);
                    if (abortReason != null || !holdWhilePaused()) break;
                    double endS = segmentStartS + segment.durationSeconds();
                    if (!waitUntil(endS, speed)) {
                        // stopped inside the segment: the blocks that ended by now were played
                        double reached = speed > 0 ? (System.nanoTime() - startNanos) * 1e-9 * speed - segmentStartS : 0;
                        double t = 0;
                        for (ProgramBlock b : segment.blocks()) {
                            t += b.durationTicks() * segment.tickNs() * 1e-9;
                            if (t > reached) break;
                            played.add(b);
                        }
                        break;
                    }
                    played.addAll(segment.blocks());
                    adcPlayed += segment.adcCount();
                    segmentStartS = endS;
                    int segmentId = playingId;
                    stream.played(k);
                    boolean last = stream.isLast(k);
                    free(segmentId);
                    send(new SegmentDone(programId, k, segmentId, adcPlayed));
                    if (last) break;
                    // At speed 0 the twin plays without pacing, so the host is given real time to send the next one.
                    long waitEnd = System.nanoTime() + (speed > 0 ? 0 : STREAM_WAIT_AT_SPEED_0_MS * 1_000_000);
                    Integer next = stream.await(k + 1, 0);
                    while (next == null && abortReason == null && System.nanoTime() < waitEnd) next = stream.await(k + 1, 20);
                    if (abortReason != null) break;
                    if (next == null) {
                        gateOff();
                        String why = String.format("segment %d of program %d was not in memory when segment %d ended at %.3f s of program;"
                                + " RF and gradients gated off, scan ended after %d ADC windows", k + 1, programId, k, segmentStartS, adcPlayed);
                        log.warn("Program underrun: {}", why);
                        send(new Event(EventCode.PROGRAM_UNDERRUN, deviceTimeUs(), why));
                        fail("program underrun");
                        break;
                    }
                    synchronized (DeviceServer.this) {
                        segment = programs.get(next);
                    }
                    playingId = next;
                    k++;
                }
                if (abortReason != null) status = fault ? Done.FAULT : Done.ABORTED;
                gateOff();
                clock.scanAt(segmentStartS);
                if (!played.isEmpty()) sendLinesOf(new DeviceProgram(program.tickNs(), played), startTwin);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                status = Done.ABORTED;
            } catch (RuntimeException e) {
                log.error("Scan {} of streamed program {} failed", index, programId, e);
                status = Done.FAULT;
                send(new Event(EventCode.AMPLIFIER_FAULT, deviceTimeUs(), "simulation fault: " + e.getMessage()));
            } finally {
                gateOff();
                clock.scanEnded();
                synchronized (DeviceServer.this) {
                    streams.remove(programId);
                    for (Integer id : stream.resident()) free(id);
                }
            }
            finish(status);
        }

        /** The simulator's lines of the blocks played, sent in order (their timing already passed). */
        private void sendLinesOf(DeviceProgram played, double startTwin) {
            ScanSimulation sim = model.newScan(played, acq, index, startTwin);
            writeTruthParameters(startTwin, sim, acq);
            boolean truthWritten = false;
            while (sim.nextBlock() < sim.blockCount()) {
                SimulatedLine line = sim.simulateNextBlock();
                if (line != null) sendLine(line, acq.frequencyHz());
                if (!truthWritten && sim.truth() != null) {
                    truthWritten = true;
                    writeTruth(sim.truth());
                }
            }
        }

        /** Truth, for tests: per line {scan counter, program s, twin s, true isocentre Larmor Hz, set frequency Hz}. */
        private final List<double[]> larmorTrack = new ArrayList<>();

        private void writeLarmorTrack() {
            if (truthWriter == null || larmorTrack.isEmpty()) return;
            try {
                truthWriter.writeLarmorTrack(larmorTrack);
            } catch (IOException e) {
                log.warn("Could not write the Larmor track: {}", e.getMessage());
            }
        }

        /** Sleeps until program time t (s) scaled by speed, in short slices, holding through pauses; false if aborted. */
        private boolean waitUntil(double programS, double speed) {
            if (speed <= 0) return holdWhilePaused();
            while (abortReason == null) {
                if (paused && !holdWhilePaused()) return false;
                long due = startNanos + (long) (programS / speed * 1e9);
                long left = due - System.nanoTime();
                if (left <= 0) return true;
                try {
                    Thread.sleep(Math.min(5, Math.max(1, left / 1_000_000)));
                } catch (InterruptedException e) {
                    abort("interrupted", false);
                    Thread.currentThread().interrupt();
                }
            }
            return false;
        }
    }

    /** Twin time now, seconds: wall clock × speed, or at speed 0 the program time of all scans run so far. */
    public double twinTimeS() {
        return clock.now();
    }

    public int interlockBits() {
        return interlockBits;
    }

    /**
     * Wires the room's interlocks to the console's GPIO. While a console is on the bus, a door,
     * stop, amplifier-fault or thermostat event only moves its GPIO input: stopping the scan is then
     * the console's job (ABORT on the wire), as on a unit whose interlocks go to the embedded PC.
     * The console's amplifier enables gate the twin's RF and gradients.
     */
    public void wire(GpioWiring w) {
        this.wiring = w;
        w.onOutput((out, active) -> {
            if ((out == org.lodestone.hw.gpio.GpioOutput.RF_ENABLE || out == org.lodestone.hw.gpio.GpioOutput.GRADIENT_ENABLE)) {
                if (out == org.lodestone.hw.gpio.GpioOutput.RF_ENABLE) rfEnableLine = active;
                else gradientEnableLine = active;
                log.info("GPIO: console drove {} {}", out, active ? "on" : "off");
                if (!active) gateOff();
            }
        });
    }

    /** The console's amplifier enables as the wiring last saw them; off until driven and when its bus connection goes. */
    private volatile boolean rfEnableLine;
    private volatile boolean gradientEnableLine;

    /** Enable lines count once a console has been on the GPIO bus; without one (--gpio none) the board alone decides. */
    private boolean enablesWired() {
        GpioWiring w = wiring;
        return w != null && w.consoleEverConnected();
    }

    private boolean rfAmplifierOn() {
        return !enablesWired() || rfEnableLine;
    }

    private boolean gradientAmplifierOn() {
        return !enablesWired() || gradientEnableLine;
    }

    /**
     * Why START must be refused for the enables, or null. The console raises them on the GPIO bus before START
     * goes on the wire; the two are separate paths, so the lines get a moment to arrive.
     */
    private String enablesLowReason() {
        long until = System.nanoTime() + ENABLE_SETTLE_NANOS;
        while (!(rfAmplifierOn() && gradientAmplifierOn()) && System.nanoTime() < until) {
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (rfAmplifierOn() && gradientAmplifierOn()) return null;
        return "amplifier enable low on the GPIO wiring ("
                + (rfAmplifierOn() ? "" : "RF_ENABLE") + (rfAmplifierOn() || gradientAmplifierOn() ? "" : ", ")
                + (gradientAmplifierOn() ? "" : "GRADIENT_ENABLE") + "): the console has not enabled the amplifiers";
    }

    private static final long ENABLE_SETTLE_NANOS = 100_000_000L;

    private static void mirror(GpioWiring w, ScriptEvent e) {
        switch (e) {
            case ScriptEvent.Door d -> w.set(GpioInput.DOOR_CLOSED, !d.open());
            case ScriptEvent.EStop x -> w.set(GpioInput.EMERGENCY_STOP, x.pressed());
            case ScriptEvent.AmplifierFault f -> {
                if (!f.amplifier().equals("gradient")) w.set(GpioInput.RF_AMP_FAULT, f.fault());
                if (!f.amplifier().equals("rf")) w.set(GpioInput.GRADIENT_AMP_FAULT, f.fault());
            }
            case ScriptEvent.MagnetOvertemp m -> w.set(GpioInput.MAGNET_OVERTEMP, m.hot());
            default -> { }
        }
    }

    /** Applies every scripted event due by twin time t, once each, in script order. */
    private void fireDue(double t) {
        List<ScriptEvent> events = options.script().events();
        while (true) {
            ScriptEvent e;
            synchronized (eventLock) {
                if (nextEvent >= events.size() || events.get(nextEvent).atS() > t) return;
                e = events.get(nextEvent++);
            }
            apply(e);
        }
    }

    private void apply(ScriptEvent e) {
        log.info("Scripted event at twin time {} s: {}", e.atS(), e);
        ScanRun s = scan;
        boolean running = s != null && s.thread.isAlive();
        // The wiring always shows the room as it is (a console may connect later); while a console
        // listens, reacting to an interlock is its job, not the board's.
        GpioWiring w = wiring;
        if (w != null) mirror(w, e);
        boolean consoleWired = w != null && w.consoleConnected();
        switch (e) {
            case ScriptEvent.Door d when consoleWired -> { }
            case ScriptEvent.EStop x when consoleWired -> { }
            case ScriptEvent.AmplifierFault f when consoleWired -> { }
            case ScriptEvent.MagnetOvertemp m when consoleWired -> { }
            case ScriptEvent.MagnetOvertemp m -> log.info("Magnet thermostat {} (no console on the GPIO bus to tell)", m.hot() ? "open" : "closed");
            case ScriptEvent.Door d -> interlock(INTERLOCK_DOOR, d.open(), d.open() ? "door open" : "door closed");
            case ScriptEvent.EStop x -> interlock(INTERLOCK_ESTOP, x.pressed(), x.pressed() ? "emergency stop pressed" : "emergency stop released");
            case ScriptEvent.Ambient a -> { } // already in the thermal model
            case ScriptEvent.LinkStall st -> stallUntilNanos = System.nanoTime() + (long) (st.seconds() * 1e9);
            case ScriptEvent.Sensor sn -> {
                int bit = switch (sn.sensor()) {
                    case "magnet" -> SENSOR_FAULT_MAGNET;
                    case "ambient" -> SENSOR_FAULT_AMBIENT;
                    default -> SENSOR_FAULT_RF;
                };
                interlockBits = sn.failed() ? interlockBits | bit : interlockBits & ~bit;
            }
            case ScriptEvent.FifoOverrun f -> {
                send(new Event(EventCode.FIFO_OVERRUN, deviceTimeUs(), running ? "sequencer FIFO overrun; scan stopped" : "sequencer FIFO overrun"));
                if (running) {
                    gateOff();
                    s.fail("FIFO overrun");
                }
            }
            case ScriptEvent.AmplifierFault f when !f.fault() -> log.info("Amplifier fault cleared ({})", f.amplifier());
            case ScriptEvent.AmplifierFault f -> {
                gateOff();
                send(new Event(EventCode.AMPLIFIER_FAULT, deviceTimeUs(), "gradient/RF amplifier fault; RF and gradients gated off"));
                if (running) s.fail("amplifier fault");
            }
        }
    }

    private void interlock(int bit, boolean active, String what) {
        if (active) {
            interlockBits |= bit;
            gateOff();
            ScanRun s = scan;
            boolean running = s != null && s.thread.isAlive();
            send(new Event(EventCode.INTERLOCK, deviceTimeUs(), what + "; RF and gradients gated off" + (running ? ", scan aborted" : "")));
            if (running) s.abort("interlock: " + what, false);
        } else {
            interlockBits &= ~bit;
            send(new Event(EventCode.INTERLOCK, deviceTimeUs(), what + "; " + ((interlockBits & GATING_BITS) == 0 ? "interlock clear" : "interlock still open")));
        }
    }

    private static String describeInterlock(int bits) {
        List<String> w = new ArrayList<>();
        if ((bits & INTERLOCK_DOOR) != 0) w.add("door");
        if ((bits & INTERLOCK_ESTOP) != 0) w.add("emergency stop");
        return String.join(", ", w);
    }

    private void writeTruthParameters(double twinS, ScanSimulation sim, AcquisitionSettings acq) {
        if (truthWriter == null) return;
        try {
            Map<String, Object> scanInfo = new java.util.LinkedHashMap<>();
            scanInfo.put("startTwinTimeS", twinS);
            scanInfo.put("setFrequencyHz", acq.frequencyHz());
            scanInfo.put("shimHzPerM", new double[] {acq.shimXHzPerM(), acq.shimYHzPerM(), acq.shimZHzPerM()});
            scanInfo.put("tuneCode", acq.tuneCode());
            scanInfo.put("matchCode", acq.matchCode());
            scanInfo.put("coilEfficiency", sim.coilEfficiency());
            scanInfo.put("isochromats", sim.isochromats());
            truthWriter.writeParameters(model, twinS, scanInfo);
        } catch (IOException e) {
            log.warn("Could not write truth.json: {}", e.getMessage());
        }
    }

    /**
     * Twin time. At speed > 0 it is wall time since start × speed. At speed 0 it advances only by
     * program time, so scripted events and the magnet temperature are reproducible run to run.
     */
    private static final class TwinClock {
        private final double speed;
        private final long startNanos = System.nanoTime();
        private double idleBase;
        private double scanStart = Double.NaN;
        private double scanProgram;

        TwinClock(double speed) {
            this.speed = speed;
        }

        synchronized double now() {
            if (speed > 0) return (System.nanoTime() - startNanos) * 1e-9 * speed;
            return Double.isNaN(scanStart) ? idleBase : scanStart + scanProgram;
        }

        synchronized double scanStarted() {
            scanStart = now();
            scanProgram = 0;
            return scanStart;
        }

        synchronized void scanAt(double programS) {
            scanProgram = programS;
        }

        synchronized void scanEnded() {
            if (speed == 0 && !Double.isNaN(scanStart)) idleBase = scanStart + scanProgram;
            scanStart = Double.NaN;
        }
    }

    private void writeTruth(TruthVolume v) {
        if (truthWriter == null) return;
        try {
            log.info("Truth image written to {}", truthWriter.writeImage(v));
        } catch (IOException e) {
            log.warn("Could not write the truth image: {}", e.getMessage());
        }
    }
}
