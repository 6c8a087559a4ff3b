package org.lodestone.hw.session;

/**
 * Hears a {@link ScanRun}'s events. Called on the session's, the GPIO's and the caller's threads
 * (one at a time per source, not across sources): hand work off quickly and be thread-safe.
 */
@FunctionalInterface
public interface RunListener {
    RunListener NONE = e -> { };

    void on(RunEvent event);
}
