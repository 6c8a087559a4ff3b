package org.lodestone.twin.device;

import org.lodestone.hw.gpio.GpioBusServer;
import org.lodestone.hw.gpio.GpioConfig;
import org.lodestone.hw.gpio.GpioInput;
import org.lodestone.hw.gpio.GpioOutput;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.function.BiConsumer;

/**
 * The unit's interlock wiring in the twin: door switch, stop button, amplifier fault lines and
 * magnet thermostat drive the console's GPIO inputs over the GPIO bus, and the console's amplifier
 * enables come back the other way. Levels on the bus are electrical, so the polarity comes from
 * the same pin map the console uses.
 */
public final class GpioWiring implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(GpioWiring.class);

    private final GpioBusServer bus;
    private final GpioConfig config;

    private GpioWiring(GpioBusServer bus, GpioConfig config) {
        this.bus = bus;
        this.config = config;
        // Power-on state of the room: door closed, no stop, no fault, magnet at temperature.
        for (GpioInput in : GpioInput.values()) bus.setInput(in.name(), config.highWhen(in, in.safeWhenActive()));
    }

    /** Serves the bus on loopback; port 0 picks a free one. */
    public static GpioWiring start(int port, GpioConfig config) throws IOException {
        return new GpioWiring(GpioBusServer.start(port), config);
    }

    public int port() {
        return bus.port();
    }

    /** True while a console is on the bus: it, not the board, then reacts to the interlocks. */
    public boolean consoleConnected() {
        return bus.clientCount() > 0;
    }

    /** Sets an input to its logical meaning (e.g. DOOR_CLOSED false = door open); pushed before this returns. */
    public void set(GpioInput in, boolean active) {
        bus.setInput(in.name(), config.highWhen(in, active));
        log.info("GPIO wiring: {} {}", in, in.describe(active));
    }

    /** True once a console has been on the bus: from then on its amplifier enables are wired to the amplifiers. */
    public boolean consoleEverConnected() {
        return everConnected;
    }

    private volatile boolean everConnected;

    /**
     * Calls {@code l} with (output, logically active) on each change the console drives, and with the amplifier
     * enables inactive when the last console leaves the bus: an enable nobody drives reads as off at the amplifier.
     */
    public void onOutput(BiConsumer<GpioOutput, Boolean> l) {
        bus.onClientsChanged(n -> {
            if (n > 0) {
                everConnected = true;
            } else {
                log.warn("GPIO wiring: no console on the bus; amplifier enables undriven (off)");
                l.accept(GpioOutput.RF_ENABLE, false);
                l.accept(GpioOutput.GRADIENT_ENABLE, false);
            }
        });
        bus.onOutputChange(c -> {
            GpioOutput out;
            try {
                out = GpioOutput.valueOf(c.name());
            } catch (IllegalArgumentException e) {
                log.warn("GPIO wiring: unknown output {} on the bus", c.name());
                return;
            }
            boolean active = config.pin(out).isActive(c.high() ? com.pi4j.io.gpio.digital.DigitalState.HIGH
                    : com.pi4j.io.gpio.digital.DigitalState.LOW);
            l.accept(out, active);
        });
    }

    @Override
    public void close() {
        bus.close();
    }
}
