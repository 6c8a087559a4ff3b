package org.lodestone.dicom.outbox;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Which completed series go where without an operator's {@code send}: a rule names a protocol (or {@link #ANY})
 * and a destination. A rule applies to series that complete after it was made, not to the archive before it.
 */
public final class AutoSendRules {
    /** The protocol of a rule that takes every series. */
    public static final String ANY = "*";

    private final DataSource db;

    public AutoSendRules(DataSource db) {
        this.db = db;
    }

    /** One rule: every completed series of {@code protocol} ({@code *}: any) is queued for {@code destination}. */
    public record Rule(String protocol, String destination, Instant createdAt) {
        public boolean matches(String seriesProtocol) {
            return protocol.equals(ANY) || protocol.equalsIgnoreCase(seriesProtocol);
        }
    }

    public void add(String protocol, String destination, Instant now) throws SQLException {
        if (protocol == null || protocol.isBlank() || protocol.length() > 64) {
            throw new IllegalArgumentException("a protocol name of 1–64 characters, or * for every protocol");
        }
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("MERGE INTO dicom_auto_send_rule (protocol, destination, created_at)"
                     + " KEY (protocol, destination) SELECT ?, ?, ? FROM DUAL WHERE NOT EXISTS (SELECT 1 FROM dicom_auto_send_rule"
                     + " WHERE protocol = ? AND destination = ?)")) {
            ps.setString(1, protocol);
            ps.setString(2, destination);
            ps.setTimestamp(3, Timestamp.from(now));
            ps.setString(4, protocol);
            ps.setString(5, destination);
            ps.executeUpdate();
        }
    }

    /** Removes the destination's rules ({@code protocol} null: all of them); returns how many. */
    public int remove(String destination, String protocol) throws SQLException {
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("DELETE FROM dicom_auto_send_rule WHERE destination = ?"
                     + (protocol == null ? "" : " AND protocol = ?"))) {
            ps.setString(1, destination);
            if (protocol != null) ps.setString(2, protocol);
            return ps.executeUpdate();
        }
    }

    public List<Rule> list() throws SQLException {
        List<Rule> out = new ArrayList<>();
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT protocol, destination, created_at FROM dicom_auto_send_rule"
                     + " ORDER BY destination, protocol");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) out.add(new Rule(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant()));
        }
        return out;
    }
}
