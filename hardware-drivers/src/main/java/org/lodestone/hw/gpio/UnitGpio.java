package org.lodestone.hw.gpio;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.DigitalStateChangeListener;
import com.pi4j.io.gpio.digital.PullResistance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The unit's interlock inputs and amplifier/lamp outputs, created through whatever Pi4J
 * {@link Context} it is given: the real board's providers or {@link VirtualGpioProvider}; this
 * class does not know which.
 * <p>
 * Outputs start inactive (safe), are told by Pi4J to go inactive on context shutdown, and are
 * dropped on {@link #close()}. An input whose level is unknown (e.g. the virtual bus is gone)
 * reads as its unsafe meaning: the door as open, a stop or fault line as pressed/faulted.
 * <p>
 * The Pi4J IO id of each signal is its enum name (DOOR_CLOSED, RF_ENABLE, ...); the virtual
 * provider uses that id as the signal's name on the GPIO bus.
 */
public final class UnitGpio implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(UnitGpio.class);

    /** A logical input change, on the thread Pi4J delivered the edge on. */
    @FunctionalInterface
    public interface InputListener {
        void changed(GpioInput input, DigitalState level, boolean active);
    }

    /** An output written (logical state), on the writing thread: for diagnostics that show the enables live. */
    @FunctionalInterface
    public interface OutputListener {
        void changed(GpioOutput output, boolean active);
    }

    // Drop order: RF first (the hazard to the patient), then gradients, then the rest.
    private static final List<GpioOutput> SAFE_ORDER = List.of(GpioOutput.RF_ENABLE, GpioOutput.GRADIENT_ENABLE,
            GpioOutput.TR_SWITCH, GpioOutput.COIL_DETUNE, GpioOutput.SCANNING_LAMP);

    private final Context context;
    private final GpioConfig config;
    private final Map<GpioInput, DigitalInput> inputs = new EnumMap<>(GpioInput.class);
    private final Map<GpioOutput, DigitalOutput> outputs = new EnumMap<>(GpioOutput.class);
    private final List<InputListener> listeners = new CopyOnWriteArrayList<>();
    private final List<OutputListener> outputListeners = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    public UnitGpio(Context context, GpioConfig config) {
        this.context = context;
        this.config = config;
        try {
            // Outputs first, so no enable can float while the inputs are being set up.
            for (GpioOutput o : GpioOutput.values()) outputs.put(o, createOutput(o));
            for (GpioInput i : GpioInput.values()) inputs.put(i, createInput(i));
        } catch (RuntimeException e) {
            closeIos();
            throw e;
        }
    }

    private DigitalOutput createOutput(GpioOutput o) {
        GpioConfig.Pin pin = config.pin(o);
        DigitalState safe = pin.level(false);
        return context.create(DigitalOutput.newConfigBuilder(context)
                .id(o.name())
                .name(o.name())
                .bcm(pin.bcm())
                .onState(pin.activeLevel())
                .initial(safe)
                .shutdown(safe));
    }

    private DigitalInput createInput(GpioInput i) {
        GpioConfig.Pin pin = config.pin(i);
        // Bias a floating (disconnected) line towards the unsafe reading.
        boolean floatActive = !i.safeWhenActive();
        PullResistance pull = pin.level(floatActive) == DigitalState.HIGH ? PullResistance.PULL_UP : PullResistance.PULL_DOWN;
        DigitalInput in = context.create(DigitalInput.newConfigBuilder(context)
                .id(i.name())
                .name(i.name())
                .bcm(pin.bcm())
                .onState(pin.activeLevel())
                .pull(pull)
                .debounce(config.debounceMicros()));
        in.addListener((DigitalStateChangeListener) event -> dispatch(i, event.state()));
        return in;
    }

    private void dispatch(GpioInput i, DigitalState level) {
        boolean active = activeFor(i, level);
        for (InputListener l : listeners) l.changed(i, level, active);
    }

    private boolean activeFor(GpioInput i, DigitalState level) {
        if (level != DigitalState.HIGH && level != DigitalState.LOW) return !i.safeWhenActive();
        return config.pin(i).isActive(level);
    }

    public GpioConfig config() {
        return config;
    }

    /** The level Pi4J reports now (HIGH, LOW or UNKNOWN). */
    public DigitalState level(GpioInput in) {
        DigitalState s = inputs.get(in).state();
        return s == null ? DigitalState.UNKNOWN : s;
    }

    /** Logical state; unknown reads as the unsafe meaning. */
    public boolean isActive(GpioInput in) {
        return activeFor(in, level(in));
    }

    public boolean isSafe(GpioInput in) {
        DigitalState level = level(in);
        return level != DigitalState.UNKNOWN && in.isSafe(activeFor(in, level));
    }

    /** Inputs that forbid RF and gradients now, in declaration order. */
    public List<GpioInput> unsafeInputs() {
        List<GpioInput> out = new ArrayList<>();
        for (GpioInput in : GpioInput.values()) if (!isSafe(in)) out.add(in);
        return out;
    }

    public boolean doorClosed() {
        return isActive(GpioInput.DOOR_CLOSED);
    }

    public boolean emergencyStopPressed() {
        return isActive(GpioInput.EMERGENCY_STOP);
    }

    public boolean rfAmpFault() {
        return isActive(GpioInput.RF_AMP_FAULT);
    }

    public boolean gradientAmpFault() {
        return isActive(GpioInput.GRADIENT_AMP_FAULT);
    }

    public boolean magnetOvertemp() {
        return isActive(GpioInput.MAGNET_OVERTEMP);
    }

    /** The last commanded logical state of an output. */
    public boolean isActive(GpioOutput out) {
        return config.pin(out).isActive(outputs.get(out).state());
    }

    /**
     * Drives TR_SWITCH, COIL_DETUNE or SCANNING_LAMP. The amplifier enables are refused: only
     * {@link InterlockGuard#armForScan()} raises them, after checking the interlocks.
     */
    public void set(GpioOutput out, boolean active) {
        if (active && out.isEnable()) {
            throw new IllegalArgumentException(out + " is raised only by InterlockGuard.armForScan()");
        }
        drive(out, active);
    }

    void drive(GpioOutput out, boolean active) {
        if (closed && active) throw new IllegalStateException("GPIO is closed");
        outputs.get(out).state(config.pin(out).level(active));
        for (OutputListener l : outputListeners) {
            try {
                l.changed(out, active);
            } catch (RuntimeException e) {
                log.warn("output listener failed on {}: {}", out, e.toString()); // a viewer never stops a safety write
            }
        }
    }

    /** Drops RF_ENABLE, then GRADIENT_ENABLE; tries both even if one write fails. */
    RuntimeException dropEnables() {
        return drop(List.of(GpioOutput.RF_ENABLE, GpioOutput.GRADIENT_ENABLE));
    }

    /** Drops every output (RF first); tries them all, then throws the first failure. */
    public void safe() {
        RuntimeException failure = drop(SAFE_ORDER);
        if (failure != null) throw failure;
    }

    private RuntimeException drop(List<GpioOutput> which) {
        RuntimeException first = null;
        for (GpioOutput o : which) {
            try {
                drive(o, false);
            } catch (RuntimeException e) {
                log.error("could not drop {}: {}", o, e.toString());
                if (first == null) first = e;
                else first.addSuppressed(e);
            }
        }
        return first;
    }

    boolean isClosed() {
        return closed;
    }

    /** Listens to input edges (the interlock guard does; so may a diagnostics view, which must not block). */
    public void addListener(InputListener l) {
        listeners.add(l);
    }

    public void removeListener(InputListener l) {
        listeners.remove(l);
    }

    public void addOutputListener(OutputListener l) {
        outputListeners.add(l);
    }

    public void removeOutputListener(OutputListener l) {
        outputListeners.remove(l);
    }

    /** Drops every output and releases the pins (Pi4J drives each output to its inactive shutdown level too). */
    @Override
    public void close() {
        if (closed) return;
        RuntimeException failure = drop(SAFE_ORDER);
        closed = true;
        listeners.clear();
        outputListeners.clear();
        closeIos();
        if (failure != null) throw failure;
    }

    private void closeIos() {
        for (DigitalOutput o : outputs.values()) closeQuietly(o);
        for (DigitalInput i : inputs.values()) closeQuietly(i);
    }

    private static void closeQuietly(java.io.Closeable c) {
        try {
            c.close();
        } catch (Exception e) {
            log.warn("closing {}: {}", c, e.toString());
        }
    }
}
