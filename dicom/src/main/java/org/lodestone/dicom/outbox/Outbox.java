package org.lodestone.dicom.outbox;

import org.lodestone.dicom.lease.Lease;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The store-and-forward queue in the workflow database: one job per (study, destination), one row per instance.
 * An instance row gets its {@code sent_at} the moment the destination acknowledges it and is never sent again to
 * that destination; everything else about a job can be retried.
 */
public final class Outbox {
    /** A job still to deliver: pending, or left 'sending' by a worker that stopped mid-send. */
    private static final String TO_DELIVER = "status IN ('pending', 'sending')";
    private static final String JOB_COLUMNS = "j.id, j.study_uid, j.destination, j.status, j.attempts, j.last_error,"
            + " (SELECT COUNT(*) FROM dicom_outbox_item i WHERE i.job_id = j.id AND i.sent_at IS NOT NULL),"
            + " (SELECT COUNT(*) FROM dicom_outbox_item i WHERE i.job_id = j.id), j.next_attempt_at";

    private final DataSource db;

    public Outbox(DataSource db) {
        this.db = db;
    }

    /**
     * Queues these instances (SOP Instance UID → file) of a study for a destination. Instances already acknowledged
     * stay acknowledged; a sent or failed job becomes pending again if anything new was added or it had failed.
     */
    public long enqueue(String studyUid, String destination, Map<String, Path> instances, Instant now) throws SQLException {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                long id;
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT id FROM dicom_outbox_job WHERE study_uid = ? AND destination = ? FOR UPDATE")) {
                    ps.setString(1, studyUid);
                    ps.setString(2, destination);
                    try (ResultSet rs = ps.executeQuery()) {
                        id = rs.next() ? rs.getLong(1) : -1;
                    }
                }
                if (id < 0) {
                    try (PreparedStatement ps = c.prepareStatement("INSERT INTO dicom_outbox_job (study_uid, destination,"
                            + " status, attempts, next_attempt_at, created_at, updated_at) VALUES (?, ?, 'pending', 0, ?, ?, ?)",
                            new String[] {"id"})) {
                        ps.setString(1, studyUid);
                        ps.setString(2, destination);
                        Timestamp t = Timestamp.from(now);
                        ps.setTimestamp(3, t);
                        ps.setTimestamp(4, t);
                        ps.setTimestamp(5, t);
                        ps.executeUpdate();
                        try (ResultSet keys = ps.getGeneratedKeys()) {
                            keys.next();
                            id = keys.getLong(1);
                        }
                    }
                }
                try (PreparedStatement ps = c.prepareStatement("MERGE INTO dicom_outbox_item (job_id, sop_instance_uid, file_path)"
                        + " KEY (job_id, sop_instance_uid) SELECT ?, ?, ? FROM DUAL WHERE NOT EXISTS (SELECT 1 FROM"
                        + " dicom_outbox_item WHERE job_id = ? AND sop_instance_uid = ? AND sent_at IS NOT NULL)")) {
                    for (Map.Entry<String, Path> e : instances.entrySet()) {
                        ps.setLong(1, id);
                        ps.setString(2, e.getKey());
                        ps.setString(3, e.getValue().toAbsolutePath().toString());
                        ps.setLong(4, id);
                        ps.setString(5, e.getKey());
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                // An operator's new send restarts a failed job; the back-off starts over.
                try (PreparedStatement ps = c.prepareStatement("UPDATE dicom_outbox_job SET status = CASE WHEN EXISTS"
                        + " (SELECT 1 FROM dicom_outbox_item i WHERE i.job_id = ? AND i.sent_at IS NULL) THEN 'pending'"
                        + " ELSE 'sent' END, attempts = CASE WHEN status = 'failed' THEN 0 ELSE attempts END,"
                        + " next_attempt_at = ?, updated_at = ? WHERE id = ?")) {
                    ps.setLong(1, id);
                    ps.setTimestamp(2, Timestamp.from(now));
                    ps.setTimestamp(3, Timestamp.from(now));
                    ps.setLong(4, id);
                    ps.executeUpdate();
                }
                c.commit();
                return id;
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** A lease on this outbox's jobs for one worker. */
    public Lease lease(String owner, Duration length) {
        return new Lease(db, "dicom_outbox_job", owner, length);
    }

    public List<OutboxJob> jobs() throws SQLException {
        return query("SELECT " + JOB_COLUMNS + " FROM dicom_outbox_job j ORDER BY j.created_at, j.id", null);
    }

    /** Jobs to attempt now: pending and due, or left 'sending' by a worker that stopped mid-send. */
    public List<OutboxJob> due(Instant now) throws SQLException {
        return query("SELECT " + JOB_COLUMNS + " FROM dicom_outbox_job j WHERE j." + TO_DELIVER
                + " AND j.next_attempt_at <= ? ORDER BY j.next_attempt_at, j.id", Timestamp.from(now));
    }

    /** The earliest next attempt of any job still to deliver, if any. */
    public Optional<Instant> nextAttempt() throws SQLException {
        return Lease.earliestAttempt(db, "dicom_outbox_job", TO_DELIVER);
    }

    public Optional<OutboxJob> job(long id) throws SQLException {
        List<OutboxJob> l = query("SELECT " + JOB_COLUMNS + " FROM dicom_outbox_job j WHERE j.id = ?", id);
        return l.stream().findFirst();
    }

    /** Instances of a job not yet acknowledged: SOP Instance UID and file, in a stable order. */
    public List<Map.Entry<String, Path>> unsent(long jobId) throws SQLException {
        List<Map.Entry<String, Path>> out = new ArrayList<>();
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT sop_instance_uid, file_path FROM dicom_outbox_item"
                     + " WHERE job_id = ? AND sent_at IS NULL ORDER BY file_path")) {
            ps.setLong(1, jobId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(Map.entry(rs.getString(1), Path.of(rs.getString(2))));
            }
        }
        return out;
    }

    void startAttempt(long jobId, Instant now) throws SQLException {
        update("UPDATE dicom_outbox_job SET status = 'sending', attempts = attempts + 1, updated_at = ? WHERE id = ?",
                Timestamp.from(now), jobId);
    }

    /** Records the destination's acknowledgement of one instance, at once and for good. */
    void acknowledged(long jobId, String sopInstanceUid, Instant now) throws SQLException {
        update("UPDATE dicom_outbox_item SET sent_at = ? WHERE job_id = ? AND sop_instance_uid = ? AND sent_at IS NULL",
                Timestamp.from(now), jobId, sopInstanceUid);
    }

    void finish(long jobId, OutboxJob.Status status, String error, Instant nextAttempt, Instant now) throws SQLException {
        update("UPDATE dicom_outbox_job SET status = ?, last_error = ?, next_attempt_at = ?, updated_at = ? WHERE id = ?",
                status.label(), error == null ? null : truncate(error), Timestamp.from(nextAttempt), Timestamp.from(now), jobId);
    }

    private static String truncate(String s) {
        return s.length() <= 1000 ? s : s.substring(0, 997) + "...";
    }

    private void update(String sql, Object... args) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) ps.setObject(i + 1, args[i]);
            ps.executeUpdate();
        }
    }

    private List<OutboxJob> query(String sql, Object arg) throws SQLException {
        List<OutboxJob> out = new ArrayList<>();
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            if (arg != null) ps.setObject(1, arg);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new OutboxJob(rs.getLong(1), rs.getString(2), rs.getString(3),
                            OutboxJob.Status.of(rs.getString(4)), rs.getInt(5), rs.getString(6), rs.getInt(7), rs.getInt(8),
                            rs.getTimestamp(9).toInstant()));
                }
            }
        }
        return out;
    }
}
