package org.lodestone.workflow.exam;

import java.util.Locale;

/** Where a series (one scan) stands. Stored and shown in lower case with spaces ("in progress"). */
public enum SeriesStatus {
    SCHEDULED, IN_PROGRESS, COMPLETED, INTERRUPTED, FAILED, ABORTED;

    public String text() {
        return name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    public static SeriesStatus ofText(String t) {
        return valueOf(t.trim().toUpperCase(Locale.ROOT).replace(' ', '_'));
    }

    /**
     * The scan's own outcome word (the scan service's COMPLETE, ABORTED, INTERRUPTED, FAILED) as a series
     * status; anything unknown counts as failed.
     */
    public static SeriesStatus ofScanOutcome(String outcome) {
        return switch (outcome.trim().toUpperCase(Locale.ROOT)) {
            case "COMPLETE", "COMPLETED" -> COMPLETED;
            case "ABORTED" -> ABORTED;
            case "INTERRUPTED" -> INTERRUPTED;
            default -> FAILED;
        };
    }
}
