package org.lodestone.console.unit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A virtual scanner in a child process on the far end of a pseudo-terminal pair made by socat,
 * so the console talks to it through a real serial line exactly as it would to the unit.
 */
public final class VirtualScannerProcess implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(VirtualScannerProcess.class);
    private static final String READY = "virtual scanner ready";
    /** Same text as SimulatorCommand.GPIO_BUS_ANNOUNCEMENT; the console knows the twin only by what it prints. */
    private static final String GPIO_BUS = "virtual scanner gpio bus on port ";
    private static final int OUTPUT_KEPT = 2000;

    /**
     * Options passed to the child.
     * @param gpioBus    serve the room's interlock wiring on a GPIO bus (free loopback port) for the console's GPIO
     * @param gpioConfig pin map and polarity of that wiring (null: built-in), the same file the console reads
     * @param script     the twin's event script (door, stop, faults at twin times), or null
     * @param programMemoryBytes the board's program memory (--program-memory), 0 for the twin's default
     * @param phantom    the object in the twin's bore (head, geometry, uniform), or null for the twin's default
     */
    public record Options(long seed, double speed, Path truthDir, boolean gpioBus, Path gpioConfig, Path script,
                          long programMemoryBytes, String phantom) {
        public static final Options DEFAULT = new Options(1, 1.0, null);

        public Options(long seed, double speed, Path truthDir, boolean gpioBus, Path gpioConfig, Path script) {
            this(seed, speed, truthDir, gpioBus, gpioConfig, script, 0, null);
        }

        /** A unit with a smaller board: programs longer than its memory are streamed. */
        public Options withProgramMemory(long bytes) {
            return new Options(seed, speed, truthDir, gpioBus, gpioConfig, script, bytes, phantom);
        }

        public Options(long seed, double speed, Path truthDir) {
            this(seed, speed, truthDir, true, null, null);
        }

        public Options withScript(Path file) {
            return new Options(seed, speed, truthDir, gpioBus, gpioConfig, file, programMemoryBytes, phantom);
        }

        public Options withGpio(boolean bus, Path config) {
            return new Options(seed, speed, truthDir, bus, config, script, programMemoryBytes, phantom);
        }

        public Options withPhantom(String name) {
            return new Options(seed, speed, truthDir, gpioBus, gpioConfig, script, programMemoryBytes, name);
        }
    }

    private final Path dir;
    private final Process socat;
    private final Process simulator;
    private final Path hostPort;
    private final int gpioBusPort;
    private final Deque<String> output;

    private VirtualScannerProcess(Path dir, Process socat, Process simulator, Path hostPort, int gpioBusPort, Deque<String> output) {
        this.dir = dir;
        this.socat = socat;
        this.simulator = simulator;
        this.hostPort = hostPort;
        this.gpioBusPort = gpioBusPort;
        this.output = output;
    }

    /** The loopback port of the twin's GPIO bus, or -1 if it serves none. */
    public int gpioBusPort() {
        return gpioBusPort;
    }

    /** The child's most recent output lines (its log), oldest first: for diagnostics. */
    public List<String> recentOutput() {
        synchronized (output) {
            return List.copyOf(output);
        }
    }

    /** The serial device the console opens. */
    public Path hostPort() {
        return hostPort;
    }

    public Process process() {
        return simulator;
    }

    public static VirtualScannerProcess start(Options options) throws IOException {
        Path dir = Files.createTempDirectory("lodestone-vs-");
        Path host = dir.resolve("ttyHost");
        Path device = dir.resolve("ttyDevice");
        Process socat;
        try {
            socat = new ProcessBuilder("socat",
                    "pty,raw,echo=0,link=" + host, "pty,raw,echo=0,link=" + device)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new IOException("cannot start socat to make the serial line to the virtual scanner ("
                    + e.getMessage() + "); install it with: apt-get install socat");
        }
        try {
            waitFor(() -> Files.exists(host) && Files.exists(device), 5000, "socat did not create the pty pair");
            List<String> cmd = new ArrayList<>();
            cmd.add(ProcessHandle.current().info().command().orElse("java"));
            cmd.add("--enable-native-access=ALL-UNNAMED");
            cmd.add("-Dlodestone.log.name=simulator");
            // Its INFO lines come back on the pipe: kept in recentOutput() and in this console's log at debug.
            cmd.add("-Dlodestone.console.level=INFO");
            String data = System.getProperty("lodestone.data");
            if (data != null) cmd.add("-Dlodestone.data=" + data);
            cmd.add("-cp");
            cmd.add(System.getProperty("java.class.path"));
            cmd.add("org.lodestone.twin.SimulatorCommand");
            cmd.add("--port");
            cmd.add(device.toString());
            cmd.add("--seed");
            cmd.add(Long.toString(options.seed()));
            cmd.add("--speed");
            cmd.add(Double.toString(options.speed()));
            if (options.phantom() != null) {
                cmd.add("--phantom");
                cmd.add(options.phantom());
            }
            if (options.truthDir() != null) {
                cmd.add("--truth");
                cmd.add(options.truthDir().toAbsolutePath().toString());
            }
            if (options.gpioBus()) {
                // A free port each time, like the pty path: parallel twins must not collide.
                cmd.add("--gpio-port");
                cmd.add("0");
                if (options.gpioConfig() != null) {
                    cmd.add("--gpio-config");
                    cmd.add(options.gpioConfig().toAbsolutePath().toString());
                }
            }
            if (options.script() != null) {
                cmd.add("--script");
                cmd.add(options.script().toAbsolutePath().toString());
            }
            if (options.programMemoryBytes() > 0) {
                cmd.add("--program-memory");
                cmd.add(Long.toString(options.programMemoryBytes()));
            }
            Process sim = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            CompletableFuture<Boolean> ready = new CompletableFuture<>();
            CompletableFuture<Integer> gpioPort = new CompletableFuture<>();
            Deque<String> output = new ArrayDeque<>();
            Thread.ofPlatform().daemon().name("simulator-output").start(() -> pump(sim, ready, gpioPort, output));
            boolean ok;
            try {
                ok = ready.get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                ok = false;
            }
            int busPort = options.gpioBus() ? gpioPort.getNow(-1) : -1;
            if (!ok || (options.gpioBus() && busPort < 0)) {
                sim.destroyForcibly();
                String said;
                synchronized (output) {
                    said = String.join(" | ", output);
                }
                throw new IOException("the virtual scanner did not start" + (said.isEmpty() ? "" : ": " + said));
            }
            log.info("Virtual scanner (pid {}) on {}{}", sim.pid(), device, busPort < 0 ? "" : ", GPIO bus on port " + busPort);
            return new VirtualScannerProcess(dir, socat, sim, host, busPort, output);
        } catch (IOException | RuntimeException e) {
            socat.destroyForcibly();
            throw e;
        }
    }

    private static void pump(Process sim, CompletableFuture<Boolean> ready, CompletableFuture<Integer> gpioPort, Deque<String> output) {
        Logger simLog = LoggerFactory.getLogger("simulator");
        try (BufferedReader r = new BufferedReader(new InputStreamReader(sim.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                synchronized (output) {
                    if (output.size() == OUTPUT_KEPT) output.removeFirst();
                    output.addLast(line);
                }
                int bus = line.indexOf(GPIO_BUS);
                if (bus >= 0 && !gpioPort.isDone()) {
                    try {
                        gpioPort.complete(Integer.parseInt(line.substring(bus + GPIO_BUS.length()).trim()));
                    } catch (NumberFormatException e) {
                        log.warn("Virtual scanner announced an unreadable GPIO bus port: {}", line);
                    }
                }
                if (!ready.isDone() && line.contains(READY)) ready.complete(true);
                simLog.debug("{}", line);
            }
        } catch (IOException e) {
            // the child went away; its exit is noticed by the session
        }
        ready.complete(false);
    }

    private static void waitFor(java.util.function.BooleanSupplier cond, long ms, String failure) throws IOException {
        long end = System.nanoTime() + ms * 1_000_000;
        while (!cond.getAsBoolean()) {
            if (System.nanoTime() > end) throw new IOException(failure);
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted");
            }
        }
    }

    @Override
    public void close() {
        simulator.destroy();
        try {
            if (!simulator.waitFor(3, TimeUnit.SECONDS)) simulator.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        socat.destroy();
        try {
            Files.deleteIfExists(dir.resolve("ttyHost"));
            Files.deleteIfExists(dir.resolve("ttyDevice"));
            Files.deleteIfExists(dir);
        } catch (IOException ignored) {
            // a temp dir left behind is harmless
        }
    }
}
