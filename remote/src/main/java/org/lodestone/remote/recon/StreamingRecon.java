package org.lodestone.remote.recon;

import org.lodestone.recon.mrd.Acquisition;
import org.lodestone.scan.RawLineListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.SocketFactory;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * {@code scan --recon-server}: streams each line to an MRD server as the scan journals it
 * ({@link RawLineListener}, hooked in by {@code ScanService.withRawLines}). The scan's thread only
 * offers the line to a bounded backlog; a sender thread connects, sends and, after the scan,
 * reads the image. Unreachable, a backlog that overflows (the server takes lines slower than the
 * unit makes them), an error or no image within the reply timeout: {@link #finish} says local,
 * with the reason.
 */
public final class StreamingRecon implements RawLineListener, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StreamingRecon.class);
    /** Lines that may wait for the server; past this the server is too slow and the scan goes on alone. */
    public static final int DEFAULT_BACKLOG = 1 << 16;
    private static final Object END = new Object();

    private final String server;
    private final SocketFactory sockets;
    private final Duration connectTimeout;
    private final Duration replyTimeout;
    private final BlockingQueue<Object> backlog;
    private volatile String failure;
    private volatile RemoteRecon connection;
    private volatile ReconChoice result;
    private Thread sender;

    public StreamingRecon(String server, SocketFactory sockets, Duration connectTimeout, Duration replyTimeout, int backlog) {
        this.server = server;
        this.sockets = sockets;
        this.connectTimeout = connectTimeout;
        this.replyTimeout = replyTimeout;
        this.backlog = new ArrayBlockingQueue<>(backlog);
    }

    /** Plain TCP {@code HOST:PORT}, or TLS (the JVM's trust store) for {@code tls://HOST:PORT}. */
    public static StreamingRecon to(String target, Duration replyTimeout) {
        boolean tls = target.startsWith("tls://");
        String hostPort = tls ? target.substring("tls://".length()) : target;
        RemoteRecon.checkHostPort(hostPort);
        return new StreamingRecon(hostPort, tls ? javax.net.ssl.SSLSocketFactory.getDefault() : SocketFactory.getDefault(),
                Duration.ofSeconds(2), replyTimeout, DEFAULT_BACKLOG);
    }

    @Override
    public synchronized void header(String ismrmrdXml) {
        if (sender != null) throw new IllegalStateException("one scan per StreamingRecon");
        sender = Thread.ofPlatform().daemon().name("recon-stream").start(() -> send(ismrmrdXml));
    }

    @Override
    public void line(Acquisition acquisition) {
        if (failure != null) return;
        if (!backlog.offer(acquisition)) {
            fail("recon server " + server + " too slow: " + backlog.size() + " lines waiting");
        }
    }

    private void fail(String why) {
        if (failure == null) failure = why;
        backlog.clear();
        RemoteRecon c = connection;
        if (c != null) c.close(); // unblocks a sender stuck writing
    }

    private void send(String xml) {
        try (RemoteRecon r = RemoteRecon.connect(server, sockets, xml, connectTimeout, replyTimeout)) {
            connection = r;
            long sent = 0;
            while (failure == null) {
                Object next = backlog.poll(200, TimeUnit.MILLISECONDS);
                if (next == null) {
                    r.flush();
                    continue;
                }
                if (next == END) {
                    result = new ReconChoice(r.finish(), "remote", null);
                    log.info("Recon server {} returned the image after {} streamed lines", server, sent);
                    return;
                }
                r.add((Acquisition) next);
                sent++;
                if (backlog.isEmpty()) r.flush(); // each line leaves as soon as nothing is queued behind it
            }
        } catch (RemoteReconException e) {
            if (failure == null) failure = e.getMessage();
        } catch (InterruptedException e) {
            if (failure == null) failure = "recon stream interrupted";
        } finally {
            connection = null;
        }
    }

    /**
     * After a complete scan: the server's image, or {@code local} with the reason (the image is then
     * null: the scan's own images.nii stands). Waits at most the reply timeout (plus the connect one).
     */
    public ReconChoice finish() {
        Thread t;
        synchronized (this) {
            t = sender;
        }
        if (t == null) return local("the scan journalled no raw data");
        if (failure == null && !backlog.offer(END)) fail("recon server " + server + " too slow: backlog full at the end of the scan");
        try {
            t.join(replyTimeout.plus(connectTimeout).plusSeconds(1).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (t.isAlive()) {
            fail("recon server " + server + " gave no image within " + replyTimeout.toSeconds() + " s");
            try {
                t.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        ReconChoice r = result;
        if (r != null) return r;
        return local(failure != null ? failure : "recon server " + server + " returned nothing");
    }

    private static ReconChoice local(String why) {
        return new ReconChoice(null, "local", why + "; reconstructed locally");
    }

    /** Gives up on a scan that did not complete: nothing more is sent. */
    @Override
    public void close() {
        fail("scan did not complete");
    }
}
