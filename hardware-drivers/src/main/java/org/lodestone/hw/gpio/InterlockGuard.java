package org.lodestone.hw.gpio;

import com.pi4j.io.gpio.digital.DigitalState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Watches the interlock inputs and owns the amplifier enables.
 * <p>
 * An unsafe edge (door opens, stop pressed, an amplifier fault, over-temperature, or an input
 * whose level becomes unknown) drops RF_ENABLE then GRADIENT_ENABLE on the very thread that
 * delivered the edge, then runs the {@link InterlockAction}, then turns the scanning lamp off and
 * records an {@link InterlockEvent}. Arming and tripping are serialised, so an arm racing a trip
 * can never leave an enable raised behind an open door.
 */
public final class InterlockGuard implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(InterlockGuard.class);
    public static final int DEFAULT_LOG_CAPACITY = 256;

    private final UnitGpio gpio;
    private final InterlockAction action;
    private final Clock clock;
    private final int capacity;
    private final Object lock = new Object();
    private final Deque<InterlockEvent> events = new ArrayDeque<>();
    private final UnitGpio.InputListener listener = this::onInput;
    private boolean armed; // guarded by lock

    public InterlockGuard(UnitGpio gpio, InterlockAction action) {
        this(gpio, action, Clock.systemUTC(), DEFAULT_LOG_CAPACITY);
    }

    public InterlockGuard(UnitGpio gpio, InterlockAction action, Clock clock, int logCapacity) {
        if (logCapacity < 1) throw new IllegalArgumentException("log capacity must be positive");
        this.gpio = gpio;
        this.action = action;
        this.clock = clock;
        this.capacity = logCapacity;
        gpio.addListener(listener);
    }

    private void onInput(GpioInput input, DigitalState level, boolean active) {
        if (level != DigitalState.UNKNOWN && input.isSafe(active)) {
            log.info("interlock {}: {}", input, input.describe(active));
            return;
        }
        boolean wasArmed;
        RuntimeException dropFailure;
        synchronized (lock) {
            wasArmed = armed;
            armed = false;
            dropFailure = gpio.dropEnables();
        }
        String what = level == DigitalState.UNKNOWN ? input.unsafeText() + " (state unknown)" : input.unsafeText();
        InterlockEvent event = new InterlockEvent(input, clock.instant(),
                what + " (" + input + " is " + level + ") " + (wasArmed ? "during scan" : "while idle")
                        + (dropFailure == null ? "" : "; dropping the enables FAILED: " + dropFailure.getMessage()));
        try {
            action.onInterlock(event);
        } catch (Exception e) {
            log.error("interlock action failed for {}", event, e);
        }
        try {
            gpio.drive(GpioOutput.SCANNING_LAMP, false);
        } catch (RuntimeException e) {
            log.warn("could not turn the scanning lamp off: {}", e.toString());
        }
        synchronized (events) {
            if (events.size() == capacity) events.removeFirst();
            events.addLast(event);
        }
        log.warn("INTERLOCK {}: {}; RF and gradient enables dropped", input, event.detail());
    }

    /**
     * Arms for a program that plays RF or gradients: the enables and the lamp go up if every
     * interlock is safe, and stay up until the handle is closed or an input trips.
     * @throws ArmRefused naming the unsafe inputs (e.g. "cannot arm for scan: door open")
     */
    public Armed arm() throws ArmRefused {
        Optional<String> refused = armForScan();
        if (refused.isPresent()) throw new ArmRefused(refused.get());
        return Armed.by(this);
    }

    /**
     * Raises the gradient and RF enables and the scanning lamp if every interlock is safe.
     * Prefer {@link #arm()}, whose handle cannot be left armed by mistake.
     * @return empty when armed, otherwise why not (e.g. "cannot arm for scan: door open")
     */
    public Optional<String> armForScan() {
        synchronized (lock) {
            List<GpioInput> unsafe = gpio.unsafeInputs();
            if (!unsafe.isEmpty()) {
                return Optional.of("cannot arm for scan: " + unsafe.stream()
                        .map(i -> gpio.level(i) == DigitalState.UNKNOWN ? i.unsafeText() + " (state unknown)" : i.unsafeText())
                        .collect(Collectors.joining(", ")));
            }
            try {
                gpio.drive(GpioOutput.SCANNING_LAMP, true);
                gpio.drive(GpioOutput.GRADIENT_ENABLE, true);
                gpio.drive(GpioOutput.RF_ENABLE, true);
            } catch (RuntimeException e) {
                gpio.dropEnables();
                return Optional.of("cannot arm for scan: GPIO write failed: " + e.getMessage());
            }
            armed = true;
            return Optional.empty();
        }
    }

    /** Drops the enables and the lamp after a scan (finished, aborted or failed); {@link Armed#close()} calls it. */
    public void scanEnded() {
        RuntimeException failure;
        synchronized (lock) {
            armed = false;
            failure = gpio.dropEnables();
        }
        try {
            gpio.drive(GpioOutput.SCANNING_LAMP, false);
        } catch (RuntimeException e) {
            if (failure == null) failure = e;
        }
        if (failure != null) throw failure;
    }

    /** The GPIO it watches, for diagnostics that show the inputs and enables live. */
    public UnitGpio gpio() {
        return gpio;
    }

    public boolean isArmed() {
        synchronized (lock) {
            return armed;
        }
    }

    /** Why a scan could not be armed now, or empty if it could. */
    public Optional<String> blockingReason() {
        List<GpioInput> unsafe = gpio.unsafeInputs();
        return unsafe.isEmpty() ? Optional.empty()
                : Optional.of(unsafe.stream().map(GpioInput::unsafeText).collect(Collectors.joining(", ")));
    }

    /** The most recent trips, oldest first (bounded). */
    public List<InterlockEvent> events() {
        synchronized (events) {
            return List.copyOf(events);
        }
    }

    /** Stops listening; leaves the GPIO open (its owner closes it) and drops the enables. */
    @Override
    public void close() {
        gpio.removeListener(listener);
        synchronized (lock) {
            armed = false;
            if (!gpio.isClosed()) gpio.dropEnables();
        }
    }
}
