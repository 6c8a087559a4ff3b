package org.lodestone.dicom.service;

import org.lodestone.dicom.export.AuditSink;
import org.lodestone.dicom.export.ExamExporter;
import org.lodestone.dicom.followup.ExamFollowUp;
import org.lodestone.dicom.mpps.MppsClient;
import org.lodestone.dicom.mpps.MppsDelivery;
import org.lodestone.dicom.mpps.MppsStep;
import org.lodestone.dicom.mpps.MppsSteps;
import org.lodestone.dicom.net.DicomClient;
import org.lodestone.dicom.outbox.Backoff;
import org.lodestone.dicom.outbox.Destinations;
import org.lodestone.dicom.outbox.Outbox;
import org.lodestone.dicom.outbox.OutboxJob;
import org.lodestone.dicom.outbox.OutboxWorker;
import org.lodestone.dicom.source.StudySource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The DICOM work of a running console, headless: on one background thread, every {@code period} (and when woken
 * after a scan or an exam close), the exam follow-up (MPPS steps, auto-send), the MPPS deliveries and the outbox,
 * each with its back-off and under leases, so an {@code outbox run} beside it never sends the same job. Failures
 * are logged and retried on the next round; nothing here reaches the operator as an exception.
 */
public final class DicomService implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DicomService.class);

    /** Our AE title, the network timeout, where queued images are written, how often to look. */
    public record Settings(String aeTitle, Duration timeout, Path spoolRoot, Duration period, Backoff backoff) {
    }

    /** What one round ended with. */
    public record Round(ExamFollowUp.Queued queued, List<MppsStep> steps, List<OutboxJob> jobs) {
    }

    private final ExamFollowUp followUp;
    private final MppsDelivery mpps;
    private final OutboxWorker outbox;
    private final ScheduledExecutorService timer;

    private DicomService(DataSource db, StudySource studies, AuditSink audit, Settings s, Clock clock) {
        DicomClient client = new DicomClient(s.aeTitle(), s.timeout());
        Destinations destinations = new Destinations(db);
        this.followUp = new ExamFollowUp(db, studies, new ExamExporter(s.aeTitle(), audit), audit, s.spoolRoot(), clock);
        this.mpps = new MppsDelivery(new MppsSteps(db), destinations, new MppsClient(client), studies, s.backoff(), clock, s.aeTitle());
        this.outbox = new OutboxWorker(new Outbox(db), destinations, client, s.backoff(), clock, sop -> { });
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "dicom-service");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts the rounds: the first at once, then every {@code settings.period()}. */
    public static DicomService start(DataSource db, StudySource studies, AuditSink audit, Settings settings, Clock clock) {
        DicomService s = new DicomService(db, studies, audit, settings, clock);
        long ms = settings.period().toMillis();
        s.timer.scheduleWithFixedDelay(s::roundQuietly, 0, ms, TimeUnit.MILLISECONDS);
        return s;
    }

    /** A service that runs rounds only when asked ({@link #round()}): for one-shot commands and tests. */
    public static DicomService manual(DataSource db, StudySource studies, AuditSink audit, Settings settings, Clock clock) {
        return new DicomService(db, studies, audit, settings, clock);
    }

    /** Asks for a round soon (a series ended, an exam closed), without waiting for it. */
    public void wake() {
        if (!timer.isShutdown()) timer.execute(this::roundQuietly);
    }

    /** One round on the caller's thread: follow-up, MPPS, outbox. */
    public synchronized Round round() throws Exception {
        ExamFollowUp.Queued q = followUp.run();
        List<MppsStep> steps = mpps.runDue();
        List<OutboxJob> jobs = outbox.runDue();
        return new Round(q, steps, jobs);
    }

    /**
     * The follow-up and the MPPS deliveries only, on the caller's thread (no images sent): what a command that just
     * closed an exam does, so the RIS hears of the end at once when it can be reached. Returns the MPPS steps.
     */
    public synchronized List<MppsStep> reportSteps() throws Exception {
        followUp.run();
        return mpps.runDue();
    }

    private void roundQuietly() {
        try {
            round();
        } catch (Exception e) {
            // The next round tries again; the database keeps what is owed. INFO: the detail goes to the log file only.
            log.info("dicom service: round failed; retrying in the next one", e);
        }
    }

    /**
     * Stops the rounds after the ones already asked for (a scan's last series: its auto-send and MPPS), waiting up to
     * 10 s. A round stuck on the network is then left behind (its thread is a daemon): whatever it did not finish stays
     * owed in the database, and its leases end with this process.
     */
    @Override
    public void close() {
        timer.shutdown();
        try {
            if (!timer.awaitTermination(10, TimeUnit.SECONDS)) {
                timer.shutdownNow();
                log.info("dicom service: left a round on the network behind; the next worker finishes it");
            }
        } catch (InterruptedException e) {
            timer.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
