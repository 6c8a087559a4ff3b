package org.lodestone.workflow.care;

import org.lodestone.workflow.store.Database;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Which exams have passed their minimum keep period. Only closed exams that were sent and are not on hold
 * may go; the rest are listed with the reason they stay.
 */
public final class Retention {
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
            try (PreparedStatement ps = c.prepareStatement("SELECT study_uid, patient_id, patient_class, status, opened, closed, on_hold, sent"
                    + " FROM exam ORDER BY opened, id"); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String cls = rs.getString("patient_class");
                    OffsetDateTime closed = rs.getObject("closed", OffsetDateTime.class);
                    OffsetDateTime from = closed != null ? closed : rs.getObject("opened", OffsetDateTime.class);
                    Instant keepUntil = from.atZoneSameInstant(ZoneOffset.UTC).plus(policy.keepFor(cls)).toInstant();
                    String reason;
                    if (!"closed".equals(rs.getString("status"))) reason = "exam still open";
                    else if (rs.getBoolean("on_hold")) reason = "on hold";
                    else if (!rs.getBoolean("sent")) reason = "not sent to the archive";
                    else if (keepUntil.isAfter(now)) reason = "kept until " + keepUntil;
                    else reason = "keep period over";
                    out.add(new Verdict(rs.getString("study_uid"), rs.getString("patient_id"), cls,
                            closed == null ? null : closed.toInstant(), keepUntil, reason.equals("keep period over"), reason));
                }
            }
            return out;
        });
    }
}
