package org.lodestone.hw.session;

import org.lodestone.hw.wire.Message;

/**
 * Receives a running scan's stream: every line exactly once and in counter order, then DONE
 * once all the lines it counts have been delivered. Called on the session's threads: hand
 * work off quickly.
 */
public interface AcquisitionListener {
    void onLine(Message.AcqData line);

    default void onEvent(Message.Event event) {
    }

    /** A SENSORS reading that arrived while the program ran. */
    default void onSensors(Message.Sensors sensors) {
    }

    /** The link went quiet (false) or came back (true); the scan may still survive. */
    default void onLinkHealth(boolean healthy, String detail) {
    }

    void onDone(Message.Done done);

    /** The scan cannot continue: the link is gone for good, or lines were lost beyond recovery. */
    void onLinkLost(String reason);
}
