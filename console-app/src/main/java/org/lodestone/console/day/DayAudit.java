package org.lodestone.console.day;

import org.lodestone.workflow.audit.AuditTrail;
import org.lodestone.workflow.user.Actor;

import java.util.Map;

/** The day's audit lines: each action with who did it (name and role) and what it was done to. */
public record DayAudit(AuditTrail trail) {
    /** An action on one exam ("study UID"). */
    public void study(Actor by, String action, String studyUid, Map<String, String> details) {
        record(by, action, "study " + studyUid, details);
    }

    /** An action on {@code object} ("patient P1", "series UID", "user tina"). */
    public void record(Actor by, String action, String object, Map<String, String> details) {
        trail.append(by.name(), by.role().text(), action, object, details);
    }
}
