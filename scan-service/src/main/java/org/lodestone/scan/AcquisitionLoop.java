package org.lodestone.scan;

import org.lodestone.calibration.drift.ScanDriftTracking;
import org.lodestone.hw.gpio.InterlockEvent;
import org.lodestone.hw.program.DeviceProgram;
import org.lodestone.hw.session.DeviceException;
import org.lodestone.hw.session.RunEvent;
import org.lodestone.hw.session.RunResult;
import org.lodestone.hw.session.ScanRun;
import org.lodestone.hw.session.ScannerSession;
import org.lodestone.recon.image.ImageVolume;
import org.lodestone.recon.mrd.Acquisition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The acquisition of one armed scan: plays the program with {@link ScannerSession#run}, and on the
 * caller's thread journals each line, feeds the reconstruction, tracks drift between TRs and tells
 * the listener. Everything the run reports (session, GPIO and recon threads) passes through one
 * inbox, so the work per line happens in order on one thread and the session's reader never waits on it.
 */
final class AcquisitionLoop {
    private static final Logger log = LoggerFactory.getLogger(AcquisitionLoop.class);
    /** How long the unit's DONE may take after the console stopped it. */
    private static final long STOP_DONE_WAIT_NS = 5_000_000_000L;

    /**
     * How the acquisition ended.
     * @param run          the unit's side (null when it never started)
     * @param notStarted   why nothing played (upload or start failed), or null
     * @param consoleFault why the console stopped the unit (a line it could not place), or null
     * @param journalFault why raw.mrd could not be written, or null
     * @param trip         the interlock trip seen, or null
     */
    record Outcome(RunResult run, long received, String notStarted, String consoleFault, String journalFault,
                   InterlockEvent trip) {
    }

    private final ScannerSession session;
    private final RawJournal journal;
    private final ReconPipeline recon;
    private final ScanDriftTracking drift;
    private final ScanListener listener;
    private final BlockingQueue<Object> inbox;

    /** @param inbox where the recon's streamed previews also arrive (as {@link ImageVolume}s) */
    AcquisitionLoop(ScannerSession session, RawJournal journal, ReconPipeline recon, ScanDriftTracking drift,
                    ScanListener listener, BlockingQueue<Object> inbox) {
        this.session = session;
        this.journal = journal;
        this.recon = recon;
        this.drift = drift;
        this.listener = listener;
        this.inbox = inbox;
    }

    static BlockingQueue<Object> newInbox() {
        return new LinkedBlockingQueue<>();
    }

    /**
     * Plays {@code program} until the unit is done. {@code started} receives the run as soon as it
     * exists (so an operator's abort reaches it).
     */
    Outcome run(DeviceProgram program, Consumer<ScanRun> started) throws InterruptedException {
        ScanRun run;
        try {
            run = session.run(program, inbox::add);
        } catch (DeviceException e) {
            return new Outcome(null, 0, e.getMessage(), null, null, null);
        }
        started.accept(run);
        RemainingTime pace = new RemainingTime(program);
        long t0 = System.nanoTime();
        long received = 0;
        String consoleFault = null;
        String journalFault = null;
        InterlockEvent trip = null;
        long stopDeadline = Long.MAX_VALUE;
        try (run) {
            while (true) {
                Object o = inbox.poll(250, TimeUnit.MILLISECONDS);
                if (o == null) {
                    // Stopped by the console and the unit stays silent: end the run without its DONE.
                    if (System.nanoTime() > stopDeadline) run.close();
                    continue;
                }
                switch (o) {
                    case RunEvent.LineReceived l -> {
                        if (journalFault != null || consoleFault != null) continue; // the unit is being stopped
                        Acquisition acq;
                        try {
                            acq = journal.append(l.line());
                        } catch (IOException e) {
                            journalFault = "cannot write raw data (" + e.getMessage() + ")";
                            stop(run, journalFault);
                            stopDeadline = System.nanoTime() + STOP_DONE_WAIT_NS;
                            continue;
                        }
                        received++;
                        try {
                            recon.add(acq);
                        } catch (RuntimeException e) {
                            // The line is journalled, but the console cannot place it: stop the unit rather than scan on blind.
                            consoleFault = "line " + l.line().scanCounter() + " does not fit the scan's encoding (" + e.getMessage() + ")";
                            stop(run, consoleFault);
                            stopDeadline = System.nanoTime() + STOP_DONE_WAIT_NS;
                            continue;
                        }
                        double elapsed = (System.nanoTime() - t0) / 1e9;
                        listener.on(new ScanEvent.Progress(received, run.expectedLines(), pace.remainingSeconds(received, elapsed)));
                        if (drift != null) drift.afterLine(session, l.line()); // between TRs
                    }
                    case RunEvent.SensorReading s ->
                            listener.on(new ScanEvent.Sensor(s.sensors().magnetTemperatureC(), s.sensors().ambientTemperatureC()));
                    case RunEvent.UnitEvent e -> log.warn("Unit reported {}: {}", e.name(), e.detail());
                    case RunEvent.InterlockTripped t -> {
                        if (trip == null) trip = t.trip();
                        listener.on(new ScanEvent.Interlock(t.trip()));
                    }
                    case RunEvent.LinkPaused p -> listener.on(new ScanEvent.LinkPaused(p.detail()));
                    case RunEvent.LinkResumed r -> listener.on(new ScanEvent.LinkResumed(r.detail()));
                    case RunEvent.Finished f -> {
                        return new Outcome(f.result(), received, null, consoleFault, journalFault, trip);
                    }
                    case ImageVolume v -> listener.on(new ScanEvent.Preview(v, false));
                    default -> { }
                }
            }
        }
    }

    private static void stop(ScanRun run, String why) {
        log.error("Stopping the scan: {}", why);
        try {
            run.abort("console: " + why);
        } catch (DeviceException e) {
            log.warn("Abort could not be sent: {}", e.getMessage());
        }
    }
}
