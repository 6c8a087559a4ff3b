package org.lodestone.hw.gpio;

import com.pi4j.io.gpio.digital.DigitalState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The console's end of the GPIO bus. Its reader thread applies each pushed input level and hands
 * it straight to the Pi4J input registered under that name, so listeners run on this thread with
 * no queue in between. When the bus is lost every input becomes UNKNOWN, which the interlock
 * guard treats as unsafe (scan aborted, enables dropped, audited); the reader then reconnects,
 * and the server's snapshot on reconnection tells the guard the real levels again.
 */
final class GpioBusClient implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(GpioBusClient.class);
    /** First retry after a loss, doubling up to {@link #RECONNECT_MAX_MS}. */
    static final long RECONNECT_FIRST_MS = 50, RECONNECT_MAX_MS = 1000;

    private final Endpoint bus;
    private final String address;
    private final Object sendLock = new Object();
    private Socket socket;        // guarded by sendLock; replaced on reconnection
    private OutputStream out;     // guarded by sendLock; null while the bus is down
    private LineReader lines;     // the reader thread's
    private final Map<String, DigitalState> levels = new ConcurrentHashMap<>();
    private final Map<String, Consumer<DigitalState>> sinks = new ConcurrentHashMap<>();
    /** What this console last drove on each output, sent again after a reconnection. */
    private final Map<String, Boolean> driven = new ConcurrentHashMap<>();
    private final Thread reader;
    private volatile boolean closed;
    private volatile long reconnections;

    private GpioBusClient(Endpoint bus, Socket socket) throws IOException {
        this.bus = bus;
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.lines = new LineReader(socket.getInputStream());
        this.address = socket.getRemoteSocketAddress().toString();
        this.reader = Thread.ofPlatform().daemon().name("gpio-bus-reader").unstarted(this::readLoop);
    }

    /** Connects and waits for the server's snapshot of inputs, so levels are known before any pin is created. */
    static GpioBusClient connect(String host, int port, Duration timeout) throws IOException {
        Endpoint bus = new Endpoint(host, port, timeout);
        Socket s = bus.open();
        try {
            GpioBusClient c = new GpioBusClient(bus, s);
            c.handshake();
            s.setSoTimeout(0); // the reader blocks until a change comes; close() unblocks it
            c.reader.start();
            return c;
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    /** Where the bus is and how long connecting and the handshake may take: at start and after each loss. */
    private record Endpoint(String host, int port, Duration timeout) {
        Socket open() throws IOException {
            Socket s = new Socket();
            try {
                s.setTcpNoDelay(true);
                s.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
                s.setSoTimeout((int) timeout.toMillis());
                return s;
            } catch (IOException | RuntimeException e) {
                s.close();
                throw e;
            }
        }
    }

    private void handshake() throws IOException {
        try {
            String greeting = lines.readLine();
            if (!BusLine.GREETING.equals(greeting)) throw new IOException("not a GPIO bus at " + address + " (said " + greeting + ")");
            String line;
            while ((line = lines.readLine()) != null && !line.equals(BusLine.READY)) apply(line);
            if (line == null) throw new IOException("GPIO bus at " + address + " closed during the handshake");
        } catch (SocketTimeoutException e) {
            throw new IOException("GPIO bus at " + address + " did not finish its handshake", e);
        }
    }

    /** Times the bus was lost and found again. */
    long reconnections() {
        return reconnections;
    }

    String address() {
        return address;
    }

    DigitalState level(String name) {
        return levels.getOrDefault(name, DigitalState.UNKNOWN);
    }

    /** Routes pushed levels for {@code name} to {@code sink} (on the reader thread). */
    void attach(String name, Consumer<DigitalState> sink) {
        sinks.put(name, sink);
    }

    void detach(String name) {
        sinks.remove(name);
    }

    /**
     * Drives an output. While the bus is down a low level is only remembered (an undriven enable is off at the
     * amplifier, and it is sent on reconnection); a high one fails: nothing can be enabled over a lost bus.
     */
    void sendOutput(String name, boolean high) throws IOException {
        if (closed) throw new IOException("GPIO bus to " + address + " is closed");
        byte[] bytes = BusLine.out(name, high).bytes();
        synchronized (sendLock) {
            if (out == null) {
                if (high) throw new IOException("GPIO bus to " + address + " is down (reconnecting)");
                driven.put(name, false);
                return;
            }
            driven.put(name, high);
            try {
                out.write(bytes);
                out.flush();
            } catch (IOException e) {
                if (high) throw e;
                // low: remembered, and the bus's loss already reads as off at the amplifier
            }
        }
    }

    private void apply(String raw) {
        BusLine l = BusLine.parse(raw);
        if (l == null || !l.verb().equals("IN")) {
            log.warn("GPIO bus: ignored line '{}'", raw);
            return;
        }
        DigitalState s = l.high() ? DigitalState.HIGH : DigitalState.LOW;
        levels.put(l.name(), s);
        Consumer<DigitalState> sink = sinks.get(l.name());
        if (sink != null) sink.accept(s);
    }

    private void readLoop() {
        while (!closed) {
            String why = "closed by the bus";
            try {
                String line;
                while ((line = lines.readLine()) != null) apply(line);
            } catch (IOException e) {
                why = e.getMessage();
            } catch (RuntimeException e) {
                log.error("GPIO bus reader stopped by an unexpected error", e);
                why = e.toString();
            }
            if (closed) return;
            lost(why);
            if (!reconnect()) return;
        }
    }

    /** Every input becomes UNKNOWN: the guard goes safe before anything else happens. */
    private void lost(String why) {
        synchronized (sendLock) {
            out = null;
            closeQuietly(socket);
        }
        log.error("GPIO bus to {} lost ({}): every input is now UNKNOWN; reconnecting", address, why);
        for (String name : levels.keySet()) levels.put(name, DigitalState.UNKNOWN);
        sinks.forEach((name, sink) -> sink.accept(DigitalState.UNKNOWN));
    }

    /** Retries until connected (true) or closed (false); the snapshot then reaches the listeners. */
    private boolean reconnect() {
        long wait = RECONNECT_FIRST_MS;
        int attempts = 0;
        while (!closed) {
            try {
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                return false;
            }
            attempts++;
            Socket s = null;
            try {
                s = bus.open();
                lines = new LineReader(s.getInputStream());
                handshake(); // applies the snapshot: inputs known again
                s.setSoTimeout(0);
                synchronized (sendLock) {
                    if (closed) {
                        s.close();
                        return false;
                    }
                    socket = s;
                    out = s.getOutputStream();
                    for (Map.Entry<String, Boolean> d : driven.entrySet()) out.write(BusLine.out(d.getKey(), d.getValue()).bytes());
                    out.flush();
                }
                reconnections++;
                log.warn("GPIO bus to {} reconnected after {} attempt(s); inputs: {}", address, attempts, levels);
                return true;
            } catch (IOException | RuntimeException e) {
                if (s != null) closeQuietly(s);
                synchronized (sendLock) {
                    out = null;
                }
                if (attempts == 1 || attempts % 20 == 0) log.warn("GPIO bus to {}: reconnection failed ({}), retrying", address, e.getMessage());
                wait = Math.min(RECONNECT_MAX_MS, wait * 2);
            }
        }
        return false;
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // already gone
        }
    }

    @Override
    public void close() {
        closed = true;
        synchronized (sendLock) {
            closeQuietly(socket);
        }
        reader.interrupt(); // a reconnection wait ends at once
        if (Thread.currentThread() != reader) {
            try {
                reader.join(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
