package org.lodestone.scan;

/** How a scan ended. */
public enum ScanStatus {
    /** Every expected line arrived. */
    COMPLETE,
    /** The operator stopped it. */
    ABORTED,
    /** The unit or the link stopped it (fault, interlock, lost link); lines received are kept. */
    INTERRUPTED,
    /** It could not start (bad parameters, limits, no unit). */
    FAILED
}
