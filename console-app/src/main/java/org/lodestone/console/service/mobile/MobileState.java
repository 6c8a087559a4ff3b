package org.lodestone.console.service.mobile;

import java.time.Instant;

/**
 * What the mobile unit is doing, as persisted across power losses: in transport mode or not, and where
 * the after-drive requalification stands. Immutable; every change is a new state written to disk.
 *
 * @param transportSince   when transport mode began, null when not in it
 * @param requalification  where the requalification stands
 * @param note             the last requalification's verdict or the override's note
 */
public record MobileState(boolean transport, Instant transportSince, String operator, Requal requalification, String note,
                          Instant changed) {
    /** Where the after-drive requalification stands. */
    public enum Requal {
        /** No drive since the last one passed (or none ever needed). */
        NOT_NEEDED,
        /** The unit was driven; it must be requalified before patients. */
        REQUIRED,
        PASSED,
        FAILED,
        /** Failed, but a service engineer released the unit with an audited note. */
        OVERRIDDEN
    }

    public MobileState {
        if (requalification == null) requalification = Requal.NOT_NEEDED;
        if (note == null) note = "";
        if (operator == null) operator = "";
    }

    public static MobileState initial() {
        return new MobileState(false, null, "", Requal.NOT_NEEDED, "", Instant.EPOCH);
    }

    /** Patient scans are allowed: not in transport and the requalification does not hold them back. */
    public boolean patientScansAllowed() {
        return blockingReason() == null;
    }

    /** One sentence for the operator when patient scans are held back, else null. */
    public String blockingReason() {
        if (transport) return "The unit is in transport mode: leave transport mode and requalify it before scanning patients.";
        return switch (requalification) {
            case REQUIRED -> "The unit was driven and is not requalified yet: run the requalification (uniform phantom in the bore).";
            case FAILED -> "The after-drive requalification failed (" + note + "): call service, or a service engineer overrides with a note.";
            default -> null;
        };
    }
}
