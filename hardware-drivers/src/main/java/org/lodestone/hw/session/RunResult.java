package org.lodestone.hw.session;

/**
 * How a run ended.
 * @param lines         lines received (each once)
 * @param expectedLines lines the program acquires (its ADC windows)
 * @param reason        why it ended
 * @param detail        for people and the log, e.g. "door open (DOOR_CLOSED is LOW) during scan"
 */
public record RunResult(long lines, long expectedLines, Reason reason, String detail) {

    public enum Reason {
        /** DONE, every line in. */
        COMPLETED,
        /** Ended on request (ScanRun.abort). */
        ABORTED,
        /** An interlock tripped, on the console's GPIO or reported by the unit. Wins over every other ending. */
        INTERLOCK,
        /** A streamed program's next segment came too late: the unit gated off and ended the scan. */
        UNDERRUN,
        /** The unit ended the scan with a fault of its own. */
        FAULT,
        /** The link is gone for good, or lines were lost beyond the unit's buffer. */
        LINK_LOST
    }

    public boolean completed() {
        return reason == Reason.COMPLETED && lines == expectedLines;
    }
}
