package org.lodestone.hw.gpio;

/**
 * What the console does after the guard has already dropped the amplifier enables, e.g.
 * {@code e -> { session.abort("interlock: " + e.detail()); scan.markInterrupted(e); }}.
 * Runs on the thread that delivered the edge: keep it short and non-blocking.
 */
@FunctionalInterface
public interface InterlockAction {
    void onInterlock(InterlockEvent event) throws Exception;
}
