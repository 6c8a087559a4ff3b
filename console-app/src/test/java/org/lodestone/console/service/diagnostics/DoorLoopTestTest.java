package org.lodestone.console.service.diagnostics;

import com.pi4j.context.Context;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lodestone.hw.gpio.GpioConfig;
import org.lodestone.hw.gpio.GpioInput;
import org.lodestone.hw.gpio.GpioOutput;
import org.lodestone.hw.gpio.InterlockGuard;
import org.lodestone.hw.gpio.Pi4jContexts;
import org.lodestone.hw.gpio.UnitGpio;
import org.lodestone.twin.device.GpioWiring;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The GPIO monitor and the guided loop test on real wiring: the twin's GPIO wiring serves the loopback bus, the
 * console's UnitGpio reads it through the virtual Pi4J provider and the interlock guard watches it. The "engineer"
 * is this test, moving the door and the stop on the wiring when a step asks for it.
 */
class DoorLoopTestTest {
    private GpioWiring wiring;
    private Context context;
    private UnitGpio gpio;
    private InterlockGuard guard;
    private GpioMonitor monitor;
    private final List<String> audited = new CopyOnWriteArrayList<>();

    @BeforeEach
    void wire() throws Exception {
        wiring = GpioWiring.start(0, GpioConfig.defaults());
        context = Pi4jContexts.forMachine(new Pi4jContexts.VirtualBus("127.0.0.1", wiring.port()));
        gpio = new UnitGpio(context, GpioConfig.defaults());
        guard = new InterlockGuard(gpio, e -> { });
        monitor = new GpioMonitor(gpio);
    }

    @AfterEach
    void unwire() {
        monitor.close();
        guard.close();
        gpio.close();
        context.shutdown();
        wiring.close();
    }

    @Test
    void theMonitorHearsEdgesAndEnableWritesWithoutPolling() throws Exception {
        List<GpioSnapshot> seen = Collections.synchronizedList(new ArrayList<>());
        monitor.listen(seen::add);
        assertThat(monitor.await(GpioSnapshot::allSafe, Duration.ofSeconds(5))).isTrue();
        wiring.set(GpioInput.DOOR_CLOSED, false);
        assertThat(monitor.await(s -> !s.doorClosed(), Duration.ofSeconds(5))).isTrue();
        assertThat(monitor.snapshot().describe(GpioInput.DOOR_CLOSED)).isEqualTo("door open");
        // the edge reaches the listener on the bus's thread; await may see the level a moment before it
        long until = System.nanoTime() + 5_000_000_000L;
        while (seen.stream().noneMatch(s -> !s.doorClosed()) && System.nanoTime() < until) Thread.sleep(10);
        assertThat(seen).anyMatch(s -> !s.doorClosed());
        wiring.set(GpioInput.DOOR_CLOSED, true);
        assertThat(monitor.await(GpioSnapshot::doorClosed, Duration.ofSeconds(5))).isTrue();
        try (var armed = guard.arm()) {
            assertThat(seen.getLast().enablesUp()).as("the enables' write reached the listener").isTrue();
            assertThat(seen.getLast().outputs().get(GpioOutput.SCANNING_LAMP)).isTrue();
        }
        assertThat(seen.getLast().enablesDown()).isTrue();
    }

    @Test
    void theLoopPassesWhenEachStepIsDoneAndIsLoggedAndAudited() throws Exception {
        DoorLoopTest loop = new DoorLoopTest(guard, monitor, (a, o, d) -> audited.add(a + " " + o + " " + d.get("result")), Duration.ofSeconds(10), Optional::empty);
        List<DoorLoopTest.StepResult> results = loop.run(engineer(true));
        assertThat(results).hasSize(DoorLoopTest.Step.values().length).allMatch(DoorLoopTest.StepResult::passed);
        assertThat(results.get(1).detail()).isEqualTo("door open, emergency stop released, enables down; interlock tripped; enables dropped");
        assertThat(results.get(3).detail()).contains("emergency stop pressed").contains("interlock tripped");
        assertThat(guard.events()).extracting(e -> e.input()).containsExactly(GpioInput.DOOR_CLOSED, GpioInput.EMERGENCY_STOP);
        assertThat(audited).first().asString().startsWith("diagnostics.loop-test.start");
        assertThat(audited).contains("diagnostics.loop-test.step open_door passed", "diagnostics.loop-test.step press_stop passed")
                .last().asString().startsWith("diagnostics.loop-test.passed");
        assertThat(gpio.isActive(GpioOutput.RF_ENABLE)).as("nothing left armed").isFalse();
    }

    @Test
    void aDoorThatNeverOpensFailsItsStepAfterTheTimeoutSayingWhatToCheck() throws Exception {
        DoorLoopTest loop = new DoorLoopTest(guard, monitor, (a, o, d) -> audited.add(a + " " + o + " " + d.get("check")), Duration.ofMillis(700), Optional::empty);
        long t0 = System.nanoTime();
        List<DoorLoopTest.StepResult> results = loop.run(engineer(false));
        assertThat(results).hasSize(2);
        assertThat(results.get(0).passed()).isTrue();
        DoorLoopTest.StepResult open = results.get(1);
        assertThat(open.passed()).isFalse();
        assertThat(open.failure()).isEqualTo("door-not-seen");
        assertThat(open.took()).isBetween(Duration.ofMillis(650), Duration.ofSeconds(5));
        assertThat(audited).contains("diagnostics.loop-test.step open_door door-not-seen");
        assertThat(audited.getLast()).startsWith("diagnostics.loop-test.failed");
        assertThat(gpio.isActive(GpioOutput.RF_ENABLE)).as("the enables raised for the step were dropped").isFalse();
        assertThat(System.nanoTime() - t0).isLessThan(5_000_000_000L);
    }

    @Test
    void transportModeOrARunningScanRefusesTheLoopTestWithoutRaisingTheEnables() throws Exception {
        DoorLoopTest locked = new DoorLoopTest(guard, monitor, (a, o, d) -> audited.add(a + " " + o + " " + d.get("check")), Duration.ofSeconds(5),
                () -> Optional.of("the unit is in transport mode"));
        List<DoorLoopTest.StepResult> r = locked.run(engineer(true));
        assertThat(r).singleElement().satisfies(s -> {
            assertThat(s.passed()).isFalse();
            assertThat(s.failure()).isEqualTo("locked");
        });
        assertThat(audited).containsExactly("diagnostics.loop-test.start interlocks null", "diagnostics.loop-test.step prepare locked",
                "diagnostics.loop-test.failed interlocks null");
        try (var scan = guard.arm()) {
            List<DoorLoopTest.StepResult> busy = new DoorLoopTest(guard, monitor, (a, o, d) -> { }, Duration.ofSeconds(5), Optional::empty).run(engineer(true));
            assertThat(busy).singleElement().extracting(DoorLoopTest.StepResult::failure).isEqualTo("busy");
            assertThat(gpio.isActive(GpioOutput.RF_ENABLE)).as("the scan's enables are left up").isTrue();
        }
    }

    /** Does what each step asks on the wiring, a little later, from another thread (as a person would). */
    private DoorLoopTest.Listener engineer(boolean opensTheDoor) {
        return new DoorLoopTest.Listener() {
            @Override
            public void started(DoorLoopTest.Step step) {
                Thread.ofVirtual().start(() -> {
                    try {
                        Thread.sleep(50);
                    } catch (InterruptedException e) {
                        return;
                    }
                    switch (step) {
                        case OPEN_DOOR -> { if (opensTheDoor) wiring.set(GpioInput.DOOR_CLOSED, false); }
                        case CLOSE_DOOR -> wiring.set(GpioInput.DOOR_CLOSED, true);
                        case PRESS_STOP -> wiring.set(GpioInput.EMERGENCY_STOP, true);
                        case RELEASE_STOP -> wiring.set(GpioInput.EMERGENCY_STOP, false);
                        default -> { }
                    }
                });
            }

            @Override
            public void finished(DoorLoopTest.StepResult result) {
            }
        };
    }
}
