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
 * guard treats as unsafe.
 */
final class GpioBusClient implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(GpioBusClient.class);

    private final Socket socket;
    private final OutputStream out;
    private final LineReader lines;
    private final String address;
    private final Map<String, DigitalState> levels = new ConcurrentHashMap<>();
    private final Map<String, Consumer<DigitalState>> sinks = new ConcurrentHashMap<>();
    private final Thread reader;
    private volatile boolean closed;

    private GpioBusClient(Socket socket) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.lines = new LineReader(socket.getInputStream());
        this.address = socket.getRemoteSocketAddress().toString();
        this.reader = Thread.ofPlatform().daemon().name("gpio-bus-reader").unstarted(this::readLoop);
    }

    /** Connects and waits for the server's snapshot of inputs, so levels are known before any pin is created. */
    static GpioBusClient connect(String host, int port, Duration timeout) throws IOException {
        Socket s = new Socket();
        try {
            s.setTcpNoDelay(true);
            s.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
            s.setSoTimeout((int) timeout.toMillis());
            GpioBusClient c = new GpioBusClient(s);
            c.handshake();
            s.setSoTimeout(0); // the reader blocks until a change comes; close() unblocks it
            c.reader.start();
            return c;
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
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

    void sendOutput(String name, boolean high) throws IOException {
        if (closed) throw new IOException("GPIO bus to " + address + " is closed");
        byte[] bytes = BusLine.out(name, high).bytes();
        synchronized (out) {
            out.write(bytes);
            out.flush();
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
        closed = true;
        log.error("GPIO bus to {} lost ({}): every input is now UNKNOWN", address, why);
        for (String name : levels.keySet()) levels.put(name, DigitalState.UNKNOWN);
        sinks.forEach((name, sink) -> sink.accept(DigitalState.UNKNOWN));
    }

    @Override
    public void close() {
        closed = true;
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing: nothing left to save
        }
        if (Thread.currentThread() != reader) {
            try {
                reader.join(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
