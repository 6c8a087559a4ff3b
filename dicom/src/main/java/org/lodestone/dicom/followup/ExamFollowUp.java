package org.lodestone.dicom.followup;

import org.lodestone.dicom.export.AuditSink;
import org.lodestone.dicom.export.ExamExporter;
import org.lodestone.dicom.export.ExportedInstance;
import org.lodestone.dicom.model.ExamRecords;
import org.lodestone.dicom.mpps.MppsSteps;
import org.lodestone.dicom.net.DicomNode;
import org.lodestone.dicom.outbox.AutoSendRules;
import org.lodestone.dicom.outbox.Destinations;
import org.lodestone.dicom.outbox.Outbox;
import org.lodestone.dicom.source.StudySource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What DICOM follows from the exam lifecycle, read from the exam database itself: an exam whose first series
 * started gets an MPPS step (N-CREATE queued) for every destination offering MPPS; a closed exam's step is ended
 * (COMPLETED when a series completed, DISCONTINUED when none did); a completed series an auto-send rule matches is
 * exported and queued in the outbox. Idempotent and stateless: any process (the console's service, a scan, exam
 * close, {@code outbox run}) may run it after a change, and a crash between the change and the follow-up loses
 * nothing, since the next run finds what is missing.
 */
public final class ExamFollowUp {
    private static final Logger log = LoggerFactory.getLogger(ExamFollowUp.class);

    private final DataSource db;
    private final StudySource studies;
    private final ExamExporter exporter;
    private final AuditSink audit;
    private final Path spoolRoot;
    private final Clock clock;

    /** {@code spoolRoot}: where queued images are written, one folder per study (the outbox sends from there). */
    public ExamFollowUp(DataSource db, StudySource studies, ExamExporter exporter, AuditSink audit, Path spoolRoot, Clock clock) {
        this.db = db;
        this.studies = studies;
        this.exporter = exporter;
        this.audit = audit;
        this.spoolRoot = spoolRoot;
        this.clock = clock;
    }

    /** What one run queued. */
    public record Queued(int stepsOpened, int stepsEnded, int seriesQueued) {
        public boolean any() {
            return stepsOpened + stepsEnded + seriesQueued > 0;
        }
    }

    public Queued run() throws SQLException, IOException {
        Instant now = clock.instant();
        MppsSteps steps = new MppsSteps(db);
        int opened = 0;
        List<DicomNode> mpps = new Destinations(db).mppsDestinations();
        if (!mpps.isEmpty()) {
            Map<String, Instant> destinationSince = since("SELECT name, created_at FROM dicom_destination WHERE mpps");
            for (Map.Entry<String, Instant> exam : startedExams().entrySet()) {
                for (DicomNode d : mpps) {
                    // A destination reports the exams that start after it was set up, not the archive before it.
                    if (exam.getValue().isBefore(destinationSince.get(d.name()))) continue;
                    if (steps.open(exam.getKey(), d.name(), exam.getValue(), now)) opened++;
                }
            }
        }
        int ended = 0;
        for (Map.Entry<String, ClosedExam> e : closedExamsWithOpenSteps().entrySet()) {
            ended += steps.end(e.getKey(), e.getValue().anyCompleted(), e.getValue().closed(), now);
        }
        return new Queued(opened, ended, autoSend(now));
    }

    private int autoSend(Instant now) throws SQLException, IOException {
        List<AutoSendRules.Rule> rules = new AutoSendRules(db).list();
        if (rules.isEmpty()) return 0;
        // study → destination → series to queue
        Map<String, Map<String, Set<String>>> todo = new LinkedHashMap<>();
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT e.study_uid, s.series_uid, s.protocol, s.ended FROM series s"
                     + " JOIN exam e ON e.id = s.exam_id WHERE s.status = 'completed' AND e.purged IS NULL AND s.ended IS NOT NULL"
                     + " ORDER BY s.ended, s.id");
             PreparedStatement sent = c.prepareStatement("SELECT 1 FROM dicom_auto_sent_series WHERE series_uid = ? AND destination = ?");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Instant ended = rs.getTimestamp(4).toInstant();
                for (AutoSendRules.Rule r : rules) {
                    if (!r.matches(rs.getString(3)) || ended.isBefore(r.createdAt())) continue;
                    sent.setString(1, rs.getString(2));
                    sent.setString(2, r.destination());
                    try (ResultSet already = sent.executeQuery()) {
                        if (already.next()) continue;
                    }
                    todo.computeIfAbsent(rs.getString(1), k -> new LinkedHashMap<>())
                            .computeIfAbsent(r.destination(), k -> new LinkedHashSet<>()).add(rs.getString(2));
                }
            }
        }
        int queued = 0;
        for (Map.Entry<String, Map<String, Set<String>>> study : todo.entrySet()) {
            ExamRecords exam = studies.find(study.getKey()).orElse(null);
            if (exam == null) continue;
            List<ExportedInstance> exported = exporter.exportDicom(exam, spoolRoot.resolve(study.getKey()), false);
            for (Map.Entry<String, Set<String>> dest : study.getValue().entrySet()) {
                Map<String, Path> items = new LinkedHashMap<>();
                Set<String> withImages = new LinkedHashSet<>();
                for (ExportedInstance e : exported) {
                    if (dest.getValue().contains(e.seriesUid())) {
                        items.put(e.sopInstanceUid(), e.file());
                        withImages.add(e.seriesUid());
                    }
                }
                if (items.isEmpty()) continue; // no images yet: the next run looks again
                new Outbox(db).enqueue(study.getKey(), dest.getKey(), items, now);
                for (String series : withImages) markAutoSent(series, dest.getKey(), now);
                queued += withImages.size();
                audit.record("send", study.getKey(), items.size() + " images of " + withImages.size()
                        + " completed series queued for " + dest.getKey() + " by its auto-send rule");
                log.info("auto-send: {} images of study {} queued for {}", items.size(), study.getKey(), dest.getKey());
            }
        }
        return queued;
    }

    private void markAutoSent(String seriesUid, String destination, Instant now) throws SQLException {
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("MERGE INTO dicom_auto_sent_series (series_uid, destination, queued_at)"
                     + " KEY (series_uid, destination) VALUES (?, ?, ?)")) {
            ps.setString(1, seriesUid);
            ps.setString(2, destination);
            ps.setTimestamp(3, Timestamp.from(now));
            ps.executeUpdate();
        }
    }

    /** Exams with a series that started (scanning began), and when the first one started. */
    private Map<String, Instant> startedExams() throws SQLException {
        return since("SELECT e.study_uid, MIN(s.started) FROM exam e JOIN series s ON s.exam_id = e.id"
                + " WHERE s.started IS NOT NULL AND e.purged IS NULL GROUP BY e.study_uid");
    }

    private record ClosedExam(Instant closed, boolean anyCompleted) {
    }

    private Map<String, ClosedExam> closedExamsWithOpenSteps() throws SQLException {
        Map<String, ClosedExam> out = new LinkedHashMap<>();
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT e.study_uid, e.closed, (SELECT COUNT(*) FROM series s WHERE"
                     + " s.exam_id = e.id AND s.status = 'completed') FROM exam e WHERE e.status = 'closed' AND EXISTS (SELECT 1"
                     + " FROM dicom_mpps_step m WHERE m.study_uid = e.study_uid AND m.state = 'in progress')");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Timestamp closed = rs.getTimestamp(2);
                out.put(rs.getString(1), new ClosedExam(closed == null ? clock.instant() : closed.toInstant(), rs.getInt(3) > 0));
            }
        }
        return out;
    }

    private Map<String, Instant> since(String sql) throws SQLException {
        Map<String, Instant> out = new LinkedHashMap<>();
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) out.put(rs.getString(1), rs.getTimestamp(2).toInstant());
        }
        return out;
    }
}
