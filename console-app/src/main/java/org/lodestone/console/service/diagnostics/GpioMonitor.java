package org.lodestone.console.service.diagnostics;

import com.pi4j.io.gpio.digital.DigitalState;
import org.lodestone.hw.gpio.GpioInput;
import org.lodestone.hw.gpio.GpioOutput;
import org.lodestone.hw.gpio.UnitGpio;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The unit's GPIO as the service engineer sees it, live: listens to every input edge and every output write
 * (never polls), hands each change to its listeners as a fresh {@link GpioSnapshot}, and lets a step of the
 * loop test wait for a condition without spinning.
 */
public final class GpioMonitor implements AutoCloseable {
    private final UnitGpio gpio;
    private final List<Consumer<GpioSnapshot>> listeners = new CopyOnWriteArrayList<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final UnitGpio.InputListener onInput = (in, level, active) -> changed();
    private final UnitGpio.OutputListener onOutput = (out, active) -> changed();

    public GpioMonitor(UnitGpio gpio) {
        this.gpio = gpio;
        gpio.addListener(onInput);
        gpio.addOutputListener(onOutput);
    }

    /** Every input (logical state, safe or not, level known) and every output now. */
    public GpioSnapshot snapshot() {
        java.util.Map<GpioInput, GpioSnapshot.Input> ins = new java.util.EnumMap<>(GpioInput.class);
        for (GpioInput i : GpioInput.values()) {
            DigitalState level = gpio.level(i);
            ins.put(i, new GpioSnapshot.Input(gpio.isActive(i), gpio.isSafe(i), level != DigitalState.UNKNOWN));
        }
        java.util.Map<GpioOutput, Boolean> outs = new java.util.EnumMap<>(GpioOutput.class);
        for (GpioOutput o : GpioOutput.values()) outs.put(o, gpio.isActive(o));
        return new GpioSnapshot(ins, outs);
    }

    /** Called with a snapshot after each change, on the thread that delivered it (keep it short). */
    public void listen(Consumer<GpioSnapshot> l) {
        listeners.add(l);
    }

    public void unlisten(Consumer<GpioSnapshot> l) {
        listeners.remove(l);
    }

    private void changed() {
        // listeners first: a step woken by this change finds the screen and its record already told
        if (!listeners.isEmpty()) {
            GpioSnapshot s = snapshot();
            for (Consumer<GpioSnapshot> l : listeners) l.accept(s);
        }
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until {@code condition} holds (checked now and after every GPIO change), at most {@code timeout}.
     * Conditions that depend on something besides the GPIO are re-checked at least every 100 ms.
     * @return true if it held in time
     */
    public boolean await(Predicate<GpioSnapshot> condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            while (!condition.test(snapshot())) {
                long left = deadline - System.nanoTime();
                if (left <= 0) return false;
                changed.await(Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)), TimeUnit.NANOSECONDS);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        gpio.removeListener(onInput);
        gpio.removeOutputListener(onOutput);
        listeners.clear();
    }
}
