package org.lodestone.scan;

/** Hears a scan's {@link ScanEvent}s, on the scan's thread: keep it short or hand work off. */
@FunctionalInterface
public interface ScanListener {
    ScanListener NONE = e -> { };

    void on(ScanEvent event);
}
