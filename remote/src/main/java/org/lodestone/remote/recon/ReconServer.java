package org.lodestone.remote.recon;

import org.lodestone.recon.cartesian.OfflineRecon;
import org.lodestone.recon.image.ImageVolume;
import org.lodestone.recon.mrd.Acquisition;
import org.lodestone.recon.mrd.MrdStreamReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;

/**
 * Serves our Cartesian reconstruction over the MRD streaming protocol (what a Gadgetron or the
 * ISMRMRD reference servers speak): per connection a config (file or text), the XML header,
 * acquisitions, close; back go one float magnitude IMAGE per slice and a close. A failure goes
 * back as a TEXT message before the close. One thread per connection.
 */
public final class ReconServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ReconServer.class);

    private final ServerSocket socket;
    private final Thread acceptor;
    private final AtomicLong received = new AtomicLong();

    private ReconServer(ServerSocket socket) {
        this.socket = socket;
        this.acceptor = Thread.ofPlatform().name("recon-server").start(this::acceptLoop);
    }

    /** Listens on {@code bind:port} (port 0: a free one), plain TCP. */
    public static ReconServer start(InetAddress bind, int port) throws IOException {
        return start(bind, port, null);
    }

    /** The same over TLS when {@code tls} is given (the client must trust its certificate). */
    public static ReconServer start(InetAddress bind, int port, SSLContext tls) throws IOException {
        ServerSocket s = tls == null ? new ServerSocket() : tls.getServerSocketFactory().createServerSocket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(bind, port));
        log.info("Recon server listening on {}:{}{}", bind.getHostAddress(), s.getLocalPort(), tls == null ? "" : " (TLS)");
        return new ReconServer(s);
    }

    /** Acquisitions received over every connection so far (they arrive while the client's scan runs). */
    public long acquisitionsReceived() {
        return received.get();
    }

    public int port() {
        return socket.getLocalPort();
    }

    private void acceptLoop() {
        while (!socket.isClosed()) {
            try {
                Socket c = socket.accept();
                Thread.ofVirtual().name("recon-" + c.getPort()).start(() -> serve(c));
            } catch (IOException e) {
                if (!socket.isClosed()) log.warn("Recon server accept failed", e);
            }
        }
    }

    private void serve(Socket c) {
        try (c; DataInputStream in = new DataInputStream(new BufferedInputStream(c.getInputStream()));
             OutputStream out = new BufferedOutputStream(c.getOutputStream())) {
            String xml = null;
            List<Acquisition> lines = new ArrayList<>();
            String config = null;
            boolean closed = false;
            while (!closed) {
                int id = MrdWire.readId(in);
                switch (id) {
                    case MrdWire.CONFIG_FILE -> config = MrdWire.readConfigFile(in);
                    case MrdWire.CONFIG_TEXT -> config = MrdWire.readText(in);
                    case MrdWire.HEADER -> xml = MrdWire.readText(in);
                    case MrdWire.TEXT -> log.info("Client says: {}", MrdWire.readText(in));
                    case MrdWire.ACQUISITION -> {
                        lines.add(MrdWire.readAcquisition(in));
                        received.incrementAndGet();
                    }
                    case MrdWire.CLOSE -> closed = true;
                    default -> throw new IOException("message id " + id + " is not one this server takes");
                }
            }
            log.info("Recon request (config {}): {} acquisitions", config, lines.size());
            try {
                ImageVolume v = reconstruct(xml, lines);
                for (int z = 0; z < v.nz(); z++) MrdWire.writeImage(out, v, z, 1);
            } catch (RuntimeException e) {
                log.warn("Reconstruction failed", e);
                MrdWire.writeText(out, MrdWire.TEXT, "reconstruction failed: " + e.getMessage());
            }
            MrdWire.writeId(out, MrdWire.CLOSE);
            out.flush();
        } catch (IOException e) {
            log.warn("Recon connection from {} ended: {}", c.getRemoteSocketAddress(), e.getMessage());
        }
    }

    /** The reconstruction both ends run: the offline Cartesian recon with its defaults. */
    public static ImageVolume reconstruct(String xml, List<Acquisition> lines) {
        if (xml == null) throw new IllegalArgumentException("no XML header before the acquisitions");
        OfflineRecon.Output o = OfflineRecon.reconstruct(new MrdStreamReader.Result(xml, lines, true, null), OfflineRecon.Options.defaults());
        if (o.volume() == null) throw new IllegalArgumentException("the acquisitions make no image");
        return o.volume();
    }

    @Override
    public void close() throws IOException {
        socket.close();
        try {
            acceptor.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
