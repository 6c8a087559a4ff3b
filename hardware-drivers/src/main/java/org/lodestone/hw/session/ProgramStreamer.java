package org.lodestone.hw.session;

import org.lodestone.hw.program.DeviceProgram;
import org.lodestone.hw.program.ProgramCodec;
import org.lodestone.hw.wire.Message.SegmentDone;
import org.lodestone.hw.wire.Message.StreamNext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Runs a program larger than the board's memory as consecutive segments (docs/protocol.md,
 * "Streaming"): uploads as many segments as fit the memory, queues them behind the first with
 * STREAM_NEXT, starts, and each time the unit reports a segment played and freed (SEGMENT_DONE)
 * uploads and queues the next while the unit plays the ones it holds. Each segment should be at
 * most half the memory, so one plays while the next is there. If the feed falls behind the unit
 * underruns: it gates RF and gradients off and ends the scan itself (EVENT program underrun, DONE
 * fault), so a slow host can never leave the unit playing blindly.
 */
public final class ProgramStreamer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ProgramStreamer.class);

    private final ScannerSession session;
    private final List<DeviceProgram> segments;
    private final long memoryBytes;
    private final long[] sizes;
    private final int[] ids;
    private final BlockingQueue<SegmentDone> freed = new LinkedBlockingQueue<>();
    private final Thread feeder;
    private volatile boolean closed;
    private volatile String failure;
    private int nextToUpload;
    private long residentBytes;

    private ProgramStreamer(ScannerSession session, List<DeviceProgram> segments, long memoryBytes) {
        this.session = session;
        this.segments = List.copyOf(segments);
        this.memoryBytes = memoryBytes;
        this.sizes = new long[segments.size()];
        this.ids = new int[segments.size()];
        for (int i = 0; i < sizes.length; i++) {
            sizes[i] = ProgramCodec.encode(segments.get(i)).length;
            if (sizes[i] > memoryBytes) {
                throw new IllegalArgumentException("segment " + i + " is " + sizes[i] + " bytes; the unit's program memory is " + memoryBytes);
            }
        }
        this.feeder = Thread.ofPlatform().daemon().name("host-program-feed").unstarted(this::feed);
    }

    /**
     * Uploads the first segments, arms and starts; the rest follow as the unit frees memory.
     * @param memoryBytes the unit's program memory (CAPABILITIES)
     * @return the streamer, to close when the scan has ended
     */
    public static ProgramStreamer start(ScannerSession session, List<DeviceProgram> segments, long memoryBytes,
                                        AcquisitionListener listener) throws DeviceException {
        if (segments.isEmpty()) throw new IllegalArgumentException("no segments");
        ProgramStreamer s = new ProgramStreamer(session, segments, memoryBytes);
        session.onSegmentDone(s.freed::add);
        try {
            s.uploadWhileRoom();
            s.session.start(s.ids[0], listener);
        } catch (DeviceException | RuntimeException e) {
            s.close();
            throw e;
        }
        if (s.nextToUpload < s.segments.size()) s.feeder.start();
        return s;
    }

    /** Why feeding stopped early, or null. */
    public String failure() {
        return failure;
    }

    /** Segments uploaded so far. */
    public synchronized int uploaded() {
        return nextToUpload;
    }

    /** Uploads and queues segments while they fit beside those the unit still holds. */
    private synchronized void uploadWhileRoom() throws DeviceException {
        while (nextToUpload < segments.size() && residentBytes + sizes[nextToUpload] <= memoryBytes && !closed) {
            int k = nextToUpload;
            ids[k] = session.upload(segments.get(k));
            residentBytes += sizes[k];
            if (k > 0) session.command(new StreamNext(ids[0], k, ids[k], k == segments.size() - 1));
            nextToUpload++;
            log.debug("Segment {} of {} uploaded as program {} ({} bytes; {} of {} bytes in use)", k, segments.size(), ids[k],
                    sizes[k], residentBytes, memoryBytes);
        }
    }

    private void feed() {
        try {
            while (!closed && uploaded() < segments.size()) {
                SegmentDone d = freed.poll(100, TimeUnit.MILLISECONDS);
                if (d == null || d.programId() != ids[0]) continue;
                synchronized (this) {
                    residentBytes -= sizes[d.segment()];
                }
                uploadWhileRoom();
            }
        } catch (DeviceException e) {
            // The unit underruns and ends the scan with its own report; say why the feed stopped.
            failure = "could not send segment " + uploaded() + " of " + segments.size() + ": " + e.getMessage();
            log.error("Program feed stopped: {}", failure);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            failure = "program feed failed: " + e.getMessage();
            log.error("Program feed failed", e);
        }
    }

    @Override
    public void close() {
        closed = true;
        session.onSegmentDone(null);
        feeder.interrupt();
    }
}
