package org.lodestone.remote.recon;

import org.lodestone.recon.image.ImageVolume;
import org.lodestone.recon.mrd.Acquisition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import javax.net.SocketFactory;
import javax.net.ssl.SSLSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One reconstruction on an MRD server, fed as the lines arrive: {@link #connect}, {@link #add}
 * each line, {@link #finish} for the image. Any failure (unreachable, refused, too slow, a TEXT
 * error) is a {@link RemoteReconException} whose message says why in one line, so the caller can
 * fall back to local reconstruction and record the reason.
 */
public final class RemoteRecon implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RemoteRecon.class);
    public static final String CONFIG = "lodestone-cartesian";

    private final String target;
    private final Socket socket;
    private final OutputStream out;
    private final Duration replyTimeout;

    private RemoteRecon(String target, Socket socket, Duration replyTimeout) throws IOException {
        this.target = target;
        this.socket = socket;
        this.out = new BufferedOutputStream(socket.getOutputStream(), 1 << 16);
        this.replyTimeout = replyTimeout;
    }

    /** Connects to {@code HOST:PORT} over plain TCP and sends the config and the XML header. */
    public static RemoteRecon connect(String hostPort, String xmlHeader, Duration connectTimeout, Duration replyTimeout)
            throws RemoteReconException {
        return connect(hostPort, SocketFactory.getDefault(), xmlHeader, connectTimeout, replyTimeout);
    }

    /** The same over sockets from {@code sockets} (an SSLSocketFactory for TLS). */
    public static RemoteRecon connect(String hostPort, SocketFactory sockets, String xmlHeader, Duration connectTimeout,
                                      Duration replyTimeout) throws RemoteReconException {
        checkHostPort(hostPort);
        int colon = hostPort.lastIndexOf(':');
        String host = hostPort.substring(0, colon);
        int port = Integer.parseInt(hostPort.substring(colon + 1));
        Socket s = null;
        try {
            s = sockets.createSocket();
            s.connect(new InetSocketAddress(host, port), (int) connectTimeout.toMillis());
            if (s instanceof SSLSocket tls) {
                // the server's certificate must name the host asked for, as HTTPS checks it
                var params = tls.getSSLParameters();
                params.setEndpointIdentificationAlgorithm("HTTPS");
                tls.setSSLParameters(params);
                tls.setSoTimeout((int) connectTimeout.toMillis());
                tls.startHandshake();
                tls.setSoTimeout(0);
            }
            RemoteRecon r = new RemoteRecon(hostPort, s, replyTimeout);
            MrdWire.writeConfigText(r.out, CONFIG);
            MrdWire.writeText(r.out, MrdWire.HEADER, xmlHeader);
            return r;
        } catch (IOException e) {
            if (s != null) closeQuietly(s);
            throw new RemoteReconException("recon server " + hostPort + " unreachable (" + e.getMessage() + ")", e);
        }
    }

    /** Refuses anything but {@code HOST:PORT} with a one-line reason (bad operator input). */
    public static void checkHostPort(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        if (colon <= 0) throw new IllegalArgumentException("the recon server must be given as HOST:PORT (got '" + hostPort + "')");
        try {
            int port = Integer.parseInt(hostPort.substring(colon + 1));
            if (port < 1 || port > 65535) throw new NumberFormatException();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the recon server port in '" + hostPort + "' is not a port number 1..65535");
        }
    }

    /** Sends what is buffered now (a line streamed during the scan should not wait for more). */
    public void flush() throws RemoteReconException {
        try {
            out.flush();
        } catch (IOException e) {
            throw new RemoteReconException("recon server " + target + " dropped the connection (" + e.getMessage() + ")", e);
        }
    }

    public void add(Acquisition a) throws RemoteReconException {
        try {
            MrdWire.writeAcquisition(out, a);
        } catch (IOException e) {
            throw new RemoteReconException("recon server " + target + " dropped the connection (" + e.getMessage() + ")", e);
        }
    }

    /** Sends close and reads the images back, within the reply timeout. */
    public ImageVolume finish() throws RemoteReconException {
        try {
            MrdWire.writeId(out, MrdWire.CLOSE);
            out.flush();
            socket.setSoTimeout((int) replyTimeout.toMillis());
            DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
            List<MrdWire.ImageSlice> slices = new ArrayList<>();
            String error = null;
            for (boolean closed = false; !closed; ) {
                int id = MrdWire.readId(in);
                switch (id) {
                    case MrdWire.IMAGE -> slices.add(MrdWire.readImage(in));
                    case MrdWire.TEXT -> error = MrdWire.readText(in);
                    case MrdWire.CLOSE -> closed = true;
                    default -> throw new IOException("unexpected message id " + id + " from the server");
                }
            }
            if (error != null) throw new RemoteReconException("recon server " + target + " said: " + error, null);
            if (slices.isEmpty()) throw new RemoteReconException("recon server " + target + " returned no image", null);
            return volume(slices);
        } catch (SocketTimeoutException e) {
            throw new RemoteReconException("recon server " + target + " gave no image within " + replyTimeout.toSeconds() + " s", e);
        } catch (IOException e) {
            throw new RemoteReconException("recon server " + target + " failed (" + e.getMessage() + ")", e);
        } finally {
            close();
        }
    }

    private static ImageVolume volume(List<MrdWire.ImageSlice> slices) {
        slices.sort(Comparator.comparingInt(MrdWire.ImageSlice::slice));
        MrdWire.ImageSlice first = slices.getFirst();
        int nx = first.nx(), ny = first.ny(), nz = slices.size();
        float[] data = new float[nx * ny * nz];
        for (int z = 0; z < nz; z++) {
            MrdWire.ImageSlice s = slices.get(z);
            if (s.nx() != nx || s.ny() != ny) throw new IllegalStateException("slices of different sizes");
            System.arraycopy(s.data(), 0, data, z * nx * ny, nx * ny);
        }
        // an MRD image header states its own slice's centre and the directions its pixels run (the server's volume's)
        return new ImageVolume(nx, ny, nz, data, first.fovMm()[0] / nx, first.fovMm()[1] / ny, first.fovMm()[2],
                d(first.position()), d(first.readDir()), d(first.phaseDir()), d(first.sliceDir()));
    }

    private static double[] d(float[] f) {
        return new double[]{f[0], f[1], f[2]};
    }

    @Override
    public void close() {
        closeQuietly(socket);
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            log.debug("closing recon socket: {}", e.toString());
        }
    }
}
