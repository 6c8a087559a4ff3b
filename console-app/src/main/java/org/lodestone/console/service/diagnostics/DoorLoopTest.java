package org.lodestone.console.service.diagnostics;

import org.lodestone.console.service.ServiceBench;
import org.lodestone.hw.gpio.ArmRefused;
import org.lodestone.hw.gpio.Armed;
import org.lodestone.hw.gpio.GpioInput;
import org.lodestone.hw.gpio.InterlockGuard;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The guided door / emergency-stop loop test: the engineer is asked to do one thing at a time, and each step
 * waits until the GPIO shows it, the interlock guard tripped and the amplifier enables dropped. Before each trip
 * the enables are raised through the guard (no program plays), so a trip that does not drop them is seen.
 * Every step goes to the log and the audit trail; a step not seen within the timeout fails with what to check,
 * and the test stops there. Run it off the FX thread: it blocks while waiting for the engineer.
 */
public final class DoorLoopTest {
    private static final Logger log = LoggerFactory.getLogger(DoorLoopTest.class);

    /** The steps in order; each has an instruction (service.diag.loop.step.NAME) and checks. */
    public enum Step {
        PREPARE("close the door and release the emergency stop; the enables are raised"),
        OPEN_DOOR("open the door"),
        CLOSE_DOOR("close the door; the enables are raised again"),
        PRESS_STOP("press the emergency stop"),
        RELEASE_STOP("release the emergency stop");

        public final String instruction;

        Step(String instruction) {
            this.instruction = instruction;
        }
    }

    /**
     * @param failure null when passed, else a key under service.diag.loop.fail. naming what to check
     * @param detail  what was seen, in English, for the log and audit
     * @param seen    the GPIO when the step ended, for a window to say in its own words (null: nothing was read)
     * @param tripped the step's interlock tripped and the enables dropped (the door and stop steps, when passed)
     */
    public record StepResult(Step step, boolean passed, String failure, String detail, Duration took, GpioSnapshot seen,
                             boolean tripped) {
    }

    /** Told of each step as it starts and ends (on the test's thread). */
    public interface Listener {
        void started(Step step);

        void finished(StepResult result);
    }

    private final InterlockGuard guard;
    private final GpioMonitor gpio;
    private final ServiceBench.Audit audit;
    private final Duration timeout;
    private final java.util.function.Supplier<java.util.Optional<String>> armingLock;

    /** @param armingLock why the enables must stay off now (transport mode), or empty */
    public DoorLoopTest(InterlockGuard guard, GpioMonitor gpio, ServiceBench.Audit audit, Duration timeout,
                        java.util.function.Supplier<java.util.Optional<String>> armingLock) {
        this.guard = guard;
        this.gpio = gpio;
        this.audit = audit;
        this.timeout = timeout;
        this.armingLock = armingLock;
    }

    /** Runs every step until one fails; returns the results so far. */
    public List<StepResult> run(Listener listener) throws InterruptedException {
        List<StepResult> results = new ArrayList<>();
        log.info("Loop test started (timeout {} s per step)", timeout.toSeconds());
        audit.record("diagnostics.loop-test.start", "interlocks", Map.of("timeout_s", String.valueOf(timeout.toSeconds())));
        // never raise the enables under a running scan (closing ours would drop its enables) or a transport lock
        java.util.Optional<String> locked = guard.isArmed() ? java.util.Optional.of("a scan or calibration is running") : armingLock.get();
        if (locked.isPresent()) {
            StepResult r = new StepResult(Step.PREPARE, false, guard.isArmed() ? "busy" : "locked", locked.get(), Duration.ZERO, null, false);
            listener.started(Step.PREPARE);
            record(r);
            listener.finished(r);
            audit.record("diagnostics.loop-test.failed", "interlocks", Map.of("steps", "1"));
            return List.of(r);
        }
        Armed armed = null;
        try {
            for (Step step : Step.values()) {
                // before the engineer is asked: a trip that follows the request at once still counts
                java.time.Instant asked = java.time.Instant.now();
                listener.started(step);
                log.info("Loop test step {}: {}", step, step.instruction);
                long t0 = System.nanoTime();
                StepResult r;
                switch (step) {
                    case PREPARE, CLOSE_DOOR -> {
                        r = waitFor(step, t0, GpioSnapshot::allSafe, "interlocks-unsafe");
                        if (r.passed()) {
                            armed = arm(); // null when refused
                            if (armed == null || !gpio.snapshot().enablesUp()) r = fail(step, t0, "enables-not-raised", gpio.snapshot());
                        }
                    }
                    case OPEN_DOOR -> r = trip(step, t0, asked, GpioInput.DOOR_CLOSED, s -> !s.doorClosed(), "door-not-seen");
                    case PRESS_STOP -> r = trip(step, t0, asked, GpioInput.EMERGENCY_STOP, GpioSnapshot::stopPressed, "stop-not-seen");
                    case RELEASE_STOP -> r = waitFor(step, t0, s -> !s.stopPressed(), "stop-still-pressed");
                    default -> throw new IllegalStateException(step.name());
                }
                if (step == Step.OPEN_DOOR || step == Step.PRESS_STOP) armed = closed(armed);
                record(r);
                results.add(r);
                listener.finished(r);
                if (!r.passed()) break;
            }
        } finally {
            closed(armed);
        }
        boolean passed = results.size() == Step.values().length && results.stream().allMatch(StepResult::passed);
        log.info("Loop test {}", passed ? "passed" : "FAILED");
        audit.record(passed ? "diagnostics.loop-test.passed" : "diagnostics.loop-test.failed", "interlocks",
                Map.of("steps", String.valueOf(results.size())));
        return results;
    }

    /** The input shows it, the guard recorded a trip for it, and both enables are down. */
    private StepResult trip(Step step, long t0, java.time.Instant since, GpioInput input, Predicate<GpioSnapshot> seen, String notSeen)
            throws InterruptedException {
        if (!gpio.await(seen, timeout)) return fail(step, t0, notSeen, gpio.snapshot());
        // the guard handles the same edge before this monitor does; give it the rest of the timeout
        boolean tripped = gpio.await(s -> trippedSince(input, since), remaining(t0));
        if (!tripped) return fail(step, t0, "no-trip", gpio.snapshot());
        if (!gpio.await(GpioSnapshot::enablesDown, remaining(t0))) return fail(step, t0, "enables-not-dropped", gpio.snapshot());
        GpioSnapshot now = gpio.snapshot();
        return new StepResult(step, true, null, seenText(now) + "; interlock tripped; enables dropped", took(t0), now, true);
    }

    private StepResult waitFor(Step step, long t0, Predicate<GpioSnapshot> condition, String failure) throws InterruptedException {
        if (!gpio.await(condition, timeout)) return fail(step, t0, failure, gpio.snapshot());
        GpioSnapshot now = gpio.snapshot();
        return new StepResult(step, true, null, seenText(now), took(t0), now, false);
    }

    private Armed arm() {
        try {
            return guard.arm();
        } catch (ArmRefused e) {
            log.warn("Loop test: {}", e.getMessage());
            return null;
        }
    }

    private static Armed closed(Armed a) {
        if (a != null) {
            try {
                a.close();
            } catch (RuntimeException e) {
                log.warn("Loop test: dropping the enables failed", e);
            }
        }
        return null;
    }

    private boolean trippedSince(GpioInput input, java.time.Instant since) {
        return guard.events().stream().anyMatch(e -> e.input() == input && !e.time().isBefore(since));
    }

    private Duration remaining(long t0) {
        return Duration.ofNanos(Math.max(1, timeout.toNanos() - (System.nanoTime() - t0)));
    }

    private static Duration took(long t0) {
        return Duration.ofNanos(System.nanoTime() - t0);
    }

    private static StepResult fail(Step step, long t0, String failure, GpioSnapshot s) {
        return new StepResult(step, false, failure, seenText(s), took(t0), s, false);
    }

    private static String seenText(GpioSnapshot s) {
        return s.describe(GpioInput.DOOR_CLOSED) + ", " + s.describe(GpioInput.EMERGENCY_STOP) + ", enables "
                + (s.enablesUp() ? "up" : s.enablesDown() ? "down" : "mixed");
    }

    private void record(StepResult r) {
        if (r.passed()) log.info("Loop test step {} passed in {} ms: {}", r.step(), r.took().toMillis(), r.detail());
        else log.warn("Loop test step {} FAILED ({}): {}", r.step(), r.failure(), r.detail());
        audit.record("diagnostics.loop-test.step", r.step().name().toLowerCase(java.util.Locale.ROOT),
                r.passed() ? Map.of("result", "passed", "seen", r.detail())
                        : Map.of("result", "failed", "check", r.failure(), "seen", r.detail()));
    }
}
