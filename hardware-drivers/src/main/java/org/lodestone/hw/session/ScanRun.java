package org.lodestone.hw.session;

import org.lodestone.hw.gpio.InterlockEvent;
import org.lodestone.hw.program.DeviceProgram;
import org.lodestone.hw.program.ProgramSegments;
import org.lodestone.hw.session.RunResult.Reason;
import org.lodestone.hw.wire.EventCode;
import org.lodestone.hw.wire.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One program playing on the unit, from {@link ScannerSession#run}: its events go to the
 * {@link RunListener} as one stream (lines, progress, sensors, unit events, interlock trips seen
 * on the console's GPIO, link pauses) ending with exactly one {@link RunEvent.Finished}.
 * Closing a run that has not finished aborts it.
 */
public final class ScanRun implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ScanRun.class);
    /** After a trip the unit's DONE normally follows at once; a unit that stays silent is not waited for. */
    static final long TRIP_DONE_WAIT_MS = 2000;
    private static final long CLOSE_DONE_WAIT_MS = 5000;

    private final ScannerSession session;
    private final RunListener listener;
    private final long expected;
    private final CompletableFuture<RunResult> result = new CompletableFuture<>();
    private final AtomicLong received = new AtomicLong();
    private volatile InterlockEvent trip;
    /** The unit's own event that stopped the program (underrun, interlock, amplifier fault); a later one does not hide an interlock. */
    private volatile Message.Event unitStop;
    private volatile boolean abortRequested;
    private volatile ProgramStreamer streamer;

    ScanRun(ScannerSession session, RunListener listener, long expectedLines) {
        this.session = session;
        this.listener = listener;
        this.expected = expectedLines;
    }

    /** Lines the program acquires. */
    public long expectedLines() {
        return expected;
    }

    public long linesReceived() {
        return received.get();
    }

    public boolean isFinished() {
        return result.isDone();
    }

    /** Stops the unit now; the run finishes with ABORTED (or INTERLOCK if one tripped) when the unit says DONE. */
    public void abort(String reason) throws DeviceException {
        if (result.isDone()) return;
        abortRequested = true;
        session.abort(reason);
    }

    /** Waits for the end. */
    public RunResult await() throws InterruptedException {
        try {
            return result.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Waits at most {@code timeout}; empty if the run is still going. */
    public Optional<RunResult> await(Duration timeout) throws InterruptedException {
        try {
            return Optional.of(result.get(timeout.toNanos(), TimeUnit.NANOSECONDS));
        } catch (TimeoutException e) {
            return Optional.empty();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Aborts a run still going, waits briefly for its DONE, and releases the session for the next run. */
    @Override
    public void close() {
        if (!result.isDone()) {
            try {
                abort("run closed");
                result.get(CLOSE_DONE_WAIT_MS, TimeUnit.MILLISECONDS);
            } catch (DeviceException | ExecutionException | TimeoutException e) {
                log.warn("Run closed without DONE from the unit: {}", e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            finish(trip != null ? Reason.INTERLOCK : Reason.ABORTED, "closed before the unit reported DONE");
        }
    }

    /** Uploads (streamed in segments of half the memory when longer than it) and starts; a trip during the upload ends the run unstarted. */
    void play(DeviceProgram program, Message.Capabilities caps) throws DeviceException {
        long memory = caps == null || caps.programMemoryBytes() <= 0 ? Long.MAX_VALUE : caps.programMemoryBytes();
        if (ProgramSegments.imageBytes(program) <= memory) {
            int id = session.upload(program);
            if (trip != null) {
                finish(Reason.INTERLOCK, "not started: " + trip.detail());
                return;
            }
            session.start(id, acquisitionListener());
            return;
        }
        List<DeviceProgram> segments;
        try {
            segments = ProgramSegments.cut(program, memory / 2);
        } catch (IllegalArgumentException e) {
            throw new DeviceException("the program cannot be streamed to this unit: " + e.getMessage());
        }
        log.info("Program of {} bytes streamed to the unit ({} bytes of memory) in {} segments",
                ProgramSegments.imageBytes(program), memory, segments.size());
        streamer = ProgramStreamer.start(session, segments, memory, acquisitionListener());
    }

    /** From the GPIO thread, before the session sends ABORT: the trip joins the run's stream at once. */
    void tripped(InterlockEvent e) {
        if (result.isDone()) return;
        if (trip == null) trip = e;
        emit(new RunEvent.InterlockTripped(e));
        CompletableFuture.delayedExecutor(TRIP_DONE_WAIT_MS, TimeUnit.MILLISECONDS)
                .execute(() -> finish(Reason.INTERLOCK, "no DONE from the unit after the interlock ABORT"));
    }

    /** What the session calls while the program plays. */
    AcquisitionListener acquisitionListener() {
        return new AcquisitionListener() {
            @Override
            public void onLine(Message.AcqData line) {
                if (result.isDone()) return;
                long n = received.incrementAndGet();
                emit(new RunEvent.LineReceived(line));
                emit(new RunEvent.Progress(n, expected));
            }

            @Override
            public void onEvent(Message.Event e) {
                // SCAN_STARTED is the unit's receipt for START, not news for whoever runs the program
                if (result.isDone() || e.code() == EventCode.SCAN_STARTED) return;
                if (e.code() == EventCode.PROGRAM_UNDERRUN || e.code() == EventCode.INTERLOCK
                        || e.code() == EventCode.AMPLIFIER_FAULT) {
                    if (!stoppedBy(unitStop, EventCode.INTERLOCK)) unitStop = e;
                }
                emit(new RunEvent.UnitEvent(e.code(), e.detail()));
            }

            @Override
            public void onSensors(Message.Sensors s) {
                if (!result.isDone()) emit(new RunEvent.SensorReading(s));
            }

            @Override
            public void onLinkHealth(boolean healthy, String detail) {
                if (!result.isDone()) emit(healthy ? new RunEvent.LinkResumed(detail) : new RunEvent.LinkPaused(detail));
            }

            @Override
            public void onDone(Message.Done done) {
                finishOnDone(done);
            }

            @Override
            public void onLinkLost(String reason) {
                finish(trip != null ? Reason.INTERLOCK : Reason.LINK_LOST, reason);
            }
        };
    }

    private void finishOnDone(Message.Done done) {
        InterlockEvent t = trip;
        ProgramStreamer s = streamer;
        String feed = s == null || s.failure() == null ? "" : " (" + s.failure() + ")";
        Message.Event stop = unitStop;
        String stopText = stop == null ? null : EventCode.name(stop.code()) + ": " + stop.detail();
        if (t != null) {
            finish(Reason.INTERLOCK, t.detail());
        } else if (done.status() == Message.Done.COMPLETE) {
            finish(Reason.COMPLETED, "DONE after " + done.linesAcquired() + " lines");
        } else if (done.status() == Message.Done.ABORTED) {
            finish(stoppedBy(stop, EventCode.INTERLOCK) ? Reason.INTERLOCK : Reason.ABORTED, stop != null ? stopText : "aborted");
        } else if (stoppedBy(stop, EventCode.INTERLOCK)) {
            finish(Reason.INTERLOCK, stopText);
        } else if (stoppedBy(stop, EventCode.PROGRAM_UNDERRUN)) {
            finish(Reason.UNDERRUN, stopText + feed);
        } else {
            finish(abortRequested ? Reason.ABORTED : Reason.FAULT,
                    (stop != null ? stopText : "the unit ended the scan (status " + done.status() + ")") + feed);
        }
    }

    private static boolean stoppedBy(Message.Event stop, int eventCode) {
        return stop != null && stop.code() == eventCode;
    }

    private void finish(Reason reason, String detail) {
        RunResult r;
        synchronized (this) {
            if (result.isDone()) return;
            r = new RunResult(received.get(), expected, reason, detail);
            ProgramStreamer s = streamer;
            if (s != null) s.close();
            session.runEnded(this);
            emit(new RunEvent.Finished(r));
            result.complete(r);
        }
        log.info("Run ended: {} ({} of {} lines): {}", reason, r.lines(), r.expectedLines(), detail);
    }

    private void emit(RunEvent e) {
        try {
            listener.on(e);
        } catch (RuntimeException x) {
            log.error("Run listener failed on {}", e.getClass().getSimpleName(), x);
        }
    }
}
