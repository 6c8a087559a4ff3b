package org.lodestone.twin;

import org.lodestone.hw.link.ReconnectingTransport;
import org.lodestone.hw.link.SerialTransport;
import org.lodestone.hw.link.Transport;
import org.lodestone.hw.link.TcpTransport;
import org.lodestone.twin.device.DeviceServer;
import org.lodestone.twin.device.GpioWiring;
import org.lodestone.twin.device.TwinCapabilities;
import org.lodestone.twin.phantom.Phantom;
import org.lodestone.twin.physics.HiddenParameters;
import org.lodestone.twin.physics.ScannerModel;
import org.lodestone.twin.script.EventScript;
import org.lodestone.twin.truth.TruthWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * The virtual scanner as a program: serves the sequencer protocol on a serial device or a TCP
 * port, backed by the Bloch-simulated twin.
 */
@Command(name = "simulator", mixinStandardHelpOptions = true, version = "lodestone-twin 0.1",
        description = "Virtual permanent-magnet MRI unit: the device side of the Lodestone sequencer protocol.")
public final class SimulatorCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(SimulatorCommand.class);
    /** Printed with the GPIO bus port, for whoever started this process. */
    public static final String GPIO_BUS_ANNOUNCEMENT = "virtual scanner gpio bus on port ";
    /** Printed, with where it serves, once it listens: the launcher waits for it. */
    public static final String READY_ANNOUNCEMENT = "virtual scanner ready on ";

    @Option(names = "--port", required = true, paramLabel = "PATH|tcp:PORT",
            description = "Serial device to serve on (e.g. a pseudo-terminal), or tcp:PORT / tcp:HOST:PORT to listen on (tcp:0 = any free port).")
    String port;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the hidden unit parameters and the noise (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--truth", paramLabel = "DIR", description = "Write truth.json (hidden parameters) and, after each scan, truth.nii here.")
    Path truthDir;

    @Spec
    CommandSpec spec;

    double speed;

    @Option(names = "--speed", defaultValue = "1.0",
            description = "Pacing: 1 = real time, 2 = twice as fast, 0 = as fast as possible (default ${DEFAULT-VALUE}). Data do not depend on it.")
    void speed(double factor) {
        if (factor < 0 || Double.isNaN(factor)) throw new CommandLine.ParameterException(spec.commandLine(), "--speed must be ≥ 0");
        speed = factor;
    }

    @Option(names = "--resume-window-ms", defaultValue = "10000",
            description = "How long a scan paused by lost heartbeats waits to be resumed before it aborts (default ${DEFAULT-VALUE} ms).")
    long resumeWindowMs;

    @Option(names = "--heartbeat-timeout-ms", defaultValue = "200", description = "Watchdog window (default ${DEFAULT-VALUE} ms).")
    int heartbeatTimeoutMs;

    int programMemoryBytes;

    @Option(names = "--program-memory", paramLabel = "BYTES", defaultValue = "" + TwinCapabilities.DEFAULT_PROGRAM_MEMORY_BYTES,
            description = "The board's program memory, reported in CAPABILITIES; longer programs are streamed (default ${DEFAULT-VALUE}).")
    void programMemoryBytes(int bytes) {
        if (bytes < 1024) throw new CommandLine.ParameterException(spec.commandLine(), "--program-memory must be at least 1024 bytes");
        programMemoryBytes = bytes;
    }

    @Option(names = "--keep-listening", description = "TCP: accept the next host after one disconnects instead of exiting.")
    boolean keepListening;

    @Option(names = "--script", paramLabel = "FILE", description = "Event script (door, estop, ambient, link stall, sensor, fifo, amplifier events).")
    Path script;

    @Mixin
    MagnetOptions magnet;

    @Mixin
    ReceiveOptions receive;

    @Mixin
    PhantomOptions phantom;

    @Mixin
    GpioBusOptions gpioBus;

    private volatile DeviceServer server;
    private volatile ServerSocket serverSocket;
    private volatile boolean stopping;

    public static void main(String[] args) {
        System.exit(new CommandLine(new SimulatorCommand()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        EventScript events;
        HiddenParameters hidden;
        Phantom object;
        try {
            events = script == null ? EventScript.EMPTY : EventScript.read(script);
            hidden = magnet.hidden(seed).withReceiveCoils(receive.coils);
            object = phantom.placed();
        } catch (IllegalArgumentException | IOException e) {
            System.err.println("simulator: " + e.getMessage());
            return 2;
        }
        ScannerModel.Environment env = new ScannerModel.Environment(events.ambientChanges(), receive.interference());
        try (ScannerModel model = new ScannerModel(hidden, object, ScannerModel.DEFAULT_NOISE_STD,
                Math.min(2, Runtime.getRuntime().availableProcessors()), env)) {
            TruthWriter truth = null;
            if (truthDir != null) truth = new TruthWriter(truthDir);
            log.info("Twin seed {}: true Larmor {} Hz (nominal {} Hz), RF scale {}", seed,
                    String.format("%.1f", model.hidden().trueLarmorHz()), String.format("%.1f", model.hidden().nominalLarmorHz()),
                    String.format("%.4f", model.hidden().rfScale()));
            if (receive.emi) log.info("EMI on: channel {} is the reference antenna", model.emi().referenceChannel());
            server = new DeviceServer(model, new DeviceServer.Options(heartbeatTimeoutMs, speed, events, resumeWindowMs), truth,
                    programMemoryBytes);
            try (GpioWiring wiring = gpioBus.start()) {
                if (wiring != null) server.wire(wiring);
                Thread hook = Thread.ofPlatform().unstarted(this::onTerminate);
                Runtime.getRuntime().addShutdownHook(hook);
                return port.startsWith("tcp:") ? serveTcp() : serveSerial();
            }
        }
    }

    private void onTerminate() {
        stopping = true;
        log.info("Terminating: gating RF and gradients off");
        DeviceServer s = server;
        if (s != null) s.shutdown("terminated");
        ServerSocket ss = serverSocket;
        if (ss != null) {
            try {
                ss.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    private int serveTcp() throws IOException, InterruptedException {
        String rest = port.substring(4);
        int colon = rest.lastIndexOf(':');
        String host = colon < 0 ? "127.0.0.1" : rest.substring(0, colon);
        int p;
        try {
            p = Integer.parseInt(colon < 0 ? rest : rest.substring(colon + 1));
        } catch (NumberFormatException e) {
            System.err.println("simulator: '" + port + "' is not tcp:PORT or tcp:HOST:PORT");
            return 2;
        }
        try (ServerSocket ss = new ServerSocket()) {
            serverSocket = ss;
            ss.setReuseAddress(true);
            ss.bind(new InetSocketAddress(InetAddress.getByName(host), p), 1);
            String where = "tcp:" + (colon < 0 ? "" : host + ":") + ss.getLocalPort();
            System.out.println(READY_ANNOUNCEMENT + where);
            System.out.flush();
            while (!stopping) {
                Socket s;
                try {
                    s = ss.accept();
                } catch (IOException e) {
                    if (stopping) break;
                    throw e;
                }
                String reason = server.serve(new TcpTransport(s, 50));
                if (stopping || !keepListening) {
                    log.info("Host disconnected ({}); exiting", reason);
                    break;
                }
            }
        }
        return 0;
    }

    private int serveSerial() throws InterruptedException {
        Transport t;
        try {
            // Like a board's port: if the line's device node vanishes and comes back, serve on;
            // gone for a minute, it is not coming back.
            t = ReconnectingTransport.serial(port, SerialTransport.Settings.DEFAULT, 60_000);
        } catch (IOException e) {
            System.err.println("simulator: " + e.getMessage() + "; give a serial device that exists (e.g. one end of a socat pty pair) or tcp:PORT");
            return 2;
        }
        System.out.println(READY_ANNOUNCEMENT + port);
        System.out.flush();
        String reason = server.serve(t);
        if (stopping) return 0;
        System.err.println("simulator: serial port " + port + " is gone (" + reason + "); exiting");
        return 3;
    }
}
