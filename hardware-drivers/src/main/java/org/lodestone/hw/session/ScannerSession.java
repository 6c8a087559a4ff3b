package org.lodestone.hw.session;

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
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.zip.CRC32C;

/**
 * The host's conversation with one sequencer board: HELLO and capabilities, program upload,
 * start/abort, settings, and the acquisition stream. Sends heartbeats so the board keeps its
 * amplifiers enabled, and declares the link lost when the board falls silent.
 */
public final class ScannerSession implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ScannerSession.class);
    public static final int PROTOCOL_VERSION = 1;
    private static final int CHUNK_BYTES = 16 * 1024;

    /** Timing of the session. */
    public record Options(long commandTimeoutMs, long heartbeatPeriodMs, long silenceLimitMs) {
        public static final Options DEFAULT = new Options(2000, 50, 1000);
    }

    private final FramedLink link;
    private final Options options;
    private final Map<Long, CompletableFuture<Message>> pending = new ConcurrentHashMap<>();
    private final ScheduledExecutorService heartbeat;
    private volatile AcquisitionListener listener;
    private volatile Capabilities capabilities;
    private volatile Sensors lastSensors;
    private volatile String lostReason;
    private int nextProgramId = 1;

    private ScannerSession(Transport transport, Options options) {
        this.options = options;
        this.link = new FramedLink(transport, new Handler(), "host");
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon().name("host-heartbeat").unstarted(r));
    }

    public static ScannerSession open(Transport transport, Options options) {
        ScannerSession s = new ScannerSession(transport, options);
        s.link.start();
        s.heartbeat.scheduleAtFixedRate(s::beat, 0, options.heartbeatPeriodMs(), TimeUnit.MILLISECONDS);
        return s;
    }

    public static ScannerSession open(Transport transport) {
        return open(transport, Options.DEFAULT);
    }

    /** Says HELLO and returns what the unit says it is. */
    public Capabilities hello(String hostName) throws DeviceException {
        command(new Hello(PROTOCOL_VERSION, hostName));
        if (capabilities == null) throw new DeviceException("the unit acknowledged HELLO without sending its capabilities");
        return capabilities;
    }

    public Capabilities capabilities() {
        return capabilities;
    }

    /** Uploads a program in checksummed chunks; returns the id to arm and start it with. */
    public int upload(DeviceProgram program) throws DeviceException {
        byte[] image = ProgramCodec.encode(program);
        CRC32C crc = new CRC32C();
        crc.update(image);
        int id;
        synchronized (this) {
            id = nextProgramId++;
        }
        int chunk = Math.min(CHUNK_BYTES, FrameCodec.MAX_PAYLOAD - 64);
        for (int off = 0; off < image.length; off += chunk) {
            byte[] part = Arrays.copyOfRange(image, off, Math.min(image.length, off + chunk));
            command(new UploadChunk(id, image.length, off, crc.getValue(), part));
        }
        return id;
    }

    public void setFrequency(double hz) throws DeviceException {
        command(new SetFrequency(hz));
    }

    public void setShim(double x, double y, double z) throws DeviceException {
        command(new SetShim(x, y, z));
    }

    public Sensors readSensors() throws DeviceException {
        command(new ReadSensors());
        return lastSensors;
    }

    /** Arms and starts a program; the stream goes to the listener until DONE or loss of link. */
    public void start(int programId, AcquisitionListener l) throws DeviceException {
        this.listener = l;
        command(new Arm(programId));
        command(new Start(programId));
    }

    /** Asks the unit to stop now; returns once sent (the DONE that follows reports the outcome). */
    public void abort(String reason) throws DeviceException {
        try {
            link.send(new Abort(reason));
        } catch (IOException e) {
            throw new DeviceException("could not send ABORT: " + e.getMessage());
        }
    }

    /** Sends a command and waits for its ACK. A NACK, a timeout or a lost link is a DeviceException. */
    public void command(Message m) throws DeviceException {
        if (lostReason != null) throw new DeviceException("link to the unit is lost: " + lostReason);
        CompletableFuture<Message> reply = new CompletableFuture<>();
        long seq;
        try {
            seq = link.send(m, s -> pending.put(s, reply));
        } catch (IOException e) {
            throw new DeviceException("could not send " + m.getClass().getSimpleName() + " to " + link.describe() + ": " + e.getMessage());
        }
        try {
            Message r = reply.get(options.commandTimeoutMs(), TimeUnit.MILLISECONDS);
            if (r instanceof Nack n) {
                throw new DeviceException("the unit refused " + m.getClass().getSimpleName() + ": " + n.reason());
            }
        } catch (TimeoutException e) {
            throw new DeviceException("no answer from the unit on " + link.describe() + " to "
                    + m.getClass().getSimpleName() + " within " + options.commandTimeoutMs() + " ms");
        } catch (ExecutionException e) {
            throw new DeviceException(e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeviceException("interrupted while waiting for the unit");
        } finally {
            pending.remove(seq);
        }
    }

    public boolean isLost() {
        return lostReason != null;
    }

    private void beat() {
        if (lostReason != null) return;
        try {
            link.send(new Heartbeat(System.nanoTime()));
        } catch (IOException e) {
            lost("cannot write to " + link.describe() + ": " + e.getMessage());
            return;
        }
        long silentMs = link.nanosSinceLastReceive() / 1_000_000;
        if (silentMs > options.silenceLimitMs()) {
            lost("the unit on " + link.describe() + " has not answered for " + silentMs + " ms");
        }
    }

    private void lost(String reason) {
        synchronized (this) {
            if (lostReason != null) return;
            lostReason = reason;
        }
        log.error("Link lost: {}", reason);
        pending.values().forEach(f -> f.completeExceptionally(new DeviceException("link to the unit is lost: " + reason)));
        AcquisitionListener l = listener;
        if (l != null) l.onLinkLost(reason);
    }

    @Override
    public void close() {
        heartbeat.shutdownNow();
        link.close();
    }

    private final class Handler implements FramedLink.Handler {
        @Override
        public void onMessage(long seq, Message m) {
            switch (m) {
                case Ack a -> complete(a.ackedSeq(), a);
                case Nack n -> complete(n.nackedSeq(), n);
                case Capabilities c -> capabilities = c;
                case Sensors s -> lastSensors = s;
                case AcqData d -> {
                    AcquisitionListener l = listener;
                    if (l != null) l.onLine(d);
                }
                case Event e -> {
                    log.info("Unit event: {} {}", EventCode.name(e.code()), e.detail());
                    AcquisitionListener l = listener;
                    if (l != null) l.onEvent(e);
                }
                case Done d -> {
                    AcquisitionListener l = listener;
                    if (l != null) l.onDone(d);
                }
                default -> log.warn("Unexpected {} from the unit", m.getClass().getSimpleName());
            }
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
