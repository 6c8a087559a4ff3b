package org.lodestone.hw.gpio;

import com.pi4j.context.Context;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * A GPIO bus server with all interlocks healthy, a console-side Pi4J context on the virtual
 * provider connected to it over loopback TCP, and a UnitGpio on that context.
 */
final class BusRig implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(3);

    final GpioConfig config;
    final GpioBusServer server;
    final Context context;
    final UnitGpio gpio;

    BusRig(GpioConfig config) throws IOException {
        this.config = config;
        this.server = GpioBusServer.start(0);
        for (GpioInput in : GpioInput.values()) server.setInput(in.name(), config.highWhen(in, in.safeWhenActive()));
        this.context = VirtualGpioProvider.connect("127.0.0.1", server.port()).newContext();
        this.gpio = new UnitGpio(context, config);
    }

    BusRig() throws IOException {
        this(GpioConfig.defaults());
    }

    /** Puts an input into its logical state, as the twin would. */
    void setLogical(GpioInput in, boolean active) {
        server.setInput(in.name(), config.highWhen(in, active));
    }

    boolean highWhen(GpioOutput out, boolean active) {
        return config.pin(out).level(active) == com.pi4j.io.gpio.digital.DigitalState.HIGH;
    }

    /** Waits until the server sees the output at its level for {@code active}. */
    GpioBusServer.OutputChange awaitLogical(GpioOutput out, boolean active) throws InterruptedException, TimeoutException {
        return server.awaitOutput(out.name(), highWhen(out, active), WAIT);
    }

    static void eventually(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting for " + what);
            Thread.sleep(2);
        }
    }

    @Override
    public void close() {
        try {
            gpio.close();
        } catch (RuntimeException ignored) {
            // the bus may already be gone in tests that cut it
        }
        context.shutdown();
        server.close();
    }
}
