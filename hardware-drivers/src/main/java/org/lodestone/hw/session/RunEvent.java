package org.lodestone.hw.session;

import org.lodestone.hw.gpio.InterlockEvent;
import org.lodestone.hw.wire.EventCode;
import org.lodestone.hw.wire.Message;

/** What a {@link ScanRun} reports while it plays, in the order it happened on each source. */
public sealed interface RunEvent {

    /** One acquisition, exactly once and in scan-counter order. */
    record LineReceived(Message.AcqData line) implements RunEvent {
    }

    /** Lines received so far out of those the program acquires. */
    record Progress(long received, long expected) implements RunEvent {
    }

    /** A sensor reading that arrived during the run (e.g. the drift tracker's). */
    record SensorReading(Message.Sensors sensors) implements RunEvent {
    }

    /** An EVENT the unit itself reported: interlock, amplifier fault, underrun, … (not its SCAN_STARTED receipt). */
    record UnitEvent(int code, String detail) implements RunEvent {
        public String name() {
            return EventCode.name(code);
        }
    }

    /** An interlock input tripped on the console's GPIO: the enables are already down and ABORT is on its way. */
    record InterlockTripped(InterlockEvent trip) implements RunEvent {
    }

    /** The link went quiet: the unit holds the scan (RF and gradients off) until it is back. */
    record LinkPaused(String detail) implements RunEvent {
    }

    /** The link is back; the unit is resumed where it held. */
    record LinkResumed(String detail) implements RunEvent {
    }

    /** The last event of every run. */
    record Finished(RunResult result) implements RunEvent {
    }
}
