package org.lodestone.twin.launch;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A virtual scanner running as a child process, and the serial line or TCP port it serves. It can be
 * stopped, killed (SIGKILL), frozen and thawed (SIGSTOP/SIGCONT), and started again on the same port:
 * same pty path or same TCP port, so a console that reconnects finds it where it was.
 */
public final class RunningTwin implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RunningTwin.class);
    static final String HOST_LINK = "ttyHost";
    static final String DEVICE_LINK = "ttyDevice";
    private static final long START_TIMEOUT_MS = 60_000;

    private final TwinOptions options;
    private final Path dir;
    /** What the console opens: the pty's host path, or tcp:127.0.0.1:P. Fixed across restarts. */
    private final String portSpec;
    /** What the child serves: the pty's device path, or tcp:127.0.0.1:P. */
    private final String servedPort;
    // The child of the moment: replaced by restart(), so guarded by this.
    private PtyPair pty;
    private Process child;
    private ChildOutput output;
    private int gpioBusPort;

    private RunningTwin(TwinOptions options, Path dir, String portSpec, String servedPort, PtyPair pty, Process child,
                        ChildOutput output, int gpioBusPort) {
        this.options = options;
        this.dir = dir;
        this.portSpec = portSpec;
        this.servedPort = servedPort;
        this.pty = pty;
        this.child = child;
        this.output = output;
        this.gpioBusPort = gpioBusPort;
    }

    static RunningTwin start(TwinOptions options, Path dir) throws IOException {
        if (options.link() == TwinOptions.Link.TCP) {
            Started s = launch(options, "tcp:127.0.0.1:0", 0);
            // the ready line says which port it bound: tcp:127.0.0.1:P
            String port = s.servedOn();
            return new RunningTwin(options, dir, port, port, null, s.process(), s.output(), s.gpioPort());
        }
        PtyPair pty = PtyPair.open(dir.resolve(HOST_LINK), dir.resolve(DEVICE_LINK));
        try {
            Started s = launch(options, pty.device().toString(), 0);
            return new RunningTwin(options, dir, pty.host().toString(), pty.device().toString(), pty, s.process(), s.output(), s.gpioPort());
        } catch (IOException | RuntimeException e) {
            pty.close();
            throw e;
        }
    }

    private record Started(Process process, ChildOutput output, String servedOn, int gpioPort) {
    }

    private static Started launch(TwinOptions options, String port, int gpioPort) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.add("--enable-native-access=ALL-UNNAMED");
        if (options.maxHeapMb() > 0) cmd.add("-Xmx" + options.maxHeapMb() + "m");
        cmd.add("-Dlodestone.log.name=simulator");
        // Its INFO lines come back on the pipe: kept in recentOutput() and in this process's log at debug.
        cmd.add("-Dlodestone.console.level=INFO");
        String data = System.getProperty("lodestone.data");
        if (data != null) cmd.add("-Dlodestone.data=" + data);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(org.lodestone.twin.SimulatorCommand.class.getName());
        cmd.addAll(options.simulatorArgs(port, gpioPort));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        ChildOutput out = ChildOutput.follow(p);
        String servedOn = out.awaitReady(START_TIMEOUT_MS);
        int bus = options.gpioBus() ? out.gpioPort() : -1;
        if (servedOn == null || (options.gpioBus() && bus < 0)) {
            p.destroyForcibly();
            String said = String.join(" | ", out.recent());
            throw new IOException("the virtual scanner did not start" + (said.isEmpty() ? "" : ": " + said));
        }
        log.info("Virtual scanner (pid {}) on {}{}", p.pid(), servedOn, bus < 0 ? "" : ", GPIO bus on port " + bus);
        return new Started(p, out, servedOn, bus);
    }

    /** What the console opens: a serial device path, or {@code tcp:127.0.0.1:PORT}. */
    public String portSpec() {
        return portSpec;
    }

    /** The serial device the console opens; null on TCP. */
    public Path hostPort() {
        return options.link() == TwinOptions.Link.PTY ? Path.of(portSpec) : null;
    }

    /** The serial device the child serves (the pty's other end); null on TCP. */
    public Path devicePort() {
        return options.link() == TwinOptions.Link.PTY ? Path.of(servedPort) : null;
    }

    public TwinOptions options() {
        return options;
    }

    /** The loopback port of the twin's GPIO bus, or -1 if it serves none. */
    public synchronized int gpioBusPort() {
        return gpioBusPort;
    }

    /** The child of the moment (a new one after {@link #restart()}). */
    public synchronized Process process() {
        return child;
    }

    /** The child's most recent output lines (its log), oldest first: for diagnostics. */
    public synchronized List<String> recentOutput() {
        return output.recent();
    }

    /** The first recent output line that contains {@code text}, waiting up to {@code timeout} for it. */
    public Optional<String> awaitOutput(String text, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (String line : recentOutput()) if (line.contains(text)) return Optional.of(line);
            if (System.nanoTime() > end) return Optional.empty();
            Thread.sleep(20);
        }
    }

    /**
     * Unplugs the serial line and plugs it back after {@code gapMs}: the pty pair ends (both device nodes vanish,
     * as when a USB adapter is pulled) and is made again at the same paths; the child keeps running. PTY only.
     */
    public void replugSerialLine(long gapMs) throws IOException, InterruptedException {
        PtyPair old;
        synchronized (this) {
            if (pty == null) throw new IllegalStateException("a TCP twin has no serial line");
            old = pty;
            old.close();
            Files.deleteIfExists(old.host());
            Files.deleteIfExists(old.device());
        }
        Thread.sleep(gapMs);
        synchronized (this) {
            pty = PtyPair.open(old.host(), old.device());
        }
    }

    /** Ends the child the polite way (SIGTERM: it gates RF and gradients off), SIGKILL after 3 s. The port stays. */
    public synchronized void stop() {
        Process p = child;
        p.destroy();
        try {
            if (!p.waitFor(3, TimeUnit.SECONDS)) p.destroyForcibly();
            p.waitFor(3, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** SIGKILL: the unit loses power. The port stays (a pty pair may go with it: socat sees its end close). */
    public synchronized void kill() {
        Process p = child;
        p.destroyForcibly();
        try {
            p.waitFor(3, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** SIGSTOP: the unit goes quiet (no replies, no heartbeats answered) without closing anything. */
    public synchronized void suspend() throws IOException {
        signal("STOP");
    }

    /** SIGCONT after {@link #suspend()}. */
    public synchronized void resume() throws IOException {
        signal("CONT");
    }

    private void signal(String name) throws IOException {
        // the shell's own kill: Java cannot send SIGSTOP/SIGCONT, and /bin/sh is on every machine (procps may not be)
        Process k = new ProcessBuilder("sh", "-c", "kill -" + name + " \"$1\"", "sh", Long.toString(child.pid()))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            if (!k.waitFor(5, TimeUnit.SECONDS) || k.exitValue() != 0) throw new IOException("kill -" + name + " " + child.pid() + " failed");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
    }

    /**
     * Stops the child if it still runs and starts a new one on the same port (same options, same seed, same GPIO
     * bus port): the pty pair is made again at the same paths (the console sees its device vanish and come back,
     * as when a unit is power-cycled), a TCP twin binds the same port.
     */
    public synchronized void restart() throws IOException {
        if (child.isAlive()) stop();
        int bus = options.gpioBus() ? Math.max(gpioBusPort, 0) : 0;
        if (pty != null) {
            // socat ends when the child's side closes, some time after the child: make the pair again, always
            pty.close();
            pty = PtyPair.open(pty.host(), pty.device());
        }
        Started s = launch(options, servedPort, bus);
        child = s.process();
        output = s.output();
        gpioBusPort = s.gpioPort();
    }

    @Override
    public synchronized void close() {
        if (child.isAlive()) {
            try {
                resume(); // a frozen child cannot act on SIGTERM
            } catch (IOException ignored) {
                // it is killed below anyway
            }
            stop();
        }
        if (pty != null) pty.close();
        TwinLauncher.deleteQuietly(dir);
    }
}
