package org.lodestone.twin.device;

import org.lodestone.hw.gpio.GpioInput;
import org.lodestone.hw.gpio.GpioOutput;
import org.lodestone.hw.wire.EventCode;
import org.lodestone.hw.wire.Message.Event;
import org.lodestone.twin.script.EventScript;
import org.lodestone.twin.script.ScriptEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import static org.lodestone.twin.device.DeviceServer.GATING_BITS;
import static org.lodestone.twin.device.DeviceServer.INTERLOCK_DOOR;
import static org.lodestone.twin.device.DeviceServer.INTERLOCK_ESTOP;
import static org.lodestone.twin.device.DeviceServer.SENSOR_FAULT_AMBIENT;
import static org.lodestone.twin.device.DeviceServer.SENSOR_FAULT_MAGNET;
import static org.lodestone.twin.device.DeviceServer.SENSOR_FAULT_RF;

/**
 * The room around the board: the event script played at twin times (door, stop, sensor faults, amplifier
 * faults, link stalls…), the interlock bits the board reports, and, when the twin serves a GPIO bus, the
 * wiring to the console's GPIO: the room's inputs go there, and the console's amplifier enables come back.
 */
final class InterlockWiring {
    private static final Logger log = LoggerFactory.getLogger(InterlockWiring.class);
    /** The console raises the enables on the GPIO bus before START goes on the wire: the lines get this long. */
    private static final long ENABLE_SETTLE_NANOS = 100_000_000L;

    private final EventScript script;
    private final HostLink link;
    private final TwinClock clock;
    private final Amplifiers amplifiers;
    private final Supplier<ProgramPlayer> currentScan;
    private int nextEvent;
    private int bits;
    private volatile GpioWiring wiring;
    /** The console's amplifier enables as the wiring last saw them; off until driven and when its bus connection goes. */
    private volatile boolean rfEnableLine;
    private volatile boolean gradientEnableLine;

    InterlockWiring(EventScript script, HostLink link, TwinClock clock, Amplifiers amplifiers, Supplier<ProgramPlayer> currentScan) {
        this.script = script;
        this.link = link;
        this.clock = clock;
        this.amplifiers = amplifiers;
        this.currentScan = currentScan;
    }

    synchronized int bits() {
        return bits;
    }

    /** Why RF may not play for the interlocks, e.g. "door, emergency stop"; null if clear. */
    synchronized String gatingOpen() {
        if ((bits & GATING_BITS) == 0) return null;
        List<String> w = new ArrayList<>();
        if ((bits & INTERLOCK_DOOR) != 0) w.add("door");
        if ((bits & INTERLOCK_ESTOP) != 0) w.add("emergency stop");
        return String.join(", ", w);
    }

    void wire(GpioWiring w) {
        this.wiring = w;
        w.onOutput((out, active) -> {
            if (out == GpioOutput.RF_ENABLE || out == GpioOutput.GRADIENT_ENABLE) {
                if (out == GpioOutput.RF_ENABLE) rfEnableLine = active;
                else gradientEnableLine = active;
                log.info("GPIO: console drove {} {}", out, active ? "on" : "off");
                if (!active) amplifiers.gateOff();
            }
        });
    }

    /** Enable lines count once a console has been on the GPIO bus; without one (--gpio none) the board alone decides. */
    private boolean enablesWired() {
        GpioWiring w = wiring;
        return w != null && w.consoleEverConnected();
    }

    boolean rfAmplifierOn() {
        return !enablesWired() || rfEnableLine;
    }

    boolean gradientAmplifierOn() {
        return !enablesWired() || gradientEnableLine;
    }

    /** Why START must be refused for the enables, or null; waits a moment for lines that are on their way. */
    String enablesLowReason() {
        if (!enablesWired()) return null;
        long until = System.nanoTime() + ENABLE_SETTLE_NANOS;
        while (!(rfAmplifierOn() && gradientAmplifierOn()) && System.nanoTime() < until) {
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (rfAmplifierOn() && gradientAmplifierOn()) return null;
        return "amplifier enable low on the GPIO wiring ("
                + (rfAmplifierOn() ? "" : "RF_ENABLE") + (rfAmplifierOn() || gradientAmplifierOn() ? "" : ", ")
                + (gradientAmplifierOn() ? "" : "GRADIENT_ENABLE") + "): the console has not enabled the amplifiers";
    }

    /** Applies every scripted event due by twin time t, once each, in script order. */
    void fireDue(double t) {
        List<ScriptEvent> events = script.events();
        while (true) {
            ScriptEvent e;
            synchronized (this) {
                if (nextEvent >= events.size() || events.get(nextEvent).atS() > t) return;
                e = events.get(nextEvent++);
            }
            apply(e);
        }
    }

    private void apply(ScriptEvent e) {
        log.info("Scripted event at twin time {} s: {}", e.atS(), e);
        ProgramPlayer s = currentScan.get();
        boolean running = s != null && s.isAlive();
        // The wiring always shows the room as it is (a console may connect later); while a console
        // listens, reacting to an interlock is its job, not the board's.
        GpioWiring w = wiring;
        if (w != null) mirror(w, e);
        boolean consoleWired = w != null && w.consoleConnected();
        switch (e) {
            case ScriptEvent.Door d when consoleWired -> { }
            case ScriptEvent.EStop x when consoleWired -> { }
            case ScriptEvent.AmplifierFault f when consoleWired -> { }
            case ScriptEvent.MagnetOvertemp m when consoleWired -> { }
            case ScriptEvent.MagnetOvertemp m -> log.info("Magnet thermostat {} (no console on the GPIO bus to tell)", m.hot() ? "open" : "closed");
            case ScriptEvent.Door d -> interlock(INTERLOCK_DOOR, d.open(), d.open() ? "door open" : "door closed");
            case ScriptEvent.EStop x -> interlock(INTERLOCK_ESTOP, x.pressed(), x.pressed() ? "emergency stop pressed" : "emergency stop released");
            case ScriptEvent.Ambient a -> { } // already in the thermal model
            case ScriptEvent.LinkStall st -> link.stallFor(st.seconds());
            case ScriptEvent.Sensor sn -> {
                int bit = switch (sn.sensor()) {
                    case "magnet" -> SENSOR_FAULT_MAGNET;
                    case "ambient" -> SENSOR_FAULT_AMBIENT;
                    default -> SENSOR_FAULT_RF;
                };
                synchronized (this) {
                    bits = sn.failed() ? bits | bit : bits & ~bit;
                }
            }
            case ScriptEvent.FifoOverrun f -> {
                link.send(new Event(EventCode.FIFO_OVERRUN, clock.deviceTimeUs(), running ? "sequencer FIFO overrun; scan stopped" : "sequencer FIFO overrun"));
                if (running) {
                    amplifiers.gateOff();
                    s.fail("FIFO overrun");
                }
            }
            case ScriptEvent.AmplifierFault f when !f.fault() -> log.info("Amplifier fault cleared ({})", f.amplifier());
            case ScriptEvent.AmplifierFault f -> {
                amplifiers.gateOff();
                link.send(new Event(EventCode.AMPLIFIER_FAULT, clock.deviceTimeUs(), "gradient/RF amplifier fault; RF and gradients gated off"));
                if (running) s.fail("amplifier fault");
            }
        }
    }

    private static void mirror(GpioWiring w, ScriptEvent e) {
        switch (e) {
            case ScriptEvent.Door d -> w.set(GpioInput.DOOR_CLOSED, !d.open());
            case ScriptEvent.EStop x -> w.set(GpioInput.EMERGENCY_STOP, x.pressed());
            case ScriptEvent.AmplifierFault f -> {
                if (!f.amplifier().equals("gradient")) w.set(GpioInput.RF_AMP_FAULT, f.fault());
                if (!f.amplifier().equals("rf")) w.set(GpioInput.GRADIENT_AMP_FAULT, f.fault());
            }
            case ScriptEvent.MagnetOvertemp m -> w.set(GpioInput.MAGNET_OVERTEMP, m.hot());
            default -> { }
        }
    }

    private void interlock(int bit, boolean active, String what) {
        if (active) {
            synchronized (this) {
                bits |= bit;
            }
            amplifiers.gateOff();
            ProgramPlayer s = currentScan.get();
            boolean running = s != null && s.isAlive();
            link.send(new Event(EventCode.INTERLOCK, clock.deviceTimeUs(), what + "; RF and gradients gated off" + (running ? ", scan aborted" : "")));
            if (running) s.abort("interlock: " + what, false);
        } else {
            boolean clear;
            synchronized (this) {
                bits &= ~bit;
                clear = (bits & GATING_BITS) == 0;
            }
            link.send(new Event(EventCode.INTERLOCK, clock.deviceTimeUs(), what + "; " + (clear ? "interlock clear" : "interlock still open")));
        }
    }
}
