package org.lodestone.workflow.care;

import org.lodestone.workflow.store.Database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Which exams have passed their minimum keep period. Only closed exams that were sent and are not on hold
 * may go; the rest are listed with the reason they stay. Purged exams are no longer listed.
 */
public final class Retention {
    static final String MAY_GO = "keep period over";

    private final Database db;
    private final RetentionPolicy policy;

    public Retention(Database db, RetentionPolicy policy) {
        this.db = db;
        this.policy = policy;
    }

    /** One exam's verdict. */
    public record Verdict(String studyUid, String patientId, String patientClass, Instant closed, Instant keepUntil,
                          boolean mayGo, String reason) {
    }

    public List<Verdict> review(Instant now) {
        return db.inTransaction(c -> {
            List<Verdict> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT study_uid FROM exam WHERE purged IS NULL ORDER BY opened, id");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(verdict(c, rs.getString(1), now));
            }
            return out;
        });
    }

    /** The verdict for one exam, read inside the caller's transaction (the purge re-checks each exam this way). */
    Verdict verdict(Connection c, String studyUid, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT study_uid, patient_id, patient_class, status, opened, closed, on_hold"
                + " FROM exam WHERE study_uid = ? AND purged IS NULL FOR UPDATE")) {
            ps.setString(1, studyUid);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return new Verdict(studyUid, null, null, null, null, false, "no such exam or already purged");
                String cls = rs.getString("patient_class");
                OffsetDateTime closed = rs.getObject("closed", OffsetDateTime.class);
                OffsetDateTime from = closed != null ? closed : rs.getObject("opened", OffsetDateTime.class);
                Instant keepUntil = from.atZoneSameInstant(ZoneOffset.UTC).plus(policy.keepFor(cls)).toInstant();
                String reason;
                if (!"closed".equals(rs.getString("status"))) reason = "exam still open";
                else if (rs.getBoolean("on_hold")) reason = "on hold";
                else if (!isSent(c, studyUid)) reason = "not sent to the archive";
                else if (keepUntil.isAfter(now)) reason = "kept until " + keepUntil;
                else reason = MAY_GO;
                return new Verdict(studyUid, rs.getString("patient_id"), cls, closed == null ? null : closed.toInstant(), keepUntil,
                        reason.equals(MAY_GO), reason);
            }
        }
    }

    /**
     * The one definition of "sent to the archive": the dicom outbox holds images of the study and every one of
     * them was acknowledged by at least one destination. Without the outbox tables (no dicom module) nothing is sent.
     */
    static boolean isSent(Connection c, String studyUid) throws SQLException {
        try (PreparedStatement t = c.prepareStatement("SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_NAME = 'DICOM_OUTBOX_ITEM'");
             ResultSet rs = t.executeQuery()) {
            rs.next();
            if (rs.getInt(1) == 0) return false;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(DISTINCT i.sop_instance_uid),"
                + " COUNT(DISTINCT CASE WHEN i.sent_at IS NOT NULL THEN i.sop_instance_uid END)"
                + " FROM dicom_outbox_item i JOIN dicom_outbox_job j ON j.id = i.job_id WHERE j.study_uid = ?")) {
            ps.setString(1, studyUid);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long images = rs.getLong(1);
                return images > 0 && rs.getLong(2) == images;
            }
        }
    }
}
