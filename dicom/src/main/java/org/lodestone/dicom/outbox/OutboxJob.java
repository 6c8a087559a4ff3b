package org.lodestone.dicom.outbox;

import java.time.Instant;

/** One study queued for one destination, as {@code outbox} lists it. */
public record OutboxJob(long id, String studyUid, String destination, Status status, int attempts, String lastError,
                        int imagesSent, int imagesTotal, Instant nextAttemptAt) {

    /** pending: waiting for its next attempt; sending: an attempt is under way (or was cut off); failed: waits for an operator. */
    public enum Status {
        PENDING, SENDING, SENT, FAILED;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        static Status of(String label) {
            return valueOf(label.toUpperCase(java.util.Locale.ROOT));
        }
    }
}
