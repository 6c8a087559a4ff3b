package org.lodestone.console.day;

import org.lodestone.workflow.audit.AuditTrail;
import org.lodestone.workflow.user.Actor;
import org.lodestone.workflow.user.Users;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Who is at the console: login over the workflow's users (audited like the CLI's), the lock after idle time,
 * unlock by the same user and switch user. Without any user set up, the console runs as "operator", as the CLI does.
 * Used on the FX thread only.
 */
public final class Session {
    /** A login or unlock: the user, or the reason key and its argument for the screen. */
    public record Attempt(Optional<Actor> actor, String refusal) {
        public boolean ok() {
            return actor.isPresent();
        }
    }

    private final Users users;
    private final DayAudit audit;
    private final Clock clock;
    private final Duration idleLimit;
    private Actor user;
    private Instant lastActivity;
    private boolean locked = true;

    public Session(Users users, AuditTrail audit, Clock clock, Duration idleLimit) {
        this.users = users;
        this.audit = new DayAudit(audit);
        this.clock = clock;
        this.idleLimit = idleLimit;
    }

    /** True when no user is set up: the login screen only asks to go on as operator. */
    public boolean open() {
        return users.none();
    }

    public Attempt login(String name, char[] password) {
        if (users.none()) return accept(Actor.OPERATOR, "console");
        if (name == null || name.isBlank()) return new Attempt(Optional.empty(), "unknown user or wrong password");
        Users.Login l = users.authenticate(name.trim(), password);
        if (l.actor().isEmpty()) {
            audit.trail().append(name.trim(), "unknown", "login.failed", "user " + name.trim(), Map.of("reason", l.refusal()));
            return new Attempt(Optional.empty(), l.refusal());
        }
        return accept(l.actor().get(), "console");
    }

    /** Unlocking after idle takes the locked-out user's password; another user must switch user instead. */
    public Attempt unlock(char[] password) {
        if (user == null) return new Attempt(Optional.empty(), "nobody is logged in");
        if (users.none()) return accept(user, "console unlock");
        Users.Login l = users.authenticate(user.name(), password);
        if (l.actor().isEmpty()) {
            audit.record(user, "login.failed", "user " + user.name(), Map.of("reason", l.refusal()));
            return new Attempt(Optional.empty(), l.refusal());
        }
        return accept(l.actor().get(), "console unlock");
    }

    private Attempt accept(Actor a, String how) {
        user = a;
        locked = false;
        lastActivity = clock.instant();
        audit.record(a, "login", "user " + a.name(), Map.of("command", how));
        return new Attempt(Optional.of(a), null);
    }

    /** Ends the user's session: the login screen asks for the next user. */
    public void switchUser() {
        if (user != null) audit.record(user, "logout", "user " + user.name(), Map.of("command", "switch user"));
        user = null;
        locked = true;
    }

    /** Locks now (the Lock button): the same user unlocks with the password. */
    public void lock() {
        if (user != null) locked = true;
    }

    /** A key or click: the idle time starts again. */
    public void touch() {
        if (!locked) lastActivity = clock.instant();
    }

    /** Locks when the idle limit has passed since the last activity; true while locked. Called by a timer. */
    public boolean checkIdle() {
        if (!locked && user != null && Duration.between(lastActivity, clock.instant()).compareTo(idleLimit) >= 0) locked = true;
        return locked;
    }

    public boolean locked() {
        return locked;
    }

    public Optional<Actor> user() {
        return Optional.ofNullable(user);
    }

    public boolean mayScan() {
        return user != null && user.role().mayScan();
    }

    /** Saving, editing and importing user protocols: not for the read-only viewer role. */
    public boolean mayEditProtocols() {
        return mayScan();
    }
}
