package org.lodestone.dicom.outbox;

import org.lodestone.dicom.lease.Lease;
import org.lodestone.dicom.net.DicomClient;
import org.lodestone.dicom.net.DicomNode;
import org.lodestone.dicom.net.Dimse;
import org.lodestone.dicom.net.NetworkFailure;
import org.lodestone.dicom.net.StoreScu;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Delivers the outbox: for each due job, one association to its destination, C-STORE of every instance not yet
 * acknowledged, each acknowledgement committed as it arrives. A lost or refused association leaves the job pending
 * with exponential back-off; a refusal that resending cannot fix (AE title, SOP class, object rejected) marks it
 * failed until an operator sends it again. Stateless between passes: a restarted worker resumes from the database.
 */
public final class OutboxWorker {
    private static final Logger log = LoggerFactory.getLogger(OutboxWorker.class);
    /** Renewed at every acknowledgement; long enough for one instance over a slow link. */
    public static final Duration LEASE = Duration.ofMinutes(2);

    private final Outbox outbox;
    private final Destinations destinations;
    private final DicomClient client;
    private final Backoff backoff;
    private final Clock clock;
    private final Consumer<String> onAcknowledged;
    private final Lease lease;

    /** A worker with a lease of its own ({@link #LEASE}), so that it and any other worker never send one job at once. */
    public OutboxWorker(Outbox outbox, Destinations destinations, DicomClient client, Backoff backoff, Clock clock,
                        Consumer<String> onAcknowledged) {
        this(outbox, destinations, client, backoff, clock, onAcknowledged, outbox.lease(Lease.ownerName(), LEASE));
    }

    public OutboxWorker(Outbox outbox, Destinations destinations, DicomClient client, Backoff backoff, Clock clock,
                        Consumer<String> onAcknowledged, Lease lease) {
        this.lease = lease;
        this.outbox = outbox;
        this.destinations = destinations;
        this.client = client;
        this.backoff = backoff;
        this.clock = clock;
        this.onAcknowledged = onAcknowledged;
    }

    /** One pass over the jobs due now; returns them as they ended. */
    public List<OutboxJob> runDue() throws SQLException {
        passDue();
        return outbox.jobs();
    }

    /** One pass; returns how many jobs this worker could take (the others are another worker's just now). */
    private int passDue() throws SQLException {
        int taken = 0;
        for (OutboxJob job : outbox.due(clock.instant())) {
            if (attempt(job.id()).isPresent()) taken++;
        }
        return taken;
    }

    /**
     * Delivers until nothing is left to deliver (every job sent or failed), waiting out back-offs. Returns the jobs
     * as they ended, or when {@code maxWait} has passed with jobs still pending.
     */
    public List<OutboxJob> runUntilEmpty(Duration maxWait) throws SQLException, InterruptedException {
        Instant giveUp = clock.instant().plus(maxWait);
        while (true) {
            int taken = passDue();
            Optional<Instant> next = outbox.nextAttempt();
            if (next.isEmpty() || next.get().isAfter(giveUp)) return outbox.jobs();
            long waitMs = Duration.between(clock.instant(), next.get()).toMillis();
            // A due job another worker holds: look again shortly rather than spin.
            if (taken == 0) waitMs = Math.max(waitMs, 250);
            if (waitMs > 0) Thread.sleep(waitMs);
        }
    }

    /** One attempt at one job; returns the job afterwards (as it is, when another worker holds it just now). */
    public OutboxJob deliver(long jobId) throws SQLException {
        Optional<OutboxJob> done = attempt(jobId);
        return done.isPresent() ? done.get() : outbox.job(jobId).orElseThrow();
    }

    /** One attempt under the lease; empty when another worker holds the job. */
    private Optional<OutboxJob> attempt(long jobId) throws SQLException {
        if (!lease.claim(jobId, clock.instant())) {
            log.debug("outbox: job {} is being sent by another worker", jobId);
            return Optional.empty();
        }
        try {
            return Optional.of(attemptClaimed(jobId));
        } finally {
            lease.release(jobId);
        }
    }

    private OutboxJob attemptClaimed(long jobId) throws SQLException {
        OutboxJob job = outbox.job(jobId).orElseThrow(() -> new IllegalArgumentException("no outbox job " + jobId));
        Optional<DicomNode> dest = destinations.find(job.destination());
        Instant now = clock.instant();
        if (dest.isEmpty()) {
            outbox.finish(jobId, OutboxJob.Status.FAILED, "destination '" + job.destination()
                    + "' is no longer configured; add it with 'pacs add' and send again", now, now);
            return outbox.job(jobId).orElseThrow();
        }
        List<Map.Entry<String, Path>> todo = outbox.unsent(jobId);
        if (todo.isEmpty()) {
            outbox.finish(jobId, OutboxJob.Status.SENT, null, now, now);
            return outbox.job(jobId).orElseThrow();
        }
        outbox.startAttempt(jobId, now);
        int attempts = job.attempts() + 1;
        String failure = null;
        boolean permanent = false;
        try (DicomClient.Session session = client.open(dest.get(), sopClasses(todo))) {
            StoreScu scu = new StoreScu();
            for (Map.Entry<String, Path> item : todo) {
                if (!Files.isReadable(item.getValue())) {
                    failure = "image file " + item.getValue() + " is missing; export the study again and send it";
                    permanent = true;
                    break;
                }
                Dimse.Response r = scu.store(session, item.getValue());
                if (r.success()) {
                    outbox.acknowledged(jobId, item.getKey(), clock.instant());
                    onAcknowledged.accept(item.getKey());
                    if (!lease.renew(jobId, clock.instant())) {
                        // Our lease ran out and another worker took the job: it carries on from what is acknowledged.
                        log.warn("outbox: lost the lease on job {}; another worker continues it", jobId);
                        return outbox.job(jobId).orElseThrow();
                    }
                } else {
                    // A7xx is "out of resources": the PACS may take it later. Anything else will not change by itself.
                    permanent = (r.status() & 0xFF00) != 0xA700;
                    failure = job.destination() + " refused image " + item.getKey() + " (status "
                            + String.format("0x%04X", r.status()) + (r.errorComment().isEmpty() ? "" : ": " + r.errorComment()) + ")";
                    break;
                }
            }
        } catch (NetworkFailure f) {
            failure = f.getMessage();
            permanent = f.permanent();
        }
        Instant end = clock.instant();
        if (failure == null) {
            outbox.finish(jobId, OutboxJob.Status.SENT, null, end, end);
            log.info("outbox: study {} delivered to {} ({} images this attempt)", job.studyUid(), job.destination(), todo.size());
        } else if (permanent) {
            outbox.finish(jobId, OutboxJob.Status.FAILED, failure + "; waiting for an operator", end, end);
            log.info("outbox: study {} to {} failed for good: {}", job.studyUid(), job.destination(), failure);
        } else {
            Instant next = end.plus(backoff.after(attempts));
            outbox.finish(jobId, OutboxJob.Status.PENDING, failure, next, end);
            log.info("outbox: study {} to {} attempt {} failed ({}); next attempt at {}", job.studyUid(), job.destination(),
                    attempts, failure, next);
        }
        return outbox.job(jobId).orElseThrow();
    }

    /** The storage classes of the items, plus verification, so that a peer refusing them all still accepts the
     * association and says which class it refuses (a bare association reject would be retried forever). */
    private static Set<String> sopClasses(List<Map.Entry<String, Path>> items) {
        Set<String> classes = items.stream().map(e -> {
            try {
                return StoreScu.identify(e.getValue()).sopClassUid();
            } catch (java.io.IOException ex) {
                return "1.2.840.10008.5.1.4.1.1.4";
            }
        }).collect(Collectors.toCollection(java.util.TreeSet::new));
        classes.add(DicomClient.VERIFICATION);
        return classes;
    }
}
