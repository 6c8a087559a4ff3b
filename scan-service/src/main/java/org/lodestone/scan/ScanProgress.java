package org.lodestone.scan;

import org.lodestone.recon.image.ImageVolume;

/**
 * A {@link ScanListener} for watchers that want only the stage, the line count and the images
 * (the CLI's progress line, the window's bar). Called from the scan's thread.
 */
public interface ScanProgress extends ScanListener {
    default void stage(String what) {
    }

    default void lines(long received, long expected, double secondsRemaining) {
    }

    default void image(ImageVolume image) {
    }

    @Override
    default void on(ScanEvent event) {
        switch (event) {
            case ScanEvent.Stage s -> stage(s.what());
            case ScanEvent.Progress p -> lines(p.received(), p.expected(), p.secondsRemaining());
            case ScanEvent.Preview p -> image(p.image());
            case ScanEvent.Interlock i -> stage("Interlock: " + i.trip().input().unsafeText() + "; stopping");
            case ScanEvent.LinkPaused l -> stage("Waiting for the link: " + l.detail());
            case ScanEvent.LinkResumed l -> stage("Scanning (link restored)");
            default -> { }
        }
    }

    ScanProgress NONE = new ScanProgress() {
    };
}
