package org.lodestone.workflow.exam;

import org.lodestone.workflow.audit.AuditTrail;
import org.lodestone.workflow.patient.Patient;
import org.lodestone.workflow.store.Database;
import org.lodestone.workflow.store.FileHashes;
import org.lodestone.workflow.user.Actor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A series in progress: where its files go, and how its end is recorded. */
public final class SeriesHandle {
    private final Database db;
    private final AuditTrail audit;
    private final Actor actor;
    private final long id;
    private final String studyUid;
    private final String seriesUid;
    private final int number;
    private final Patient patient;
    private final Path directory;

    SeriesHandle(Database db, AuditTrail audit, Actor actor, long id, String studyUid, String seriesUid, int number, Patient patient,
                 Path directory) {
        this.db = db;
        this.audit = audit;
        this.actor = actor;
        this.id = id;
        this.studyUid = studyUid;
        this.seriesUid = seriesUid;
        this.number = number;
        this.patient = patient;
        this.directory = directory;
    }

    public String studyUid() {
        return studyUid;
    }

    public String seriesUid() {
        return seriesUid;
    }

    public int number() {
        return number;
    }

    public Patient patient() {
        return patient;
    }

    /** The folder of raw.mrd, images.nii, preview.png and scan.json. */
    public Path directory() {
        return directory;
    }

    /** Records the expected line count once the protocol is built. */
    public void expectLines(long expected) {
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE series SET lines_expected = ? WHERE id = ?")) {
                ps.setLong(1, expected);
                ps.setLong(2, id);
                return ps.executeUpdate();
            }
        });
    }

    /** Records the lines journalled so far (the journal stays the truth; this is for a second process's view). */
    public void progress(long linesReceived) {
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE series SET lines_received = ? WHERE id = ?")) {
                ps.setLong(1, linesReceived);
                ps.setLong(2, id);
                return ps.executeUpdate();
            }
        });
    }

    /**
     * Records the end: status from the scan's outcome word (COMPLETE, ABORTED, INTERRUPTED, FAILED), line
     * counts, message, and the SHA-256 of every file of the series folder that exists.
     */
    public SeriesStatus finish(String outcome, long linesExpected, long linesReceived, String message, String calibrationVersion) {
        SeriesStatus status = SeriesStatus.ofScanOutcome(outcome);
        Map<String, FileHashes.Hashed> files = new LinkedHashMap<>();
        for (String name : List.of("raw.mrd", "images.nii", "preview.png", "scan.json")) {
            Path f = directory.resolve(name);
            if (Files.isRegularFile(f)) files.put(name, FileHashes.hash(f));
        }
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE series SET status = ?, lines_expected = ?, lines_received = ?, message = ?,"
                    + " calibration_version = ?, ended = ?, owner_pid = NULL WHERE id = ?")) {
                ps.setString(1, status.text());
                ps.setLong(2, linesExpected);
                ps.setLong(3, linesReceived);
                ps.setString(4, message);
                ps.setString(5, calibrationVersion);
                ps.setObject(6, OffsetDateTime.now(ZoneOffset.UTC));
                ps.setLong(7, id);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO stored_file (series_id, kind, path, sha256, size_bytes) VALUES (?, ?, ?, ?, ?)")) {
                for (var e : files.entrySet()) {
                    ps.setLong(1, id);
                    ps.setString(2, e.getKey());
                    ps.setString(3, e.getValue().path().toString());
                    ps.setString(4, e.getValue().sha256());
                    ps.setLong(5, e.getValue().size());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
        audit.append(actor.name(), actor.role().text(), status == SeriesStatus.ABORTED ? "scan.abort" : "scan.end", "series " + seriesUid,
                Map.of("status", status.text(), "lines_received", String.valueOf(linesReceived),
                        "lines_expected", String.valueOf(linesExpected), "message", message == null ? "" : message));
        return status;
    }
}
