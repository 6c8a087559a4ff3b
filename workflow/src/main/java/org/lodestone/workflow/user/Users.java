package org.lodestone.workflow.user;

import org.lodestone.workflow.InvalidInputException;
import org.lodestone.workflow.store.Database;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.regex.Pattern;

/** User accounts: Argon2id password hashes, a lockout after repeated failures. */
public final class Users {
    public static final int MAX_FAILURES = 5;
    public static final Duration LOCKOUT = Duration.ofMinutes(15);
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9._-]{1,31}");

    private final Database db;

    public Users(Database db) {
        this.db = db;
    }

    public boolean none() {
        return db.inTransaction(c -> {
            try (ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM app_user")) {
                rs.next();
                return rs.getLong(1) == 0;
            }
        });
    }

    public void add(String name, Role role, char[] password) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new InvalidInputException("NAME", "'" + name + "' is not a user name (2–32 of a-z, 0-9, '.', '_', '-', starting with a letter)");
        }
        if (password == null || password.length < 8) throw new InvalidInputException("password", "must have at least 8 characters");
        String hash = PasswordHasher.hash(password);
        db.inTransaction(c -> {
            try (PreparedStatement q = c.prepareStatement("SELECT 1 FROM app_user WHERE name = ?")) {
                q.setString(1, name);
                if (q.executeQuery().next()) throw new InvalidInputException("NAME", "user " + name + " already exists");
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO app_user (name, role, password_hash, created) VALUES (?, ?, ?, ?)")) {
                ps.setString(1, name);
                ps.setString(2, role.name());
                ps.setString(3, hash);
                ps.setObject(4, OffsetDateTime.now(ZoneOffset.UTC));
                return ps.executeUpdate();
            }
        });
    }

    /** Outcome of a login: the actor, or why not. */
    public record Login(Optional<Actor> actor, String refusal) {
    }

    /** Checks the password; after {@link #MAX_FAILURES} failures in a row the account is locked for {@link #LOCKOUT}. */
    public Login authenticate(String name, char[] password) {
        record Row(Role role, String hash, int failures, OffsetDateTime lockedUntil) {
        }
        Optional<Row> row = db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT role, password_hash, failures, locked_until FROM app_user WHERE name = ?")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(new Row(Role.valueOf(rs.getString(1)), rs.getString(2), rs.getInt(3),
                            rs.getObject(4, OffsetDateTime.class))) : Optional.<Row>empty();
                }
            }
        });
        if (row.isEmpty()) return new Login(Optional.empty(), "unknown user or wrong password");
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        if (row.get().lockedUntil() != null && row.get().lockedUntil().isAfter(now)) {
            return new Login(Optional.empty(), "user " + name + " is locked after " + MAX_FAILURES + " failed logins until "
                    + row.get().lockedUntil().withNano(0) + " UTC");
        }
        boolean ok = password != null && PasswordHasher.matches(password, row.get().hash());
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE app_user SET failures = ?, locked_until = ? WHERE name = ?")) {
                int failures = ok ? 0 : row.get().failures() + 1;
                ps.setInt(1, failures >= MAX_FAILURES ? 0 : failures);
                ps.setObject(2, failures >= MAX_FAILURES ? now.plus(LOCKOUT) : null);
                ps.setString(3, name);
                return ps.executeUpdate();
            }
        });
        return ok ? new Login(Optional.of(new Actor(name, row.get().role())), null) : new Login(Optional.empty(), "unknown user or wrong password");
    }
}
