package org.lodestone.twin.device;

import org.lodestone.hw.link.FramedLink;
import org.lodestone.hw.wire.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The device's way out to the host: the link of the moment (none between hosts), a scripted stall that
 * holds everything back, and the replies to the command being handled, recorded so a retransmitted
 * command can be answered again without running twice.
 */
final class HostLink {
    private static final Logger log = LoggerFactory.getLogger(HostLink.class);

    private volatile FramedLink link;
    private volatile long stallUntilNanos;
    private volatile Thread handlerThread;
    /** Replies to the command in hand; only the link's reader thread touches it. */
    private List<Message> recording;

    void attach(FramedLink l) {
        link = l;
    }

    void detach() {
        link = null;
    }

    /** Nothing leaves the device for this long (a scripted link stall). */
    void stallFor(double seconds) {
        stallUntilNanos = System.nanoTime() + (long) (seconds * 1e9);
    }

    /** On the reader thread: what is sent from now until {@link #endRecording} are the replies to one command. */
    void beginRecording() {
        handlerThread = Thread.currentThread();
        recording = new ArrayList<>(2);
    }

    List<Message> endRecording() {
        List<Message> r = recording;
        recording = null;
        return r;
    }

    void send(Message m) {
        sendAll(List.of(m));
    }

    /** Sends in one write (a line's fragments): the serial line is far faster with few large writes. */
    void sendAll(List<? extends Message> ms) {
        if (recording != null && Thread.currentThread() == handlerThread) recording.addAll(ms);
        FramedLink l = link;
        if (l == null) return;
        long wait;
        while ((wait = stallUntilNanos - System.nanoTime()) > 0) {
            try {
                Thread.sleep(Math.max(1, wait / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        try {
            if (ms.size() == 1) l.send(ms.getFirst());
            else l.sendAll(ms);
        } catch (IOException e) {
            log.warn("Could not send {} to the host: {}", ms.getFirst().getClass().getSimpleName(), e.getMessage());
        }
    }
}
