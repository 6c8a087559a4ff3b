package org.lodestone.dicom.lease;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * A lease on one row of a table with {@code lease_owner} / {@code lease_until} columns: whoever holds a live lease
 * alone works on the row (an outbox job, an MPPS step), so the console's worker and {@code outbox run} never send the
 * same thing at once. A lease ends when released, when it expires, or at once when its owner process is gone (the
 * owner names its pid and start time), so a restarted console resumes without waiting out the expiry.
 */
public final class Lease {
    private final DataSource db;
    private final String table;
    private final String owner;
    private final Duration length;

    /** {@code table} is one of ours (not user input); {@code owner} names this worker: see {@link #ownerName()}. */
    public Lease(DataSource db, String table, String owner, Duration length) {
        if (!table.matches("[a-z_]+")) throw new IllegalArgumentException("table " + table);
        this.db = db;
        this.table = table;
        this.owner = owner;
        this.length = length;
    }

    /**
     * The earliest {@code next_attempt_at} among the rows of {@code table} still to deliver ({@code pending}, an SQL
     * condition): when a worker of that table has something to do next. Both are ours, never user input.
     */
    public static Optional<Instant> earliestAttempt(DataSource db, String table, String pending) throws SQLException {
        if (!table.matches("[a-z_]+")) throw new IllegalArgumentException("table " + table);
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT MIN(next_attempt_at) FROM " + table + " WHERE " + pending);
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return Optional.ofNullable(rs.getTimestamp(1)).map(Timestamp::toInstant);
        }
    }

    /** A new owner name for a worker of this process: pid, process start, and a random part (two workers per process). */
    public static String ownerName() {
        ProcessHandle self = ProcessHandle.current();
        long started = self.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
        return self.pid() + ":" + started + ":" + UUID.randomUUID().toString().substring(0, 8);
    }

    public String owner() {
        return owner;
    }

    /** Takes the row until now + length if it is free, expired, ours, or held by a process that is gone. */
    public boolean claim(long id, Instant now) throws SQLException {
        Timestamp until = Timestamp.from(now.plus(length));
        if (update("UPDATE " + table + " SET lease_owner = ?, lease_until = ? WHERE id = ? AND (lease_owner IS NULL"
                + " OR lease_owner = ? OR lease_until < ?)", owner, until, id, owner, Timestamp.from(now)) == 1) {
            return true;
        }
        Optional<String> holder = holder(id);
        if (holder.isPresent() && !alive(holder.get())) {
            return update("UPDATE " + table + " SET lease_owner = ?, lease_until = ? WHERE id = ? AND lease_owner = ?",
                    owner, until, id, holder.get()) == 1;
        }
        return false;
    }

    /** Extends our lease; false when it is no longer ours (it expired and another worker took it). */
    public boolean renew(long id, Instant now) throws SQLException {
        return update("UPDATE " + table + " SET lease_until = ? WHERE id = ? AND lease_owner = ?",
                Timestamp.from(now.plus(length)), id, owner) == 1;
    }

    public void release(long id) throws SQLException {
        update("UPDATE " + table + " SET lease_owner = NULL, lease_until = NULL WHERE id = ? AND lease_owner = ?", id, owner);
    }

    private Optional<String> holder(long id) throws SQLException {
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT lease_owner FROM " + table + " WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
            }
        }
    }

    /** Whether the owner's process still runs (same pid and start time; the database is only shared on this machine). */
    static boolean alive(String owner) {
        String[] parts = owner.split(":");
        if (parts.length < 2) return true;
        try {
            long pid = Long.parseLong(parts[0]);
            long started = Long.parseLong(parts[1]);
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .map(p -> p.info().startInstant().map(Instant::toEpochMilli).orElse(0L) == started).orElse(false);
        } catch (NumberFormatException e) {
            return true;
        }
    }

    private int update(String sql, Object... args) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) ps.setObject(i + 1, args[i]);
            return ps.executeUpdate();
        }
    }
}
