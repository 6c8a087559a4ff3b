package org.lodestone.scan.unit;

import org.lodestone.hw.link.PortSpec;
import org.lodestone.hw.link.SerialTransport;
import org.lodestone.hw.link.Transport;
import org.lodestone.hw.session.DeviceException;
import org.lodestone.hw.session.ScannerSession;
import org.lodestone.hw.wire.Message.Capabilities;
import org.lodestone.seq.limits.UnitProfile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.pi4j.context.Context;
import org.lodestone.hw.gpio.ArmRefused;
import org.lodestone.hw.gpio.Armed;
import org.lodestone.hw.gpio.GpioConfig;
import org.lodestone.hw.gpio.InterlockEvent;
import org.lodestone.hw.gpio.InterlockGuard;
import org.lodestone.hw.gpio.Pi4jContexts;
import org.lodestone.hw.gpio.UnitGpio;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * An open, greeted connection to one unit on a serial device or TCP address, with its interlock
 * GPIO. Whoever started the unit (a console starting a twin) hands its lifetime over with
 * {@link #onClose} and {@link #declareLostWhen}. Everything above this sees only the session.
 */
public final class UnitConnection implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(UnitConnection.class);

    private static final Logger audit = LoggerFactory.getLogger("audit");

    /** Replaced when the supervisor reconnects; read it anew for each task. */
    private volatile ScannerSession session;
    private volatile Capabilities capabilities;
    private UnitSupervisor supervisor;
    private final String port;
    private final Interlocks interlocks;
    private final List<Consumer<InterlockEvent>> tripListeners = new CopyOnWriteArrayList<>();
    private final List<AutoCloseable> closeAfter = new CopyOnWriteArrayList<>();
    /** The operator said --gpio none: arming without interlocks is allowed (and logged each time). */
    private final boolean noInterlocksAllowed;

    private UnitConnection(ScannerSession session, Capabilities caps, String port, GpioParts gpio, boolean noInterlocksAllowed) {
        this.noInterlocksAllowed = noInterlocksAllowed;
        this.session = session;
        this.capabilities = caps;
        this.port = port;
        this.interlocks = gpio == null ? null : new Interlocks(gpio.context(), gpio.gpio(), new InterlockGuard(gpio.gpio(), this::onInterlock));
    }

    /** The unit's GPIO while open: Pi4J context, pins, and the guard over them. */
    private record Interlocks(Context context, UnitGpio gpio, InterlockGuard guard) {
    }

    private record GpioParts(Context context, UnitGpio gpio) {
    }

    /**
     * Where the interlock GPIO is. {@code option}: {@code pi}, {@code virtual[:[HOST:]PORT]},
     * {@code none}, or null for none.
     * {@code config}: pin map and polarity file, null for the built-in map.
     */
    public record GpioSetup(String option, Path config) {
        public static final GpioSetup DEFAULT = new GpioSetup(null, null);
        /** No interlock GPIO, on purpose: {@link #arm} then arms with nothing watched. */
        public static final GpioSetup NONE = new GpioSetup("none", null);
    }

    /**
     * @param port a serial device or tcp:host:port
     * @param gpio where the interlocks and amplifier enables are
     */
    public static UnitConnection open(String port, GpioSetup gpio) throws IOException, DeviceException {
        GpioConfig pinMap;
        try {
            pinMap = gpio.config() == null ? GpioConfig.defaults() : GpioConfig.load(gpio.config());
        } catch (IllegalArgumentException e) {
            throw new IOException("GPIO configuration " + gpio.config() + ": " + e.getMessage());
        }
        boolean none = gpio.option() == null || "none".equals(gpio.option());
        Transport t;
        try {
            t = PortSpec.parse(port).connect(SerialTransport.Settings.DEFAULT);
        } catch (IOException | IllegalArgumentException e) {
            throw new IOException("cannot open the unit on " + port + ": " + e.getMessage());
        }
        ScannerSession s = ScannerSession.open(t);
        try {
            Capabilities caps = s.hello(hostName());
            log.info("Connected to {} ({}) on {}: {} T, {} channels", caps.model(), caps.firmware(), port,
                    caps.fieldTesla(), caps.receiveChannels());
            GpioParts parts = none ? null : openGpio(gpio.option(), pinMap);
            if (none) log.warn("No GPIO interlocks (--gpio none or --port without --gpio): the console cannot see door, stop or amplifier faults");
            UnitConnection unit = new UnitConnection(s, caps, port, parts, "none".equals(gpio.option()));
            unit.supervisor = new UnitSupervisor(unit, () -> greet(port), UnitSupervisor.Timing.DEFAULT).start();
            return unit;
        } catch (DeviceException | IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    /** A new link to the same device path or TCP address, greeted (HELLO, capabilities); closed again if that fails. */
    private static UnitSupervisor.Connected greet(String port) throws IOException, DeviceException {
        Transport t = PortSpec.parse(port).connect(SerialTransport.Settings.DEFAULT);
        ScannerSession s = ScannerSession.open(t);
        try {
            return new UnitSupervisor.Connected(s, s.hello(hostName()));
        } catch (DeviceException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    /** The supervisor's new session after a reconnection. */
    void replaceSession(ScannerSession s, Capabilities caps) {
        capabilities = caps;
        session = s;
    }

    /** Connected, not responding (reconnecting by itself), or closed. */
    public UnitState state() {
        return supervisor.state();
    }

    /** {@code l} hears every change of {@link #state()} (on the supervisor's thread; keep it short). */
    public void addStateListener(Consumer<UnitState> l) {
        supervisor.addListener(l);
    }

    public void removeStateListener(Consumer<UnitState> l) {
        supervisor.removeListener(l);
    }

    /** {@code resource} is closed after the link (e.g. the process serving the unit). */
    public void onClose(AutoCloseable resource) {
        closeAfter.add(resource);
    }

    /**
     * When {@code ended} completes (e.g. the child serving the unit exited), the unit is lost with
     * that reason: what a pulled cable is for a board, so nobody waits for it any longer.
     */
    public void declareLostWhen(CompletableFuture<String> ended) {
        ended.thenAccept(reason -> session.declareLost(reason));
    }

    /** The same code for the unit's board (pi) and the virtual bus: only the Pi4J context differs. */
    private static GpioParts openGpio(String option, GpioConfig pinMap) throws IOException {
        Context ctx;
        try {
            ctx = Pi4jContexts.forMachine(option);
        } catch (IOException | RuntimeException e) {
            throw new IOException("cannot open the interlock GPIO (--gpio " + option + "): " + e.getMessage());
        }
        try {
            UnitGpio g = new UnitGpio(ctx, pinMap);
            log.info("Interlock GPIO on {}: {}", option, g.unsafeInputs().isEmpty() ? "all safe" : "unsafe: " + g.unsafeInputs());
            return new GpioParts(ctx, g);
        } catch (RuntimeException e) {
            ctx.shutdown();
            throw new IOException("cannot set up the interlock GPIO pins: " + e.getMessage());
        }
    }

    /**
     * On the thread that delivered the edge, after the guard dropped the enables: tell whoever runs
     * the scan (a few microseconds, and first, so the unit's DONE can never overtake the news),
     * ABORT on the wire (it leaves at once; the session repeats it until acknowledged), then audit.
     */
    private void onInterlock(InterlockEvent e) {
        for (Consumer<InterlockEvent> l : tripListeners) l.accept(e);
        session.interlockTripped(e); // the running program hears it, then ABORT leaves
        audit.warn("action=interlock input={} time={} detail={}", e.input(), e.time(), e.detail());
    }

    /**
     * Arms the unit for a program that plays RF or gradients: every path that plays one (scan,
     * prescan, frequency search, every calibration routine) goes through here and closes the handle
     * when it is done. Without interlock GPIO it arms only if the operator chose {@code --gpio none}.
     * @throws ArmRefused naming the unsafe input (e.g. "cannot arm for scan: door open"), or saying that no GPIO is set up
     */
    public Armed arm() throws ArmRefused {
        if (interlocks != null) return interlocks.guard().arm();
        if (!noInterlocksAllowed) {
            throw new ArmRefused("no interlock GPIO is set up for the unit: give --gpio pi or --gpio virtual:[HOST:]PORT, or --gpio none to run without interlocks");
        }
        log.warn("Armed without interlocks (--gpio none): door, stop and amplifier faults are not watched");
        audit.warn("action=arm-without-interlocks port={}", port);
        return Armed.withoutInterlocks("--gpio none: no interlocks watched");
    }

    /** The interlock guard, or empty when the console runs without GPIO. */
    public Optional<InterlockGuard> interlocks() {
        return Optional.ofNullable(interlocks).map(Interlocks::guard);
    }

    /** {@code l} hears every interlock trip (on the GPIO thread; keep it short). */
    public void addInterlockListener(Consumer<InterlockEvent> l) {
        tripListeners.add(l);
    }

    public void removeInterlockListener(Consumer<InterlockEvent> l) {
        tripListeners.remove(l);
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "lodestone-console";
        }
    }

    public ScannerSession session() {
        return session;
    }

    public Capabilities capabilities() {
        return capabilities;
    }

    public UnitProfile profile() {
        return UnitProfile.from(capabilities.limits());
    }

    public String port() {
        return port;
    }

    /** The unit is a digital twin (it says so in its firmware string), not a magnet. */
    public boolean isVirtual() {
        return capabilities.firmware().startsWith("lodestone-twin");
    }

    @Override
    public void close() {
        if (supervisor != null) supervisor.close();
        if (interlocks != null) {
            // Enables down before the link goes: the unit is left safe whatever happens next.
            try {
                interlocks.guard().close();
                interlocks.gpio().close();
            } catch (RuntimeException e) {
                log.error("Closing the interlock GPIO: {}", e.getMessage());
            } finally {
                interlocks.context().shutdown();
            }
        }
        session.close();
        for (AutoCloseable c : closeAfter) {
            try {
                c.close();
            } catch (Exception e) {
                log.error("Closing {} after the unit: {}", c, e.getMessage());
            }
        }
    }
}
