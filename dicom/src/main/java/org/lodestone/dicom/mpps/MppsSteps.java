package org.lodestone.dicom.mpps;

import org.lodestone.dicom.lease.Lease;
import org.lodestone.dicom.model.Uids;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The MPPS steps to report, in the workflow database: queued when an exam starts or ends, delivered by {@link MppsDelivery}. */
public final class MppsSteps {
    /** A step with something to deliver: its N-CREATE, or its N-SET once it has ended. */
    private static final String TO_DELIVER = "NOT failed AND (NOT create_delivered OR (state <> 'in progress' AND NOT end_delivered))";
    private static final String COLUMNS = "id, study_uid, destination, mpps_uid, state, started_at, ended_at, create_delivered,"
            + " end_delivered, failed, attempts, last_error";
    private final DataSource db;

    public MppsSteps(DataSource db) {
        this.db = db;
    }

    /** Queues the N-CREATE of the exam's step for the destination, unless it has one; true if queued now. */
    public boolean open(String studyUid, String destination, Instant startedAt, Instant now) throws SQLException {
        return update("INSERT INTO dicom_mpps_step (study_uid, destination, mpps_uid, state, started_at, next_attempt_at)"
                + " SELECT ?, ?, ?, 'in progress', ?, ? FROM DUAL WHERE NOT EXISTS (SELECT 1 FROM dicom_mpps_step"
                + " WHERE study_uid = ? AND destination = ?)", studyUid, destination, Uids.create(), Timestamp.from(startedAt),
                Timestamp.from(now), studyUid, destination) == 1;
    }

    /** Queues the N-SET of the exam's steps still in progress: completed, or discontinued. Returns how many. */
    public int end(String studyUid, boolean completed, Instant endedAt, Instant now) throws SQLException {
        return update("UPDATE dicom_mpps_step SET state = ?, ended_at = ?, next_attempt_at = ? WHERE study_uid = ?"
                + " AND state = 'in progress'", completed ? MppsStep.COMPLETED : MppsStep.DISCONTINUED, Timestamp.from(endedAt),
                Timestamp.from(now), studyUid);
    }

    public List<MppsStep> list() throws SQLException {
        return query("SELECT " + COLUMNS + " FROM dicom_mpps_step ORDER BY started_at, id", null);
    }

    public Optional<MppsStep> step(long id) throws SQLException {
        return query("SELECT " + COLUMNS + " FROM dicom_mpps_step WHERE id = ?", id).stream().findFirst();
    }

    /** Steps with something to deliver whose next attempt is due. */
    public List<MppsStep> due(Instant now) throws SQLException {
        return query("SELECT " + COLUMNS + " FROM dicom_mpps_step WHERE " + TO_DELIVER + " AND next_attempt_at <= ?"
                + " ORDER BY next_attempt_at, id", Timestamp.from(now));
    }

    /** The earliest next attempt of a step with something to deliver. */
    public Optional<Instant> nextAttempt() throws SQLException {
        return Lease.earliestAttempt(db, "dicom_mpps_step", TO_DELIVER);
    }

    public Lease lease(String owner, Duration length) {
        return new Lease(db, "dicom_mpps_step", owner, length);
    }

    void created(long id) throws SQLException {
        update("UPDATE dicom_mpps_step SET create_delivered = TRUE, last_error = NULL WHERE id = ?", id);
    }

    void ended(long id) throws SQLException {
        update("UPDATE dicom_mpps_step SET end_delivered = TRUE, last_error = NULL WHERE id = ?", id);
    }

    void retry(long id, String error, Instant next) throws SQLException {
        update("UPDATE dicom_mpps_step SET attempts = attempts + 1, last_error = ?, next_attempt_at = ? WHERE id = ?",
                truncate(error), Timestamp.from(next), id);
    }

    void fail(long id, String error) throws SQLException {
        update("UPDATE dicom_mpps_step SET attempts = attempts + 1, failed = TRUE, last_error = ? WHERE id = ?", truncate(error), id);
    }

    private static String truncate(String s) {
        return s.length() <= 1000 ? s : s.substring(0, 997) + "...";
    }

    private int update(String sql, Object... args) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) ps.setObject(i + 1, args[i]);
            return ps.executeUpdate();
        }
    }

    private List<MppsStep> query(String sql, Object arg) throws SQLException {
        List<MppsStep> out = new ArrayList<>();
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            if (arg != null) ps.setObject(1, arg);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Timestamp ended = rs.getTimestamp(7);
                    out.add(new MppsStep(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getTimestamp(6).toInstant(), ended == null ? null : ended.toInstant(), rs.getBoolean(8),
                            rs.getBoolean(9), rs.getBoolean(10), rs.getInt(11), rs.getString(12)));
                }
            }
        }
        return out;
    }
}
