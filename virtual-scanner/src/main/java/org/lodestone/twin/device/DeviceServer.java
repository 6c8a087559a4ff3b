package org.lodestone.twin.device;

import org.lodestone.hw.link.FramedLink;
import org.lodestone.hw.link.Transport;
import org.lodestone.hw.program.DeviceProgram;
import org.lodestone.hw.session.ScannerSession;
import org.lodestone.hw.wire.LineFragments;
import org.lodestone.hw.wire.Message;
import org.lodestone.hw.wire.Message.*;
import org.lodestone.hw.wire.MessageCodec;
import org.lodestone.twin.physics.AcquisitionSettings;
import org.lodestone.twin.physics.ScannerModel;
import org.lodestone.twin.script.EventScript;
import org.lodestone.twin.truth.TruthWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The device side of the sequencer protocol, backed by the Bloch-simulated twin. Serves one host
 * at a time over a {@link Transport}: answers every command with ACK or NACK (a retransmitted command
 * is answered again, not run again). The board's parts are its own classes: {@link ProgramMemory}
 * (uploads, arming, stream queues), {@link ProgramPlayer} (one program at a time on its own thread),
 * {@link InterlockWiring} (script, interlocks, GPIO), {@link SensorModel}, {@link HeartbeatWatchdog}.
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

    /** SENSORS interlock bits. */
    public static final int INTERLOCK_DOOR = 1;
    public static final int INTERLOCK_ESTOP = 2;
    public static final int SENSOR_FAULT_MAGNET = 4;
    public static final int SENSOR_FAULT_AMBIENT = 8;
    public static final int SENSOR_FAULT_RF = 16;
    /** Bits that gate RF and gradients and refuse START. */
    public static final int GATING_BITS = INTERLOCK_DOOR | INTERLOCK_ESTOP;

    /**
     * @param heartbeatTimeoutMs silence after which RF and gradients are gated off and a scan pauses
     * @param speed              1 = deliver lines in real time, 2 = twice as fast, 0 = as fast as possible
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

    /** A served connection: how to wake {@link #serve} and why it ended. */
    private record Connection(CountDownLatch closed, StringBuilder reason) {
        void end(String why) {
            synchronized (reason) {
                if (reason.isEmpty()) reason.append(why);
            }
            closed.countDown();
        }

        String why() {
            synchronized (reason) {
                return reason.toString();
            }
        }
    }

    private final ScannerModel model;
    private final Options options;
    private final Capabilities capabilities;
    private final TwinClock clock;
    private final HostLink link = new HostLink();
    private final ReplyCache replies = new ReplyCache();
    private final Amplifiers amplifiers = new Amplifiers();
    private final InterlockWiring interlocks;
    private final HeartbeatWatchdog watchdog;
    private final SensorModel sensors;
    private final ProgramMemory memory;
    private final ProgramPlayer.Board board;
    // device state, kept across host connections like a real board's
    private volatile AcquisitionSettings settings;
    private volatile ProgramPlayer scan;
    private volatile ProgramPlayer.Outcome lastOutcome;
    private long scanCount;
    private volatile Connection connection;

    public DeviceServer(ScannerModel model, Options options, TruthWriter truthWriter) {
        this(model, options, truthWriter, TwinCapabilities.DEFAULT_PROGRAM_MEMORY_BYTES);
    }

    /** A unit whose board holds {@code programMemoryBytes} of program: longer programs must be streamed. */
    public DeviceServer(ScannerModel model, Options options, TruthWriter truthWriter, int programMemoryBytes) {
        this.model = model;
        this.options = options;
        this.capabilities = TwinCapabilities.create(options.heartbeatTimeoutMs(), model.hidden().magnet().profile(),
                model.receiveChannels(), programMemoryBytes);
        this.settings = model.defaultSettings();
        this.clock = new TwinClock(options.speed());
        this.interlocks = new InterlockWiring(options.script(), link, clock, amplifiers, () -> scan);
        this.watchdog = new HeartbeatWatchdog(options.heartbeatTimeoutMs(), options.resumeWindowMs(), amplifiers, link, clock, () -> scan);
        this.sensors = new SensorModel(model);
        this.memory = new ProgramMemory(capabilities);
        ScanTruth truth = new ScanTruth(model, truthWriter);
        this.board = new ProgramPlayer.Board(model, options.speed(), clock, link, amplifiers, interlocks, memory,
                new LineBuffer(capabilities.lineBufferLines()), truth, () -> settings, watchdog);
        truth.writeParameters();
    }

    public Capabilities capabilities() {
        return capabilities;
    }

    public boolean rfEnabled() {
        return amplifiers.rfEnabled();
    }

    public boolean gradientsEnabled() {
        return amplifiers.gradientsEnabled();
    }

    public boolean scanning() {
        ProgramPlayer s = scan;
        return s != null && s.playing();
    }

    /** Heartbeat silence (ms) at the moment the watchdog last gated the amplifiers off; -1 if it never did. */
    public long lastGateLatencyMs() {
        return watchdog.lastGateLatencyMs();
    }

    public AcquisitionSettings settings() {
        return settings;
    }

    /** Twin time now, seconds: wall clock × speed, or at speed 0 the program time of all scans run so far. */
    public double twinTimeS() {
        return clock.now();
    }

    public int interlockBits() {
        return interlocks.bits();
    }

    /**
     * Wires the room's interlocks to the console's GPIO. While a console is on the bus, a door,
     * stop, amplifier-fault or thermostat event only moves its GPIO input: stopping the scan is then
     * the console's job (ABORT on the wire), as on a unit whose interlocks go to the embedded PC.
     * The console's amplifier enables gate the twin's RF and gradients.
     */
    public void wire(GpioWiring w) {
        interlocks.wire(w);
    }

    /** Serves one host until the link closes (or {@link #shutdown} is called). Returns why it ended. */
    public String serve(Transport transport) throws InterruptedException {
        Connection c = new Connection(new CountDownLatch(1), new StringBuilder());
        connection = c;
        watchdog.heartbeat();
        replies.clear();
        FramedLink l = new FramedLink(transport, new Handler(), "twin");
        link.attach(l);
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(
                r -> Thread.ofPlatform().daemon().name("twin-watchdog").unstarted(r));
        int period = Math.max(1, Math.min(10, options.heartbeatTimeoutMs() / 10));
        ticker.scheduleAtFixedRate(this::tick, period, period, TimeUnit.MILLISECONDS);
        log.info("Serving host on {}", transport.describe());
        l.start();
        try {
            c.closed().await();
        } finally {
            ticker.shutdownNow();
            stopScan("link closed");
            l.close();
            link.detach();
        }
        log.info("Host on {} gone: {}", transport.describe(), c.why());
        return c.why();
    }

    /** Gates off, aborts any scan and closes the current link; {@link #serve} then returns. */
    public void shutdown(String reason) {
        amplifiers.gateOff();
        ProgramPlayer s = scan;
        if (s != null) s.abort(reason, false);
        endConnection(reason);
    }

    private void endConnection(String reason) {
        Connection c = connection;
        if (c != null) c.end(reason);
    }

    private void stopScan(String reason) {
        amplifiers.gateOff();
        ProgramPlayer s = scan;
        if (s != null) {
            s.abort(reason, false);
            try {
                s.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Every few ms: scripted events due in idle twin time, then the watchdog. */
    private void tick() {
        // at speed 0 the twin clock only moves with program time: the player fires events then
        if (options.speed() > 0 || !scanning()) interlocks.fireDue(clock.now());
        watchdog.check();
    }

    // ---- command handling (on the link's reader thread) ----

    private final class Handler implements FramedLink.Handler {
        @Override
        public void onMessage(long seq, Message m) {
            try {
                if (m instanceof Heartbeat || m instanceof ResendLines) {
                    handle(seq, m); // idempotent: never recorded
                    return;
                }
                byte[] payload = MessageCodec.payload(m);
                if (m instanceof Hello) replies.clear(); // a new conversation
                List<Message> before = replies.earlierReplies(seq, m, payload);
                if (before != null) {
                    log.debug("Command #{} ({}) again: answering again without running it twice", seq, m.getClass().getSimpleName());
                    for (Message r : before) link.send(r);
                    return;
                }
                link.beginRecording();
                try {
                    handle(seq, m);
                } finally {
                    replies.put(seq, m, payload, link.endRecording());
                }
            } catch (RuntimeException e) {
                log.error("Internal error handling {}", m.getClass().getSimpleName(), e);
                link.send(new Nack(seq, NACK_BAD_REQUEST, "internal error: " + e));
            }
        }

        @Override
        public void onClosed(String reason) {
            amplifiers.gateOff();
            ProgramPlayer s = scan;
            if (s != null) s.abort("link closed: " + reason, false);
            endConnection(reason);
        }
    }

    private void reply(long seq, Refusal r) {
        link.send(r == null ? new Ack(seq) : new Nack(seq, r.code(), r.reason()));
    }

    private void handle(long seq, Message m) {
        switch (m) {
            case Heartbeat h -> {
                watchdog.heartbeat();
                link.send(status(seq));
            }
            case ResendLines r -> resend(seq, r);
            case Resume r -> reply(seq, resume(r));
            case Hello h -> {
                if (h.protocolVersion() != ScannerSession.PROTOCOL_VERSION) {
                    link.send(new Nack(seq, NACK_BAD_REQUEST, "protocol version " + h.protocolVersion()
                            + " not supported (device speaks " + ScannerSession.PROTOCOL_VERSION + ")"));
                    return;
                }
                log.info("HELLO from {}", h.host());
                link.send(capabilities);
                link.send(new Ack(seq));
            }
            case UploadChunk u -> reply(seq, memory.receive(u, playingId()));
            case Arm a -> {
                synchronized (this) {
                    reply(seq, scanning() ? new Refusal(NACK_STATE, "a scan is running") : memory.arm(a.programId()));
                }
            }
            case Start s -> start(seq, s);
            case StreamNext n -> {
                ProgramPlayer run = scan;
                reply(seq, memory.queueSegment(n, run != null && run.programId == n.programId() && !run.finished()));
            }
            case Abort a -> {
                link.send(new Ack(seq));
                ProgramPlayer run = scan;
                if (run != null && run.isAlive()) {
                    log.info("ABORT from host: {}", a.reason());
                    run.abort("host: " + a.reason(), false);
                }
            }
            case SetFrequency f -> {
                if (f.hz() <= 0 || f.hz() > 1e9) {
                    link.send(new Nack(seq, NACK_BAD_REQUEST, "frequency " + f.hz() + " Hz out of range"));
                    return;
                }
                settings = settings.withFrequency(f.hz());
                log.info("Frequency set to {} Hz", f.hz());
                link.send(new Ack(seq));
            }
            case SetShim s -> {
                settings = settings.withShim(s.x(), s.y(), s.z());
                link.send(new Ack(seq));
            }
            case SetGains g -> {
                if (g.transmitScale() < 0 || g.transmitScale() > 2) {
                    link.send(new Nack(seq, NACK_BAD_REQUEST, "transmit scale " + g.transmitScale() + " outside 0..2"));
                    return;
                }
                settings = settings.withGains(g.receiverGainDb(), g.transmitScale());
                link.send(new Ack(seq));
            }
            case ReadSensors r -> {
                link.send(sensors.read(clock.now(), interlocks.bits(), amplifiers.rfEnabled()));
                link.send(new Ack(seq));
            }
            case TuneCoil t -> {
                settings = settings.withTuning(t.tune(), t.match());
                link.send(new Ack(seq));
            }
            case MeasureReflection mr -> measureReflection(seq, mr);
            default -> link.send(new Nack(seq, NACK_BAD_REQUEST, m.getClass().getSimpleName() + " is not a host command"));
        }
    }

    /** The segment in play, whose memory is held; -1 if none. */
    private int playingId() {
        ProgramPlayer run = scan;
        return run != null && !run.finished() ? run.playingId() : -1;
    }

    /** What the device tells the host with each heartbeat. */
    private Status status(long heartbeatSeq) {
        ProgramPlayer s = scan;
        ProgramPlayer.Outcome last = lastOutcome;
        boolean armed = memory.armedId() >= 0;
        int bits = interlocks.bits();
        if (s != null && s.playing()) {
            return new Status(heartbeatSeq, s.paused() ? Status.PAUSED : Status.SCANNING, Math.max(s.programId, 0), s.lines(), 0, bits);
        }
        if (last != null) {
            return new Status(heartbeatSeq, armed ? Status.ARMED : Status.DONE, Math.max(last.programId(), 0), last.lines(), last.doneStatus(), bits);
        }
        return new Status(heartbeatSeq, armed ? Status.ARMED : Status.IDLE, Integer.MAX_VALUE, 0, 0, bits);
    }

    private Refusal resume(Resume r) {
        ProgramPlayer run = scan;
        if (run == null || run.programId != r.programId() || !run.playing()) {
            return new Refusal(NACK_STATE, "program " + r.programId() + " is not running");
        }
        String open = interlocks.gatingOpen();
        if (open != null) return new Refusal(NACK_STATE, "interlock open (" + open + ")");
        if (run.paused()) log.info("Resuming program {} after a link outage", r.programId());
        run.resume();
        return null;
    }

    private void resend(long seq, ResendLines r) {
        List<AcqData> found = board.lineBuffer().find(r.fromCounter(), r.count());
        if (found == null) {
            link.send(new Nack(seq, NACK_LINES_GONE, "lines " + r.fromCounter() + ".." + (r.fromCounter() + r.count() - 1)
                    + " are not in the line buffer (it holds " + board.lineBuffer().held() + ")"));
            return;
        }
        log.debug("Resending lines {}..{} (fragment {})", r.fromCounter(), r.fromCounter() + r.count() - 1, r.fragment());
        for (AcqData d : found) {
            List<AcqFragment> parts = LineFragments.split(d);
            if (r.fragment() == ResendLines.ALL_FRAGMENTS) {
                link.sendAll(parts);
            } else if (r.fragment() < parts.size()) {
                link.send(parts.get(r.fragment()));
            }
        }
    }

    /** The coupler sweep: not during a scan. */
    private void measureReflection(long seq, MeasureReflection mr) {
        ProgramPlayer run = scan;
        if (run != null && run.isAlive()) {
            link.send(new Nack(seq, NACK_STATE, "a reflection sweep cannot run during a scan"));
            return;
        }
        String problem = SensorModel.rangeProblem(mr);
        if (problem != null) {
            link.send(new Nack(seq, NACK_BAD_REQUEST, problem));
            return;
        }
        link.send(sensors.reflection(mr, settings));
        link.send(new Ack(seq));
    }

    /** Checks a program against the hardware profile; returns a reason or null. */
    String validate(DeviceProgram p) {
        return ProgramValidator.problem(p, capabilities);
    }

    private void start(long seq, Start s) {
        String enablesLow = interlocks.enablesLowReason();
        synchronized (this) {
            Refusal refused = null;
            if (scanning()) refused = new Refusal(NACK_STATE, "a scan is already running");
            else if (memory.armedId() != s.programId()) refused = new Refusal(NACK_STATE, "program " + s.programId() + " is not armed");
            else if (interlocks.gatingOpen() != null) refused = new Refusal(NACK_STATE, "interlock open (" + interlocks.gatingOpen() + ")");
            else if (enablesLow != null) refused = new Refusal(NACK_STATE, enablesLow);
            if (refused != null) {
                reply(seq, refused);
                return;
            }
            DeviceProgram p = memory.takeArmed(s.programId());
            ProgramPlayer run = new ProgramPlayer(board, s.programId(), p, settings, scanCount++, o -> lastOutcome = o);
            watchdog.restartWindow();
            scan = run;
            link.send(new Ack(seq));
            run.start();
        }
    }
}
