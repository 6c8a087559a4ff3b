package org.lodestone.hw.gpio;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;

/**
 * The far end of the GPIO bus: the simulated wiring of the unit, to be embedded in the virtual
 * scanner. It holds the input levels its owner sets ({@link #setInput}) and pushes every change
 * to the connected consoles at once, on the caller's thread; it records the output levels the
 * consoles drive, with timestamps. Levels are electrical (true = high): pin polarity is the
 * console's business ({@link GpioConfig#highWhen}).
 */
public final class GpioBusServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(GpioBusServer.class);
    public static final int HISTORY_CAPACITY = 4096;

    /**
     * An output level change seen on the bus.
     * @param nanoTime {@link System#nanoTime()} when the line was read, for latency measurements
     */
    public record OutputChange(String name, boolean high, long nanoTime, Instant at) {
    }

    private final ServerSocket serverSocket;
    private final Thread acceptor;
    private final List<Client> clients = new CopyOnWriteArrayList<>();
    private final Map<String, Boolean> inputs = new LinkedHashMap<>();   // guarded by inputs
    private final Map<String, OutputChange> outputs = new LinkedHashMap<>(); // guarded by outputs
    private final Deque<OutputChange> history = new ArrayDeque<>();     // guarded by outputs
    private final List<java.util.function.Consumer<OutputChange>> outputListeners = new CopyOnWriteArrayList<>();
    private final List<java.util.function.IntConsumer> clientListeners = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    private GpioBusServer(ServerSocket ss) {
        this.serverSocket = ss;
        this.acceptor = Thread.ofPlatform().daemon().name("gpio-bus-accept").unstarted(this::acceptLoop);
    }

    /** Listens on loopback; port 0 picks a free one. */
    public static GpioBusServer start(int port) throws IOException {
        return start(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    }

    public static GpioBusServer start(InetSocketAddress bind) throws IOException {
        ServerSocket ss = new ServerSocket();
        ss.setReuseAddress(true);
        ss.bind(bind);
        GpioBusServer s = new GpioBusServer(ss);
        s.acceptor.start();
        return s;
    }

    public int port() {
        return serverSocket.getLocalPort();
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) serverSocket.getLocalSocketAddress();
    }

    public int clientCount() {
        return clients.size();
    }

    /** Sets a simulated input level and pushes it to every console before returning. */
    public void setInput(String name, boolean high) {
        BusLine line = BusLine.in(name, high);
        synchronized (inputs) {
            Boolean before = inputs.put(name, high);
            if (before != null && before == high) return;
            byte[] bytes = line.bytes();
            for (Client c : clients) c.send(bytes);
        }
    }

    public Optional<Boolean> input(String name) {
        synchronized (inputs) {
            return Optional.ofNullable(inputs.get(name));
        }
    }

    /**
     * Calls {@code l} with every output level change, on the bus reader thread, after it is
     * recorded: how the simulated amplifiers see the console's enables.
     */
    public void onOutputChange(java.util.function.Consumer<OutputChange> l) {
        outputListeners.add(l);
    }

    /**
     * Calls {@code l} with the number of consoles on the bus after each connects or goes: the wiring learns that
     * a console's output lines are no longer driven (a knocked connector).
     */
    public void onClientsChanged(java.util.function.IntConsumer l) {
        clientListeners.add(l);
    }

    /** Breaks every console's connection and keeps listening, as a knocked bus connector would (tests). */
    public void dropClients(String why) {
        for (Client c : clients) c.drop(why);
    }

    private void clientsChanged() {
        int n = clients.size();
        for (var l : clientListeners) {
            try {
                l.accept(n);
            } catch (RuntimeException e) {
                log.warn("GPIO bus: client listener failed: {}", e.toString());
            }
        }
    }

    /** The level a console last drove on an output, if any. */
    public Optional<Boolean> output(String name) {
        synchronized (outputs) {
            return Optional.ofNullable(outputs.get(name)).map(OutputChange::high);
        }
    }

    /** Output level changes, oldest first (the last {@value #HISTORY_CAPACITY}). */
    public List<OutputChange> outputHistory() {
        synchronized (outputs) {
            return List.copyOf(history);
        }
    }

    /**
     * Waits until the output is at {@code high} and returns the change that put it there
     * (at once if it already is).
     */
    public OutputChange awaitOutput(String name, boolean high, Duration timeout) throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (outputs) {
            while (true) {
                OutputChange c = outputs.get(name);
                if (c != null && c.high() == high) return c;
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new TimeoutException(name + " did not go " + (high ? "high" : "low") + " within " + timeout
                            + " (now " + (c == null ? "never driven" : c.high() ? "high" : "low") + ")");
                }
                outputs.wait(Math.max(1, left / 1_000_000), 0);
            }
        }
    }

    private void acceptLoop() {
        while (!closed) {
            Socket s;
            try {
                s = serverSocket.accept();
            } catch (IOException e) {
                if (!closed) log.warn("GPIO bus stopped accepting: {}", e.toString());
                return;
            }
            try {
                s.setTcpNoDelay(true);
                Client c = new Client(s);
                synchronized (inputs) {
                    // Greeting and snapshot under the inputs lock, so no change slips in between.
                    c.send(BusLine.GREETING.concat("\n").getBytes(StandardCharsets.US_ASCII));
                    for (Map.Entry<String, Boolean> e : inputs.entrySet()) c.send(BusLine.in(e.getKey(), e.getValue()).bytes());
                    c.send((BusLine.READY + "\n").getBytes(StandardCharsets.US_ASCII));
                    clients.add(c);
                }
                c.reader.start();
                log.info("GPIO bus: console connected from {}", s.getRemoteSocketAddress());
                clientsChanged();
            } catch (IOException e) {
                log.warn("GPIO bus: could not take a connection: {}", e.toString());
                closeQuietly(s);
            }
        }
    }

    private void received(String line) {
        long now = System.nanoTime();
        BusLine l = BusLine.parse(line);
        if (l == null || !l.verb().equals("OUT")) {
            log.warn("GPIO bus: ignored line '{}'", line);
            return;
        }
        OutputChange c = new OutputChange(l.name(), l.high(), now, Instant.now());
        synchronized (outputs) {
            OutputChange before = outputs.get(l.name());
            if (before != null && before.high() == l.high()) return;
            outputs.put(l.name(), c);
            if (history.size() == HISTORY_CAPACITY) history.removeFirst();
            history.addLast(c);
            outputs.notifyAll();
        }
        for (var listener : outputListeners) {
            try {
                listener.accept(c);
            } catch (RuntimeException e) {
                log.warn("GPIO bus: output listener failed on {}: {}", c, e.toString());
            }
        }
    }

    private final class Client {
        final Socket socket;
        final OutputStream out;
        final Thread reader;

        Client(Socket socket) throws IOException {
            this.socket = socket;
            this.out = socket.getOutputStream();
            this.reader = Thread.ofPlatform().daemon().name("gpio-bus-client").unstarted(this::readLoop);
        }

        synchronized void send(byte[] bytes) {
            try {
                out.write(bytes);
                out.flush();
            } catch (IOException e) {
                drop("write failed: " + e.getMessage());
            }
        }

        void readLoop() {
            try {
                LineReader r = new LineReader(socket.getInputStream());
                String line;
                while ((line = r.readLine()) != null) received(line);
                drop("console disconnected");
            } catch (IOException e) {
                drop(e.getMessage());
            }
        }

        void drop(String why) {
            boolean removed = clients.remove(this);
            if (removed && !closed) log.info("GPIO bus: {} gone: {}", socket.getRemoteSocketAddress(), why);
            closeQuietly(socket);
            if (removed) clientsChanged();
        }
    }

    @Override
    public void close() {
        closed = true;
        closeQuietly(serverSocket);
        for (Client c : clients) c.drop("bus closed");
        try {
            acceptor.join(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(java.io.Closeable c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // closing: nothing left to save
        }
    }
}
