package org.lodestone.scan;

/** How a scan ended (scan.json's "status", in lower case). */
public enum ScanStatus {
    /** Every expected line arrived and the image was made. */
    COMPLETE,
    /** The operator stopped it; lines received are kept. */
    ABORTED,
    /** The unit or the link stopped it (fault, interlock, lost link, underrun); lines received are kept. */
    INTERRUPTED,
    /**
     * The console failed at its own part: the program could not be uploaded or started (nothing
     * played), or the reconstruction or its files failed. Raw data received is kept.
     */
    FAILED
}
