package org.lodestone.console.service.diagnostics;

import org.lodestone.workflow.audit.AuditEntry;

import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The audit trail as the administrator reads it: newest first, optionally only actions containing a word.
 * Anyone else is refused (the trail names patients' exams and every user's actions).
 */
public record AuditView(Supplier<List<AuditEntry>> trail, BooleanSupplier administrator) {
    /** Refused for anyone but the administrator. */
    public static final class NotAdministrator extends Exception {
        public NotAdministrator() {
            super("the audit trail is shown to the administrator only");
        }
    }

    public boolean allowed() {
        return administrator.getAsBoolean();
    }

    public List<AuditEntry> entries(String action) throws NotAdministrator {
        if (!allowed()) throw new NotAdministrator();
        String a = action == null ? "" : action.trim().toLowerCase(Locale.ROOT);
        return trail.get().reversed().stream().filter(e -> a.isEmpty() || e.action().toLowerCase(Locale.ROOT).contains(a)).toList();
    }

    /** One line: time, user (role), action, object, details sorted by key. */
    public static String shown(AuditEntry e) {
        StringBuilder b = new StringBuilder().append(e.time()).append("  ").append(e.user()).append(" (").append(e.role()).append(")  ")
                .append(e.action()).append("  ").append(e.object());
        new java.util.TreeMap<>(e.details()).forEach((k, v) -> b.append("  ").append(k).append('=').append(v));
        return b.toString();
    }
}
