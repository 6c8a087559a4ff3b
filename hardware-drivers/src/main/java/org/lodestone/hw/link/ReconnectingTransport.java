package org.lodestone.hw.link;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;

/**
 * A serial line that survives its device node vanishing (USB adapter unplugged, socat pair killed)
 * and coming back at the same path. While the node is gone it behaves like a pulled cable: reads
 * return nothing, writes are lost. The protocol above already rides out exactly that — the unit
 * pauses on lost heartbeats, the session resends, resumes and asks for missing lines — so the
 * transport only has to notice the loss, say so, and reopen the path.
 */
public final class ReconnectingTransport implements Transport {
    private static final Logger log = LoggerFactory.getLogger(ReconnectingTransport.class);

    /** Opens the underlying transport; called again after each loss. */
    @FunctionalInterface
    public interface Opener {
        Transport open() throws IOException;
    }

    /** How often a vanished device node is looked for again. */
    private static final long RETRY_MILLIS = 100;

    private final Opener opener;
    private final String what;
    private final long giveUpMillis;
    private volatile long lostAtNanos;
    private final Object writeLock = new Object();
    private volatile Transport current;
    private volatile boolean closed;
    private volatile long losses;
    private long nextAttemptNanos;

    private ReconnectingTransport(Opener opener, Transport first, String what, long giveUpMillis) {
        this.opener = opener;
        this.current = first;
        this.what = what;
        this.giveUpMillis = giveUpMillis;
    }

    /**
     * Opens now (failing as the opener fails: a port missing at start is an error, not an outage).
     * @param giveUpMillis after this long without the line, reads report it closed for good (0 = never)
     */
    public static ReconnectingTransport open(Opener opener, String what, long giveUpMillis) throws IOException {
        return new ReconnectingTransport(opener, opener.open(), what, giveUpMillis);
    }

    /** A serial port at {@code path}, reopened at the same path after it vanishes (the session decides when to give up). */
    public static ReconnectingTransport serial(String path, SerialTransport.Settings s) throws IOException {
        return serial(path, s, 0);
    }

    public static ReconnectingTransport serial(String path, SerialTransport.Settings s, long giveUpMillis) throws IOException {
        return open(() -> SerialTransport.open(path, s), "serial " + path, giveUpMillis);
    }

    /** How many times the line was lost so far. */
    public long losses() {
        return losses;
    }

    public boolean isConnected() {
        return current != null;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
        if (closed) return -1;
        Transport t = current;
        if (t == null) {
            if (giveUpMillis > 0 && System.nanoTime() - lostAtNanos > giveUpMillis * 1_000_000) {
                log.warn("Giving up on the link: gone for more than {} ms", giveUpMillis);
                log.info("Gave up on {}", what);
                return -1;
            }
            reconnect();
            return 0;
        }
        try {
            int n = t.read(buf, off, len);
            if (n >= 0) return n;
            lost(t, "closed");
        } catch (IOException e) {
            lost(t, e.getMessage());
        }
        return closed ? -1 : 0;
    }

    @Override
    public void write(byte[] buf, int off, int len) throws IOException {
        if (closed) throw new IOException("the link is closed");
        Transport t = current;
        if (t == null) return; // a pulled cable: the bytes are lost, the protocol resends
        try {
            synchronized (writeLock) {
                t.write(buf, off, len);
            }
        } catch (IOException e) {
            lost(t, e.getMessage());
        }
    }

    private synchronized void lost(Transport t, String why) {
        if (current != t) return; // already noticed by the other direction
        current = null;
        losses++;
        lostAtNanos = System.nanoTime();
        t.close();
        if (!closed) {
            // the terminal shows warnings: a sentence without the device; which one it was goes to the log file
            log.warn("Link lost ({}); reopening it every {} ms", why, RETRY_MILLIS);
            log.info("Link lost: {}", what);
        }
        nextAttemptNanos = System.nanoTime() + RETRY_MILLIS * 1_000_000;
    }

    /** On the reader's thread: tries to reopen at most every retry interval, sleeping in between. */
    private void reconnect() throws IOException {
        long wait = (nextAttemptNanos - System.nanoTime()) / 1_000_000;
        if (wait > 0) {
            try {
                Thread.sleep(Math.min(wait, RETRY_MILLIS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while reconnecting");
            }
            return;
        }
        nextAttemptNanos = System.nanoTime() + RETRY_MILLIS * 1_000_000;
        Transport t;
        try {
            t = opener.open();
        } catch (IOException | RuntimeException e) {
            return; // not back yet
        }
        synchronized (this) {
            if (closed) {
                t.close();
                return;
            }
            current = t;
        }
        log.warn("Link back (reopened)");
        log.info("Link back: {} reopened", what);
    }

    @Override
    public String describe() {
        return what;
    }

    @Override
    public synchronized void close() {
        closed = true;
        Transport t = current;
        current = null;
        if (t != null) t.close();
    }
}
