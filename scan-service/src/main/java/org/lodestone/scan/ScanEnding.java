package org.lodestone.scan;

import org.lodestone.hw.gpio.InterlockEvent;
import org.lodestone.hw.session.RunResult;
import org.lodestone.hw.session.RunResult.Reason;

/**
 * How an acquisition ended, as a status and one sentence for the operator. The interlock wins
 * over every other ending; the console's own failures (nothing played, raw data unwritable) are
 * {@link ScanStatus#FAILED}.
 */
record ScanEnding(ScanStatus status, String message) {

    /**
     * @param acq             what the acquisition loop saw
     * @param operatorAborted the operator asked to stop
     * @param expected        lines the protocol acquires
     * @param raw             where the lines are kept (named in the message)
     */
    static ScanEnding of(AcquisitionLoop.Outcome acq, boolean operatorAborted, long expected, String raw) {
        long n = acq.received();
        String counted = " after " + n + " of " + expected + " lines";
        if (acq.notStarted() != null) {
            return new ScanEnding(ScanStatus.FAILED, "Scan failed: the program could not be started on the unit ("
                    + acq.notStarted() + "); nothing was played");
        }
        RunResult run = acq.run();
        InterlockEvent trip = acq.trip();
        if (trip != null) {
            // An unknown level means the GPIO itself is gone (e.g. with the unit's process): say both.
            String what = trip.input().unsafeText() + (trip.detail().contains("state unknown") ? ", GPIO state unknown" : "");
            String more = run.detail() != null && !run.detail().equals(trip.detail()) ? "; " + run.detail() : "";
            return new ScanEnding(ScanStatus.INTERRUPTED, "Scan interrupted by the interlock (" + what + ")" + more + counted
                    + "; the lines received are kept in " + raw);
        }
        if (run.reason() == Reason.INTERLOCK) {
            return new ScanEnding(ScanStatus.INTERRUPTED, "Scan interrupted by the unit's interlock (" + run.detail() + ")"
                    + counted + "; the lines received are kept in " + raw);
        }
        if (acq.journalFault() != null) {
            return new ScanEnding(ScanStatus.FAILED, "Scan failed: " + acq.journalFault() + counted + "; " + n
                    + " lines were saved in " + raw);
        }
        if (acq.consoleFault() != null) {
            return new ScanEnding(ScanStatus.INTERRUPTED, "Scan stopped by the console: " + acq.consoleFault() + "; " + n
                    + " lines are kept in " + raw);
        }
        if (run.reason() == Reason.COMPLETED && n == expected) {
            return new ScanEnding(ScanStatus.COMPLETE, "Scan complete: " + n + " of " + expected + " lines");
        }
        if (run.reason() == Reason.ABORTED && operatorAborted) {
            return new ScanEnding(ScanStatus.ABORTED, "Scan aborted by the operator" + counted + "; the lines received are kept");
        }
        String why = switch (run.reason()) {
            case LINK_LOST -> "lost the unit: " + run.detail();
            case COMPLETED -> "the unit reported DONE with lines missing";
            default -> run.detail();
        };
        return new ScanEnding(ScanStatus.INTERRUPTED, "Scan interrupted (" + why + ")" + counted
                + "; the lines received are kept in " + raw);
    }
}
