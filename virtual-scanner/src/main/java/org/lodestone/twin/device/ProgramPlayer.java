package org.lodestone.twin.device;

import org.lodestone.hw.program.AdcWindow;
import org.lodestone.hw.program.DeviceProgram;
import org.lodestone.hw.program.ProgramBlock;
import org.lodestone.hw.wire.EventCode;
import org.lodestone.hw.wire.LineFragments;
import org.lodestone.hw.wire.Message.AcqData;
import org.lodestone.hw.wire.Message.Done;
import org.lodestone.hw.wire.Message.Event;
import org.lodestone.hw.wire.Message.SegmentDone;
import org.lodestone.twin.physics.AcquisitionSettings;
import org.lodestone.twin.physics.ScanSimulation;
import org.lodestone.twin.physics.ScannerModel;
import org.lodestone.twin.physics.SimulatedLine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Plays one program on its own thread: block by block on the program's timeline (paced to wall time by the
 * speed), scripted events fired at block starts, held while paused, ended by abort, fault or underrun.
 * A whole program and a streamed one (segments queued by STREAM_NEXT, each freed once played) go through
 * the same loop; only where the lines come from differs ({@link PlayedLines}).
 */
final class ProgramPlayer {
    private static final Logger log = LoggerFactory.getLogger(ProgramPlayer.class);
    /** At speed 0 (no pacing) a streamed program waits this long, in real time, for its next segment. */
    static final long STREAM_WAIT_AT_SPEED_0_MS = 2000;

    /** The parts of the board a program plays on. */
    record Board(ScannerModel model, double speed, TwinClock clock, HostLink link, Amplifiers amplifiers,
                 InterlockWiring interlocks, ProgramMemory memory, LineBuffer lineBuffer, ScanTruth truth,
                 Supplier<AcquisitionSettings> settings, HeartbeatWatchdog watchdog) {
    }

    /** How a scan ended: what STATUS reports after it. */
    record Outcome(int programId, long lines, int doneStatus) {
    }

    /** Why it stops early; the first reason wins. */
    private record Ending(String reason, boolean heartbeatLost, boolean fault) {
    }

    final Board board;
    final int programId;
    final DeviceProgram program;
    final AcquisitionSettings acq;
    final long index;
    private final Thread thread;
    private final Consumer<Outcome> onFinish;
    private final Pacing pacing;
    private final AtomicReference<Ending> ending = new AtomicReference<>();
    /** The program (segment) in play: its memory is not free. */
    private volatile int playingId;
    private volatile long lines;
    /** Set just before DONE goes out, so a host that answers DONE with ARM at once is not refused. */
    private volatile boolean finished;
    private boolean playedWithEnablesLow;

    ProgramPlayer(Board board, int programId, DeviceProgram program, AcquisitionSettings acq, long index, Consumer<Outcome> onFinish) {
        this.board = board;
        this.programId = programId;
        this.playingId = programId;
        this.program = program;
        this.acq = acq;
        this.index = index;
        this.onFinish = onFinish;
        this.pacing = new Pacing(board.speed());
        this.thread = Thread.ofPlatform().daemon().name("twin-scan-" + programId).unstarted(this::run);
    }

    void start() {
        thread.start();
    }

    /** The scan thread runs (it may be sending DONE). */
    boolean isAlive() {
        return thread.isAlive();
    }

    /** Playing and not yet finished: what STATUS calls SCANNING or PAUSED. */
    boolean playing() {
        return thread.isAlive() && !finished;
    }

    boolean finished() {
        return finished;
    }

    boolean stopping() {
        return ending.get() != null;
    }

    boolean paused() {
        return pacing.paused();
    }

    long pausedForNanos() {
        return pacing.pausedForNanos();
    }

    long lines() {
        return lines;
    }

    int playingId() {
        return playingId;
    }

    void join(long ms) throws InterruptedException {
        thread.join(ms);
    }

    /** Gated off after lost heartbeats: the program holds its place between blocks until resumed. */
    void pause() {
        pacing.pause();
    }

    void resume() {
        if (pacing.resume()) {
            board.amplifiers().enable();
            board.watchdog().restartWindow();
        }
    }

    void abort(String reason, boolean heartbeat) {
        ending.compareAndSet(null, new Ending(reason, heartbeat, false));
    }

    /** Ends the scan with DONE(FAULT). */
    void fail(String reason) {
        ending.compareAndSet(null, new Ending(reason, false, true));
    }

    private void run() {
        int status = Done.COMPLETE;
        pacing.begin();
        board.lineBuffer().clear();
        double startTwin = board.clock().scanStarted();
        StreamQueue stream = board.memory().stream(programId);
        PlayedLines played = stream == null ? new PlayedLines.Live(this, startTwin) : new PlayedLines.Deferred(this, startTwin);
        try {
            played.begin();
            double endS = play(stream, played, startTwin);
            if (ending.get() == null) {
                waitUntil(endS);
                board.clock().scanAt(endS);
                board.interlocks().fireDue(startTwin + endS);
            }
            Ending e = ending.get();
            if (e != null) status = e.fault() ? Done.FAULT : Done.ABORTED;
            board.amplifiers().gateOff();
            played.end();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            status = Done.ABORTED;
        } catch (RuntimeException e) {
            log.error("Scan {} of program {} failed", index, programId, e);
            status = Done.FAULT;
            board.link().send(new Event(EventCode.AMPLIFIER_FAULT, board.clock().deviceTimeUs(), "simulation fault: " + e.getMessage()));
        } finally {
            board.amplifiers().gateOff();
            board.clock().scanEnded();
            played.close();
            if (stream != null) board.memory().endStream(programId, stream);
        }
        finish(status);
    }

    /**
     * The one play loop: every block of every segment (a whole program is one segment) at its program time.
     * Returns the program time reached: the end of the program if it played through.
     */
    private double play(StreamQueue stream, PlayedLines played, double startTwin) throws InterruptedException {
        double tickS = program.tickNs() * 1e-9;
        long ticks = 0;
        long adcPlayed = 0;
        int block = 0;
        DeviceProgram segment = program;
        for (int k = 0; ; k++) {
            for (ProgramBlock b : segment.blocks()) {
                // scripted events due by this block's start, in twin time (deterministic at speed 0)
                double programS = ticks * tickS;
                board.clock().scanAt(programS);
                board.interlocks().fireDue(startTwin + programS);
                if (ending.get() != null || !holdWhilePaused()) return programS;
                // The amplifiers obey their enable lines at once, whatever the wire says.
                boolean rfOn = board.interlocks().rfAmplifierOn(), gradientsOn = board.interlocks().gradientAmplifierOn();
                if (!(rfOn && gradientsOn) && !playedWithEnablesLow) {
                    playedWithEnablesLow = true;
                    log.warn("Scan {}: amplifier enable low from block {} (RF {}, gradients {}): played without them",
                            index, block, rfOn ? "on" : "off", gradientsOn ? "on" : "off");
                }
                block++;
                ticks += b.durationTicks();
                if (!played.play(b, rfOn, gradientsOn, ticks * program.tickNs() * 1e-9)) return programS;
            }
            double endS = ticks * program.tickNs() * 1e-9;
            if (stream == null) return endS;
            adcPlayed += segment.adcCount();
            int segmentId = playingId;
            stream.played(k);
            boolean last = stream.isLast(k);
            board.memory().free(segmentId);
            board.link().send(new SegmentDone(programId, k, segmentId, adcPlayed));
            if (last) return endS;
            Integer next = awaitSegment(stream, k + 1);
            if (ending.get() != null) return endS;
            if (next == null) {
                // the next segment is not in memory as this one ends: the unit underruns
                board.amplifiers().gateOff();
                String why = String.format("segment %d of program %d was not in memory when segment %d ended at %.3f s of program;"
                        + " RF and gradients gated off, scan ended after %d ADC windows", k + 1, programId, k, endS, adcPlayed);
                log.warn("Program underrun: {}", why);
                board.link().send(new Event(EventCode.PROGRAM_UNDERRUN, board.clock().deviceTimeUs(), why));
                fail("program underrun");
                return endS;
            }
            segment = board.memory().program(next);
            playingId = next;
        }
    }

    /** Segment k's program id, or null if it is not queued in time. At speed 0 the host is given real time to send it. */
    private Integer awaitSegment(StreamQueue stream, int k) throws InterruptedException {
        long waitEnd = System.nanoTime() + (board.speed() > 0 ? 0 : STREAM_WAIT_AT_SPEED_0_MS * 1_000_000);
        Integer next = stream.await(k, 0);
        while (next == null && ending.get() == null && System.nanoTime() < waitEnd) next = stream.await(k, 20);
        return next;
    }

    /** The next line: into the line buffer (for RESEND_LINES) and out in one write of its fragments. */
    void sendLine(SimulatedLine line, double frequencyHz) {
        AdcWindow a = line.adc();
        AcqData d = new AcqData(lines, board.clock().deviceTimeUs(), a.counters(), a.flags(), line.channels(), a.samples(),
                a.dwellNs(), frequencyHz, line.data());
        board.lineBuffer().add(d);
        lines++;
        board.link().sendAll(LineFragments.split(d));
    }

    /** Ends the scan: the status STATUS reports from now on, then DONE. */
    private void finish(int status) {
        Ending e = ending.get();
        if (e != null && e.heartbeatLost()) {
            board.link().send(new Event(EventCode.HEARTBEAT_LOST, board.clock().deviceTimeUs(), e.reason() + "; RF and gradients gated off"));
        }
        onFinish.accept(new Outcome(programId, lines, status));
        finished = true;
        board.link().send(new Done(programId, lines, status));
        log.info("Scan {} of program {} ended: {} lines, {}", index, programId, lines,
                status == Done.COMPLETE ? "complete" : status == Done.ABORTED ? "aborted (" + (e == null ? "" : e.reason()) + ")"
                        : "fault" + (e != null ? " (" + e.reason() + ")" : ""));
    }

    /** Holds while paused; false if the scan was aborted meanwhile. */
    private boolean holdWhilePaused() {
        while (pacing.paused() && ending.get() == null) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                abort("interrupted", false);
                Thread.currentThread().interrupt();
            }
        }
        return ending.get() == null;
    }

    /** Sleeps until program time t (s) scaled by speed, in short slices, holding through pauses; false if aborted. */
    boolean waitUntil(double programS) {
        if (board.speed() <= 0) return holdWhilePaused();
        while (ending.get() == null) {
            if (pacing.paused() && !holdWhilePaused()) return false;
            long left = pacing.nanosUntil(programS);
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
