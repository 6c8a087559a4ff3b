package org.lodestone.hw.gpio;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.IO;
import com.pi4j.exception.ShutdownException;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalInputBase;
import com.pi4j.io.gpio.digital.DigitalInputConfig;
import com.pi4j.io.gpio.digital.DigitalInputProvider;
import com.pi4j.io.gpio.digital.DigitalInputProviderBase;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalOutputBase;
import com.pi4j.io.gpio.digital.DigitalOutputConfig;
import com.pi4j.io.gpio.digital.DigitalOutputProvider;
import com.pi4j.io.gpio.digital.DigitalOutputProviderBase;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.DigitalStateChangeEvent;

import java.io.IOException;
import java.time.Duration;

/**
 * Pi4J digital input and output providers for machines without GPIO: pins live on the GPIO bus
 * served by the virtual scanner ({@link GpioBusServer}). A pin's bus name is its Pi4J IO id.
 * Pushed input changes reach Pi4J listeners as ordinary {@link DigitalStateChangeEvent}s on the
 * bus reader thread; output writes go out on the caller's thread before {@code state()} returns.
 * <pre>
 * VirtualGpioProvider v = VirtualGpioProvider.connect("127.0.0.1", 7391);
 * Context ctx = Pi4J.newContextBuilder().noAutoDetect().add(v.inputProvider(), v.outputProvider()).build();
 * </pre>
 * Shutting the context down closes the bus connection.
 */
public final class VirtualGpioProvider implements AutoCloseable {
    public static final String INPUT_PROVIDER_ID = "lodestone-virtual-digital-input";
    public static final String OUTPUT_PROVIDER_ID = "lodestone-virtual-digital-output";
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);

    private final GpioBusClient bus;
    private final InputProvider inputProvider = new InputProvider();
    private final OutputProvider outputProvider = new OutputProvider();

    private VirtualGpioProvider(GpioBusClient bus) {
        this.bus = bus;
    }

    public static VirtualGpioProvider connect(String host, int port) throws IOException {
        return new VirtualGpioProvider(GpioBusClient.connect(host, port, CONNECT_TIMEOUT));
    }

    public DigitalInputProvider inputProvider() {
        return inputProvider;
    }

    public DigitalOutputProvider outputProvider() {
        return outputProvider;
    }

    /** A Pi4J context holding only these two providers (no platform or plugin auto-detection). */
    public Context newContext() {
        return Pi4J.newContextBuilder()
                .noAutoDetect()
                .add(inputProvider, outputProvider)
                .build();
    }

    public String busAddress() {
        return bus.address();
    }

    @Override
    public void close() {
        bus.close();
    }

    /** A new pin goes into its context's registry, as with Pi4J's own providers, so the context's shutdown reaches it. */
    private static <T extends IO<?, ?, ?>> T registered(Context context, T pin) {
        context.registry().add(pin);
        return pin;
    }

    private final class InputProvider extends DigitalInputProviderBase {
        InputProvider() {
            super(INPUT_PROVIDER_ID, "Lodestone virtual digital input (GPIO bus)");
        }

        @Override
        public DigitalInput create(DigitalInputConfig config) {
            return registered(context, new VirtualInput(this, config));
        }

        @Override
        public DigitalInputProvider shutdownInternal(Context context) throws ShutdownException {
            super.shutdownInternal(context);
            bus.close(); // the registry has already shut every pin down (outputs to their shutdown level)
            return this;
        }
    }

    private final class OutputProvider extends DigitalOutputProviderBase {
        OutputProvider() {
            super(OUTPUT_PROVIDER_ID, "Lodestone virtual digital output (GPIO bus)");
        }

        @Override
        public DigitalOutput create(DigitalOutputConfig config) {
            return registered(context, new VirtualOutput(this, config));
        }
        // no shutdownInternal: the context shuts both providers down, and the input provider closes the one bus
    }

    private final class VirtualInput extends DigitalInputBase {
        private volatile DigitalState state = DigitalState.UNKNOWN;

        VirtualInput(DigitalInputProvider provider, DigitalInputConfig config) {
            super(provider, config);
        }

        @Override
        public DigitalInput initialize(Context context) {
            super.initialize(context);
            // Attach first, then read: a level pushed in between is then seen either way.
            bus.attach(id(), this::update);
            update(bus.level(id()));
            return this;
        }

        /** Called on the bus reader thread (and once from initialize). */
        private synchronized void update(DigitalState s) {
            if (s == state) return;
            state = s;
            dispatch(new DigitalStateChangeEvent<>(this, s));
        }

        @Override
        public DigitalState state() {
            return state;
        }

        @Override
        public DigitalInput shutdownInternal(Context context) throws ShutdownException {
            bus.detach(id());
            return super.shutdownInternal(context);
        }
    }

    private final class VirtualOutput extends DigitalOutputBase {
        VirtualOutput(DigitalOutputProvider provider, DigitalOutputConfig config) {
            super(provider, config);
        }

        @Override
        public DigitalOutput state(DigitalState s) {
            if (s != DigitalState.HIGH && s != DigitalState.LOW) throw new com.pi4j.io.exception.IOException("cannot drive " + id() + " " + s);
            try {
                // Written every time, as a hardware register would be: the bus sees each assertion.
                bus.sendOutput(id(), s == DigitalState.HIGH);
            } catch (IOException e) {
                throw new com.pi4j.io.exception.IOException("GPIO bus write of " + id() + " failed: " + e.getMessage(), e);
            }
            return super.state(s);
        }
    }
}
