package org.lodestone.hw.session;

import org.lodestone.hw.gpio.InterlockEvent;
import org.lodestone.hw.link.FramedLink;
import org.lodestone.hw.link.Transport;
import org.lodestone.hw.program.DeviceProgram;
import org.lodestone.hw.program.ProgramCodec;
import org.lodestone.hw.wire.EventCode;
import org.lodestone.hw.wire.FrameCodec;
import org.lodestone.hw.wire.Message;
import org.lodestone.hw.wire.Message.*;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.zip.CRC32C;

/**
 * The host's conversation with one sequencer board: HELLO and capabilities, program upload,
 * start/abort, settings, and the acquisition stream.
 * <p>
 * It keeps the link honest: commands are retransmitted with their own sequence number until
 * answered (the board executes each number once); heartbeats keep the board's amplifiers
 * enabled and bring back a STATUS that reveals lost lines and a lost DONE; lost lines are asked
 * for again from the board's line buffer; a board that paused after an outage is resumed once
 * the link is back. Lines reach the listener exactly once and in order.
 */
public final class ScannerSession implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ScannerSession.class);
    public static final int PROTOCOL_VERSION = 1;
    private static final int CHUNK_BYTES = 1024;
    private static final int UPLOAD_WINDOW = 32;

    /**
     * Timing of the session.
     * @param commandTimeoutMs how long a command is retried before it fails
     * @param retryIntervalMs  wait before a command is sent again
     * @param heartbeatPeriodMs heartbeat (and housekeeping) period
     * @param quietAfterMs     silence after which the link is reported unhealthy
     * @param giveUpAfterMs    silence after which the link is lost and a scan is given up
     */
    public record Options(long commandTimeoutMs, long retryIntervalMs, long heartbeatPeriodMs, long quietAfterMs,
                          long giveUpAfterMs) {
        public static final Options DEFAULT = new Options(5000, 250, 50, 500, 15_000);
    }

    private final FramedLink link;
    private final Options options;
    private final Map<Long, CompletableFuture<Message>> pending = new ConcurrentHashMap<>();
    private final ScheduledExecutorService housekeeping;
    private final ExecutorService background;
    private final Object scanLock = new Object();
    private volatile Capabilities capabilities;
    private volatile Sensors lastSensors;
    private volatile Reflection lastReflection;
    private volatile String lostReason;
    private int nextProgramId = 1;

    // Scan state, guarded by scanLock.
    private AcquisitionListener listener;
    private int activeProgram = -1;
    /**
     * False from start() until START is acknowledged: a STATUS sent before the unit ran START may
     * describe the last run of the same program (lines, DONE) and must not pass for this one's.
     */
    private boolean startAcked; // guarded by scanLock
    private LineTracker tracker;
    private Done pendingDone;
    private long lastResendNanos;
    private boolean resuming;
    /**
     * Why the unit refused the last RESUME, until its next STATUS says what became of the program: a short
     * program can end (DONE) between the STATUS that said PAUSED and the RESUME, which is not a failure.
     */
    private String resumeRefused; // guarded by scanLock
    private boolean healthy = true;
    private final Map<Long, long[]> resendRequests = new ConcurrentHashMap<>();
    // Diagnostics counters (read by statistics()).
    private final java.util.concurrent.atomic.AtomicLong commandRetransmits = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong lineResends = new java.util.concurrent.atomic.AtomicLong();
    private final RoundTrips roundTrips = new RoundTrips();
    /** The run in progress (from {@link #run}), told of interlock trips; null between runs. */
    private volatile ScanRun activeRun;
    /** Who feeds a streamed program (ProgramStreamer): told each time the unit has freed a segment. */
    private volatile java.util.function.Consumer<SegmentDone> segmentListener;

    private ScannerSession(Transport transport, Options options) {
        this.options = options;
        this.link = new FramedLink(transport, new Handler(), "host");
        this.housekeeping = Executors.newSingleThreadScheduledExecutor(
                r -> Thread.ofPlatform().daemon().name("host-heartbeat").unstarted(r));
        this.background = Executors.newSingleThreadExecutor(r -> Thread.ofPlatform().daemon().name("host-commands").unstarted(r));
    }

    public static ScannerSession open(Transport transport, Options options) {
        ScannerSession s = new ScannerSession(transport, options);
        s.link.start();
        s.housekeeping.scheduleAtFixedRate(s::tick, 0, options.heartbeatPeriodMs(), TimeUnit.MILLISECONDS);
        return s;
    }

    public static ScannerSession open(Transport transport) {
        return open(transport, Options.DEFAULT);
    }

    /** Says HELLO and returns what the unit says it is. */
    public Capabilities hello(String hostName) throws DeviceException {
        return ask(new Hello(PROTOCOL_VERSION, hostName), () -> capabilities, c -> true, "HELLO", "the unit's capabilities");
    }

    public Capabilities capabilities() {
        return capabilities;
    }

    /** Receives SEGMENT_DONE reports of a streamed program (on the link's thread: hand work off); null to stop. */
    public void onSegmentDone(java.util.function.Consumer<SegmentDone> l) {
        segmentListener = l;
    }

    /**
     * Uploads a program in small checksummed chunks, many in flight at once (small so that a noisy
     * line costs little per damaged frame, windowed so that round trips do not add up); each chunk
     * is retransmitted until acknowledged. Returns the id to start the program with.
     */
    public int upload(DeviceProgram program) throws DeviceException {
        byte[] image = ProgramCodec.encode(program);
        CRC32C crc = new CRC32C();
        crc.update(image);
        int id;
        synchronized (this) {
            id = nextProgramId++;
        }
        java.util.ArrayDeque<Object[]> inFlight = new java.util.ArrayDeque<>();
        for (int off = 0; off < image.length; off += CHUNK_BYTES) {
            if (lostReason != null) throw new DeviceException("link to the unit is lost: " + lostReason);
            byte[] part = Arrays.copyOfRange(image, off, Math.min(image.length, off + CHUNK_BYTES));
            UploadChunk chunk = new UploadChunk(id, image.length, off, crc.getValue(), part);
            CompletableFuture<Message> reply = new CompletableFuture<>();
            long seq;
            try {
                seq = link.send(chunk, s -> pending.put(s, reply));
            } catch (IOException e) {
                throw new DeviceException("could not send the program to the unit: " + e.getMessage());
            }
            inFlight.add(new Object[] {chunk, seq, reply});
            if (inFlight.size() >= UPLOAD_WINDOW) awaitOldest(inFlight);
        }
        while (!inFlight.isEmpty()) awaitOldest(inFlight);
        return id;
    }

    @SuppressWarnings("unchecked")
    private void awaitOldest(java.util.ArrayDeque<Object[]> inFlight) throws DeviceException {
        Object[] o = inFlight.poll();
        awaitReply((Message) o[0], (Long) o[1], (CompletableFuture<Message>) o[2]);
    }

    public void setFrequency(double hz) throws DeviceException {
        command(new SetFrequency(hz));
    }

    public void setShim(double x, double y, double z) throws DeviceException {
        command(new SetShim(x, y, z));
    }

    public Sensors readSensors() throws DeviceException {
        return ask(new ReadSensors(), () -> lastSensors, r -> true, "READ_SENSORS", "its sensors");
    }

    /** A directional-coupler sweep (coil tune and match): Γ at startHz + k·stepHz for k < count. */
    public Reflection measureReflection(double startHz, double stepHz, int count) throws DeviceException {
        return ask(new MeasureReflection(startHz, stepHz, count), () -> lastReflection,
                r -> r.count() == count && r.startHz() == startHz, "MEASURE_REFLECTION", "the sweep");
    }

    private static final int REPLY_ATTEMPTS = 4;
    private static final long REPLY_WAIT_NANOS = 700_000_000L;

    /**
     * A command whose answer is a reply frame before (or, when one of its frames was resent, just after) the ACK. A
     * reply frame lost on the line is not resent by the link (only lines are), so a command acknowledged without a new
     * reply is asked again, a few times, before giving up.
     */
    private <T> T ask(Message command, java.util.function.Supplier<T> latest, java.util.function.Predicate<T> answers,
                      String name, String reply) throws DeviceException {
        for (int attempt = 1; ; attempt++) {
            T before = latest.get();
            command(command);
            T r = awaitChange(latest, before);
            if (r != null && r != before && answers.test(r)) return r;
            if (attempt == REPLY_ATTEMPTS) {
                throw new DeviceException("the unit acknowledged " + name + " " + REPLY_ATTEMPTS + " times without sending " + reply);
            }
            log.warn("{} acknowledged without {} (attempt {}); asking again", name, reply, attempt);
        }
    }

    private static <T> T awaitChange(java.util.function.Supplier<T> current, T before) {
        long deadline = System.nanoTime() + REPLY_WAIT_NANOS;
        while (current.get() == before && System.nanoTime() < deadline) {
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return current.get();
    }

    /**
     * The one way to play a program: uploads it (streamed in segments of half the board's memory
     * when it is longer than the memory), starts it, and reports everything until DONE to the
     * listener as one stream of {@link RunEvent}s ending with {@link RunEvent.Finished}.
     * One run at a time; close (or await) the last run before the next.
     * @throws DeviceException when the program could not be uploaded or started (nothing played)
     */
    public ScanRun run(DeviceProgram program, RunListener listener) throws DeviceException {
        ScanRun run = new ScanRun(this, listener, program.adcCount());
        synchronized (this) {
            if (activeRun != null) throw new DeviceException("another program is still running on the unit");
            activeRun = run;
        }
        try {
            run.play(program, capabilities);
            return run;
        } catch (DeviceException | RuntimeException e) {
            runEnded(run);
            throw e;
        }
    }

    /**
     * An interlock tripped on the console's GPIO (the guard has dropped the enables): the running
     * program hears it first, then ABORT leaves at once (repeated until acknowledged).
     */
    public void interlockTripped(InterlockEvent e) {
        ScanRun r = activeRun;
        if (r != null) r.tripped(e);
        try {
            abort("interlock: " + e.detail());
        } catch (DeviceException x) {
            log.warn("Interlock: ABORT could not be sent: {}", x.getMessage());
        }
    }

    /** The run in progress, if any. */
    public java.util.Optional<ScanRun> activeRun() {
        return java.util.Optional.ofNullable(activeRun);
    }

    synchronized void runEnded(ScanRun r) {
        if (activeRun == r) activeRun = null;
    }

    /** Arms and starts a program; the stream goes to the listener until DONE or loss of link. */
    public void start(int programId, AcquisitionListener l) throws DeviceException {
        synchronized (scanLock) {
            listener = l;
            activeProgram = programId;
            tracker = new LineTracker();
            pendingDone = null;
            resendRequests.clear();
            resuming = false;
            resumeRefused = null;
            startAcked = false;
        }
        command(new Arm(programId));
        command(new Start(programId));
        synchronized (scanLock) {
            // The unit answers in order: every STATUS after this ACK is about the new run.
            if (activeProgram == programId) startAcked = true;
        }
    }

    /**
     * Tells the unit to stop now. The first ABORT leaves at once (an interlock must not wait);
     * it is repeated in the background until the unit acknowledges it. The DONE that follows
     * reports the outcome.
     */
    public void abort(String reason) throws DeviceException {
        Abort a = new Abort(reason);
        CompletableFuture<Message> reply = new CompletableFuture<>();
        long seq;
        try {
            seq = link.send(a, s -> pending.put(s, reply));
        } catch (IOException e) {
            throw new DeviceException("could not send ABORT: " + e.getMessage());
        }
        background.submit(() -> {
            try {
                awaitReply(a, seq, reply);
            } catch (DeviceException e) {
                log.warn("ABORT not acknowledged: {}", e.getMessage());
            }
        });
    }

    /** Sends a command and waits for its ACK, sending it again (same number) while unanswered. */
    public void command(Message m) throws DeviceException {
        if (lostReason != null) throw new DeviceException("link to the unit is lost: " + lostReason);
        CompletableFuture<Message> reply = new CompletableFuture<>();
        long seq;
        try {
            seq = link.send(m, s -> pending.put(s, reply));
        } catch (IOException e) {
            throw new DeviceException("could not send " + name(m) + " to the unit: " + e.getMessage());
        }
        awaitReply(m, seq, reply);
    }

    private void awaitReply(Message m, long seq, CompletableFuture<Message> reply) throws DeviceException {
        long deadline = System.nanoTime() + options.commandTimeoutMs() * 1_000_000;
        try {
            while (true) {
                try {
                    Message r = reply.get(options.retryIntervalMs(), TimeUnit.MILLISECONDS);
                    if (r instanceof Nack n) throw new DeviceException("the unit refused " + name(m) + ": " + n.reason());
                    return;
                } catch (TimeoutException e) {
                    if (System.nanoTime() > deadline) {
                        throw new DeviceException("no answer from the unit to "
                                + name(m) + " within " + options.commandTimeoutMs() + " ms");
                    }
                    if (lostReason != null) throw new DeviceException("link to the unit is lost: " + lostReason);
                    try {
                        commandRetransmits.incrementAndGet();
                        link.resend(m, seq);
                    } catch (IOException io) {
                        log.debug("resend of {} failed: {}", name(m), io.getMessage());
                    }
                }
            }
        } catch (ExecutionException e) {
            throw new DeviceException(e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeviceException("interrupted while waiting for the unit");
        } finally {
            pending.remove(seq);
        }
    }

    private static String name(Message m) {
        return m.getClass().getSimpleName();
    }

    public boolean isLost() {
        return lostReason != null;
    }

    /** Why the link is lost, or null. */
    public String lostReason() {
        return lostReason;
    }

    /** Milliseconds since anything arrived from the unit (it answers every heartbeat, idle or not). */
    public long silenceMs() {
        return link.nanosSinceLastReceive() / 1_000_000;
    }

    /** Declares the link lost from outside (e.g. the unit's process or device node is gone). */
    public void declareLost(String reason) {
        lost(reason);
    }

    /** Frames the link layer dropped for bad CRCs or headers, and duplicate lines ignored: for diagnostics. */
    public String linkStatistics() {
        LinkStatistics s = statistics();
        return String.format(java.util.Locale.ROOT, "frames %d, CRC errors %d, header errors %d, bytes skipped %d, malformed %d, "
                        + "retransmitted commands %d, line pieces asked again %d, duplicate lines %d",
                s.framesDecoded(), s.crcErrors(), s.headerErrors(), s.bytesSkipped(), s.malformed(), s.commandRetransmits(),
                s.lineResends(), s.duplicateLines());
    }

    /** The link's counters and heartbeat round trips since the session opened: for diagnostics. */
    public LinkStatistics statistics() {
        var d = link.decoderStats();
        long dups;
        synchronized (scanLock) {
            dups = tracker == null ? 0 : tracker.duplicates();
        }
        return new LinkStatistics(d.framesDecoded(), d.crcErrors(), d.headerErrors(), d.bytesSkipped(), link.malformedFrames(),
                commandRetransmits.get(), lineResends.get(), dups, roundTrips.count(), roundTrips.lastMs(), roundTrips.meanMs(),
                roundTrips.maxMs());
    }

    /** Every heartbeat period: beat, watch the silence, chase lost lines, finish a scan. */
    private void tick() {
        if (lostReason != null) return;
        try {
            long now = System.nanoTime();
            link.send(new Heartbeat(now), seq -> roundTrips.sent(seq, now));
        } catch (IOException e) {
            log.debug("heartbeat not sent: {}", e.getMessage());
        }
        long silentMs = link.nanosSinceLastReceive() / 1_000_000;
        if (silentMs > options.giveUpAfterMs()) {
            lost("the unit has not answered for " + silentMs + " ms");
            return;
        }
        AcquisitionListener notify = null;
        boolean nowHealthy = silentMs <= options.quietAfterMs();
        synchronized (scanLock) {
            if (nowHealthy != healthy) {
                healthy = nowHealthy;
                notify = listener;
            }
        }
        if (notify != null) {
            notify.onLinkHealth(nowHealthy, nowHealthy ? "link to the unit restored"
                    : "no answer from the unit for " + silentMs + " ms; waiting for the link");
            log.warn(nowHealthy ? "Link restored" : "Link quiet for {} ms", silentMs);
        }
        try {
            chaseLostLines();
        } catch (RuntimeException e) {
            log.error("housekeeping failed", e);
        }
    }

    private void chaseLostLines() {
        List<ResendLines> asks;
        synchronized (scanLock) {
            if (tracker == null || activeProgram < 0) return;
            long now = System.nanoTime();
            // Resent pieces arrive within a few frame times; ask again sooner than a command retry.
            if (now - lastResendNanos < options.retryIntervalMs() * 1_000_000 / 2) return;
            asks = tracker.requests();
            if (asks.isEmpty()) return;
            lastResendNanos = now;
        }
        for (ResendLines ask : asks) {
            try {
                link.send(ask, seq -> resendRequests.put(seq, new long[] {ask.fromCounter(), ask.count()}));
                lineResends.incrementAndGet();
            } catch (IOException e) {
                log.debug("resend request not sent: {}", e.getMessage());
                return;
            }
        }
        log.debug("asked the unit again for {} (first: line {}, fragment {})", asks.size() == 1 ? "one piece" : asks.size() + " pieces",
                asks.getFirst().fromCounter(), asks.getFirst().fragment());
    }

    private void deliver(List<AcqData> lines, AcquisitionListener l) {
        for (AcqData d : lines) l.onLine(d);
    }

    /** Passes DONE on once every line it counts is delivered. */
    private void maybeFinish() {
        AcquisitionListener l;
        Done d;
        synchronized (scanLock) {
            if (pendingDone == null || tracker == null || tracker.delivered() < pendingDone.linesAcquired()) return;
            l = listener;
            d = pendingDone;
            pendingDone = null;
            activeProgram = -1;
            tracker = null;
        }
        if (l != null) l.onDone(d);
    }

    private void lost(String reason) {
        synchronized (this) {
            if (lostReason != null) return;
            lostReason = reason;
        }
        pending.values().forEach(f -> f.completeExceptionally(new DeviceException("link to the unit is lost: " + reason)));
        AcquisitionListener l;
        synchronized (scanLock) {
            l = activeProgram >= 0 ? listener : null;
            activeProgram = -1;
        }
        // During a scan this is an operator-facing error; idle (e.g. the console shutting down) it is a note.
        // the reason reaches operators (scan.json, the series, the window, the terminal): it names no device; the
        // log file does, at info (the terminal shows warnings and errors only)
        if (l != null) log.error("Link lost: {}", reason);
        log.info("Link closed: {} ({})", reason, link.describe());
        if (l != null) l.onLinkLost(reason);
    }

    private void failScan(String reason) {
        AcquisitionListener l;
        synchronized (scanLock) {
            l = activeProgram >= 0 ? listener : null;
            activeProgram = -1;
        }
        log.error("Scan failed: {}", reason);
        if (l != null) l.onLinkLost(reason);
    }

    @Override
    public void close() {
        synchronized (this) {
            if (lostReason == null) lostReason = "session closed";
        }
        housekeeping.shutdownNow();
        background.shutdownNow();
        link.close();
    }

    private final class Handler implements FramedLink.Handler {
        @Override
        public void onMessage(long seq, Message m) {
            switch (m) {
                case Ack a -> complete(a.ackedSeq(), a);
                case Nack n -> {
                    long[] range = resendRequests.remove(n.nackedSeq());
                    if (range != null) {
                        failScan("lines " + range[0] + ".." + (range[0] + range[1] - 1)
                                + " were lost and are no longer in the unit's buffer (" + n.reason() + ")");
                    } else {
                        complete(n.nackedSeq(), n);
                    }
                }
                case Capabilities c -> capabilities = c;
                case Sensors s -> {
                    lastSensors = s;
                    AcquisitionListener l;
                    synchronized (scanLock) {
                        l = activeProgram >= 0 ? listener : null;
                    }
                    if (l != null) l.onSensors(s);
                }
                case Reflection r -> lastReflection = r;
                case AcqData d -> {
                    List<AcqData> ready;
                    AcquisitionListener l;
                    synchronized (scanLock) {
                        if (tracker == null) return;
                        ready = tracker.accept(d);
                        l = listener;
                    }
                    deliver(ready, l);
                    maybeFinish();
                }
                case AcqFragment f -> {
                    List<AcqData> ready;
                    AcquisitionListener l;
                    synchronized (scanLock) {
                        if (tracker == null) return;
                        ready = tracker.accept(f);
                        l = listener;
                    }
                    deliver(ready, l);
                    maybeFinish();
                }
                case Status s -> {
                    roundTrips.answered(s.heartbeatSeq(), System.nanoTime());
                    onStatus(s);
                }
                case SegmentDone sd -> {
                    var sl = segmentListener;
                    if (sl != null) sl.accept(sd);
                }
                case Event e -> {
                    log.info("Unit event: {} {}", EventCode.name(e.code()), e.detail());
                    AcquisitionListener l = listener;
                    if (l != null) l.onEvent(e);
                }
                case Done d -> {
                    synchronized (scanLock) {
                        if (d.programId() != activeProgram || tracker == null) return; // repeated DONE
                        tracker.deviceAcquired(d.linesAcquired());
                        pendingDone = d;
                    }
                    maybeFinish();
                }
                default -> log.warn("Unexpected {} from the unit", m.getClass().getSimpleName());
            }
        }

        private void onStatus(Status s) {
            boolean resume = false;
            String refusedFor = null;
            synchronized (scanLock) {
                if (tracker == null || !startAcked) return;
                if (resumeRefused != null && !(s.programId() == activeProgram
                        && (s.state() == Status.PAUSED || s.state() == Status.SCANNING || s.state() == Status.DONE))) {
                    refusedFor = resumeRefused; // the program is neither held, playing nor done: it is gone
                }
                resumeRefused = null;
                if (refusedFor == null && s.programId() != activeProgram) return;
            }
            if (refusedFor != null) {
                failScan("the unit could not resume the scan: " + refusedFor);
                return;
            }
            synchronized (scanLock) {
                if (tracker == null || s.programId() != activeProgram) return;
                tracker.deviceAcquired(s.linesAcquired());
                if (s.state() == Status.DONE && pendingDone == null) {
                    // The DONE itself was lost on the way: the status carries the same facts.
                    pendingDone = new Done(s.programId(), s.linesAcquired(), s.doneStatus());
                }
                if (s.state() == Status.PAUSED && !resuming) {
                    resuming = true;
                    resume = true;
                }
            }
            if (resume) {
                int id = s.programId();
                log.warn("The unit paused program {} after a link outage; resuming", id);
                background.submit(() -> {
                    try {
                        command(new Resume(id));
                    } catch (DeviceException e) {
                        log.warn("The unit refused RESUME of program {}: {}; its next status decides", id, e.getMessage());
                        synchronized (scanLock) {
                            if (activeProgram == id) resumeRefused = e.getMessage();
                        }
                    } finally {
                        synchronized (scanLock) {
                            resuming = false;
                        }
                    }
                });
            }
            maybeFinish();
        }

        private void complete(long seq, Message m) {
            CompletableFuture<Message> f = pending.get(seq);
            if (f != null) f.complete(m);
        }

        @Override
        public void onClosed(String reason) {
            lost(reason);
        }
    }
}
