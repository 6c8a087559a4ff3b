package org.lodestone.hw.session;

import org.lodestone.hw.wire.Message;

/** Receives a running scan's stream. Called on the link's reader thread: hand work off quickly. */
public interface AcquisitionListener {
    void onLine(Message.AcqData line);

    default void onEvent(Message.Event event) {
    }

    void onDone(Message.Done done);

    /** The device stopped answering or the line closed. */
    void onLinkLost(String reason);
}
