package org.lodestone.scan;

import org.lodestone.hw.gpio.InterlockEvent;
import org.lodestone.recon.image.ImageVolume;

import java.nio.file.Path;

/**
 * What a scan tells whoever watches it (the CLI, the window, later the workflow and remote
 * clients), in the order it happened. Delivered on the scan's thread; every scan ends with exactly
 * one {@link Finished}, also when it could not start after its output folder was made.
 */
public sealed interface ScanEvent {

    /** The unit is armed and the prescan begins. */
    record Started(String protocol, long expectedLines, Path outDir) implements ScanEvent {
    }

    /** A step for the operator to read: "Adjusting frequency", "Scanning", "Reconstructing", … */
    record Stage(String what) implements ScanEvent {
    }

    /** Lines received so far and the time the program still has to run. */
    record Progress(long received, long expected, double secondsRemaining) implements ScanEvent {
    }

    /** A sensor reading during the scan (the drift tracker's). */
    record Sensor(double magnetTemperatureC, double ambientTemperatureC) implements ScanEvent {
    }

    /** An interlock tripped: the enables are down and the unit is being stopped. */
    record Interlock(InterlockEvent trip) implements ScanEvent {
    }

    /** The link went quiet; the unit holds the scan until it is back. */
    record LinkPaused(String detail) implements ScanEvent {
    }

    record LinkResumed(String detail) implements ScanEvent {
    }

    /** An image to show: a streamed slice volume while scanning, then the final image. */
    record Preview(ImageVolume image, boolean last) implements ScanEvent {
    }

    /** The end, with how and why (also in {@code result.message()}). */
    record Finished(ScanResult result) implements ScanEvent {
        public ScanStatus status() {
            return result.status();
        }
    }
}
