package org.lodestone.scan;

import org.lodestone.recon.image.ImageVolume;

/** What a running scan tells whoever watches it (the UI, the CLI). Called from the scan's thread. */
public interface ScanProgress {
    default void stage(String what) {
    }

    default void lines(long received, long expected, double secondsRemaining) {
    }

    default void image(ImageVolume image) {
    }

    ScanProgress NONE = new ScanProgress() {
    };
}
