package org.lodestone.dicom.outbox;

import java.time.Duration;

/** Exponential back-off between delivery attempts: 5 s, 10 s, 20 s … capped at 5 minutes. */
public record Backoff(Duration first, Duration cap) {
    public static final Backoff DEFAULT = new Backoff(Duration.ofSeconds(5), Duration.ofMinutes(5));

    /** The wait after the {@code attempts}-th failed attempt (1 = first failure). */
    public Duration after(int attempts) {
        if (attempts < 1) return Duration.ZERO;
        int shift = Math.min(attempts - 1, 30);
        long ms = first.toMillis() << shift;
        return ms <= 0 || ms > cap.toMillis() ? cap : Duration.ofMillis(ms);
    }
}
