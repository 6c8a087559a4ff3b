package org.lodestone.dicom.mpps;

import java.time.Instant;

/**
 * One performed procedure step of one exam for one MPPS destination: what it is ({@code state}: in progress,
 * completed, discontinued) and what the destination has acknowledged of it.
 */
public record MppsStep(long id, String studyUid, String destination, String mppsUid, String state, Instant startedAt,
                       Instant endedAt, boolean createDelivered, boolean endDelivered, boolean failed, int attempts,
                       String lastError) {
    public static final String IN_PROGRESS = "in progress";
    public static final String COMPLETED = "completed";
    public static final String DISCONTINUED = "discontinued";

    /** Something the destination has not acknowledged yet (and no operator is needed). */
    public boolean undelivered() {
        return !failed && (!createDelivered || (!state.equals(IN_PROGRESS) && !endDelivered));
    }

    /** pending, failed, in progress (created, not ended), or the final state once acknowledged. */
    public String delivery() {
        if (failed) return "failed";
        if (!createDelivered || (!state.equals(IN_PROGRESS) && !endDelivered)) return "pending";
        return state;
    }
}
