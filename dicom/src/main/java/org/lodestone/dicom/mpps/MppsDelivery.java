package org.lodestone.dicom.mpps;

import org.lodestone.dicom.lease.Lease;
import org.lodestone.dicom.model.ExamRecords;
import org.lodestone.dicom.model.SeriesImages;
import org.lodestone.dicom.model.Uids;
import org.lodestone.dicom.net.DicomNode;
import org.lodestone.dicom.net.NetworkFailure;
import org.lodestone.dicom.outbox.Backoff;
import org.lodestone.dicom.outbox.Destinations;
import org.lodestone.dicom.source.StudySource;
import org.lodestone.recon.image.NiftiReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Delivers the queued MPPS steps like the outbox delivers images: N-CREATE, then N-SET once the exam ended, each
 * retried with the back-off while the RIS cannot be reached, under a lease so that two workers never report one
 * step at once. A refusal that resending cannot fix (no MPPS there, AE title refused, step refused) marks the step
 * failed for an operator.
 */
public final class MppsDelivery {
    private static final Logger log = LoggerFactory.getLogger(MppsDelivery.class);
    private static final String MR_IMAGE_STORAGE = "1.2.840.10008.5.1.4.1.1.4";

    private final MppsSteps steps;
    private final Destinations destinations;
    private final MppsClient client;
    private final StudySource studies;
    private final Backoff backoff;
    private final Clock clock;
    private final String stationAeTitle;
    private final Lease lease;

    public MppsDelivery(MppsSteps steps, Destinations destinations, MppsClient client, StudySource studies, Backoff backoff,
                        Clock clock, String stationAeTitle) {
        this.steps = steps;
        this.destinations = destinations;
        this.client = client;
        this.studies = studies;
        this.backoff = backoff;
        this.clock = clock;
        this.stationAeTitle = stationAeTitle;
        this.lease = steps.lease(Lease.ownerName(), Duration.ofMinutes(2));
    }

    /** One pass over the steps due now; returns all steps as they ended. */
    public List<MppsStep> runDue() throws SQLException {
        for (MppsStep s : steps.due(clock.instant())) {
            if (!lease.claim(s.id(), clock.instant())) continue;
            try {
                deliver(steps.step(s.id()).orElseThrow());
            } finally {
                lease.release(s.id());
            }
        }
        return steps.list();
    }

    private void deliver(MppsStep s) throws SQLException {
        if (!s.undelivered()) return;
        try {
            DicomNode node = destinations.find(s.destination()).orElseThrow(() -> new NetworkFailure(NetworkFailure.Kind.NOT_SUPPORTED,
                    "destination '" + s.destination() + "' is no longer configured", null));
            ExamRecords exam = studies.find(s.studyUid()).orElseThrow(() -> new NetworkFailure(NetworkFailure.Kind.REJECTED_OBJECT,
                    "exam " + s.studyUid() + " is no longer in the database", null));
            if (!s.createDelivered()) {
                client.inProgress(node, s.mppsUid(), start(exam, s));
                steps.created(s.id());
                log.info("mpps: step {} of study {} IN PROGRESS at {}", s.mppsUid(), s.studyUid(), s.destination());
            }
            if (!s.state().equals(MppsStep.IN_PROGRESS)) {
                boolean completed = s.state().equals(MppsStep.COMPLETED);
                client.end(node, s.mppsUid(), completed, completed ? performed(exam) : List.of(), local(s.endedAt()));
                steps.ended(s.id());
                log.info("mpps: step {} of study {} {} at {}", s.mppsUid(), s.studyUid(), s.state(), s.destination());
            }
        } catch (NetworkFailure f) {
            if (f.permanent() || f.kind() == NetworkFailure.Kind.REJECTED_OBJECT) {
                steps.fail(s.id(), f.getMessage() + "; waiting for an operator");
                log.info("mpps: step {} of study {} to {} failed for good: {}", s.mppsUid(), s.studyUid(), s.destination(), f.getMessage());
            } else {
                Instant next = clock.instant().plus(backoff.after(s.attempts() + 1));
                steps.retry(s.id(), f.getMessage(), next);
                log.info("mpps: step {} of study {} to {} not delivered ({}); next attempt at {}", s.mppsUid(), s.studyUid(),
                        s.destination(), f.getMessage(), next);
            }
        } catch (IOException e) {
            steps.fail(s.id(), "the exam's images cannot be read: " + e.getMessage() + "; waiting for an operator");
            log.info("mpps: step {} of study {}: images unreadable", s.mppsUid(), s.studyUid(), e);
        }
    }

    private MppsStart start(ExamRecords exam, MppsStep s) {
        String stepId = "PPS" + exam.study().studyId();
        return new MppsStart(exam.patient(), exam.study(), exam.study().accessionNumber(), "", stepId.length() > 16
                ? stepId.substring(0, 16) : stepId, exam.study().description(), stationAeTitle, exam.equipment().stationName(),
                local(s.startedAt()));
    }

    /** The series of the exam with their images: the SOP Instance UIDs its export gives (series UID + slice number). */
    static List<PerformedSeries> performed(ExamRecords exam) throws IOException {
        List<PerformedSeries> out = new ArrayList<>();
        for (SeriesImages si : exam.series()) {
            int slices = NiftiReader.read(si.nifti()).nz();
            List<PerformedSeries.ImageRef> refs = new ArrayList<>();
            for (int i = 1; i <= slices; i++) refs.add(new PerformedSeries.ImageRef(MR_IMAGE_STORAGE, Uids.derived(si.series().seriesUid(), i)));
            out.add(new PerformedSeries(si.series().seriesUid(), si.series().description(), si.series().acquisition().protocolName(),
                    "", refs));
        }
        return out;
    }

    private static LocalDateTime local(Instant t) {
        return LocalDateTime.ofInstant(t == null ? Instant.now() : t, ZoneId.systemDefault()).withNano(0);
    }
}
