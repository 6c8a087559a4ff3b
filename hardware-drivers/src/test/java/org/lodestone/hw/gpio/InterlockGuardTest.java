package org.lodestone.hw.gpio;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

class InterlockGuardTest {

    @Test
    void doorOpeningOnTheBusDropsEnablesAndRunsTheAction() throws Exception {
        try (BusRig rig = new BusRig()) {
            List<InterlockEvent> seen = new CopyOnWriteArrayList<>();
            List<Boolean> rfHighDuringAction = new CopyOnWriteArrayList<>();
            InterlockGuard guard = new InterlockGuard(rig.gpio, e -> {
                rfHighDuringAction.add(rig.gpio.isActive(GpioOutput.RF_ENABLE) || rig.gpio.isActive(GpioOutput.GRADIENT_ENABLE));
                seen.add(e);
            });
            assertThat(guard.armForScan()).isEmpty();
            rig.awaitLogical(GpioOutput.RF_ENABLE, true);
            rig.awaitLogical(GpioOutput.GRADIENT_ENABLE, true);
            rig.awaitLogical(GpioOutput.SCANNING_LAMP, true);

            rig.setLogical(GpioInput.DOOR_CLOSED, false);

            var rfLow = rig.awaitLogical(GpioOutput.RF_ENABLE, false);
            var gradLow = rig.awaitLogical(GpioOutput.GRADIENT_ENABLE, false);
            assertThat(rfLow.high()).isFalse();
            assertThat(gradLow.high()).isFalse();
            assertThat(rfLow.nanoTime()).isLessThanOrEqualTo(gradLow.nanoTime()); // RF goes first
            BusRig.eventually(() -> !seen.isEmpty(), "the interlock action");
            assertThat(rfHighDuringAction).containsExactly(false); // both enables were dropped before the action ran
            assertThat(seen.getFirst().input()).isEqualTo(GpioInput.DOOR_CLOSED);
            assertThat(seen.getFirst().detail()).contains("door open").contains("during scan");
            assertThat(guard.events()).containsExactlyElementsOf(seen);
            assertThat(guard.isArmed()).isFalse();
            rig.awaitLogical(GpioOutput.SCANNING_LAMP, false);
        }
    }

    @Test
    void armForScanIsRefusedWhileTheDoorIsOpenWithAReasonNamingTheDoor() throws Exception {
        try (BusRig rig = new BusRig()) {
            InterlockGuard guard = new InterlockGuard(rig.gpio, e -> { });
            rig.setLogical(GpioInput.DOOR_CLOSED, false);
            BusRig.eventually(() -> !rig.gpio.doorClosed(), "the door to read open");

            assertThat(guard.armForScan()).hasValueSatisfying(reason -> assertThat(reason).contains("door open"));
            assertThat(guard.isArmed()).isFalse();
            rig.awaitLogical(GpioOutput.RF_ENABLE, false);
            rig.awaitLogical(GpioOutput.GRADIENT_ENABLE, false);
            assertThat(rig.gpio.isActive(GpioOutput.RF_ENABLE)).isFalse();

            rig.setLogical(GpioInput.DOOR_CLOSED, true);
            BusRig.eventually(rig.gpio::doorClosed, "the door to read closed");
            assertThat(guard.armForScan()).isEmpty();
            rig.awaitLogical(GpioOutput.RF_ENABLE, true);
            guard.scanEnded();
            rig.awaitLogical(GpioOutput.RF_ENABLE, false);
            rig.awaitLogical(GpioOutput.GRADIENT_ENABLE, false);
            rig.awaitLogical(GpioOutput.SCANNING_LAMP, false);
        }
    }

    @ParameterizedTest
    @EnumSource(GpioInput.class)
    void everyUnsafeInputTripsAndIsLogged(GpioInput input) throws Exception {
        try (BusRig rig = new BusRig()) {
            List<InterlockEvent> seen = new CopyOnWriteArrayList<>();
            InterlockGuard guard = new InterlockGuard(rig.gpio, seen::add);
            assertThat(guard.armForScan()).isEmpty();
            rig.awaitLogical(GpioOutput.RF_ENABLE, true);

            rig.setLogical(input, !input.safeWhenActive());

            rig.awaitLogical(GpioOutput.RF_ENABLE, false);
            rig.awaitLogical(GpioOutput.GRADIENT_ENABLE, false);
            BusRig.eventually(() -> guard.events().size() == 1, "one logged interlock event");
            assertThat(guard.events().getFirst().input()).isEqualTo(input);
            assertThat(guard.armForScan()).hasValueSatisfying(r -> assertThat(r).contains(input.unsafeText()));
        }
    }

    @Test
    void losingTheBusTripsBecauseEveryInputBecomesUnknown() throws Exception {
        try (BusRig rig = new BusRig()) {
            List<InterlockEvent> seen = new CopyOnWriteArrayList<>();
            InterlockGuard guard = new InterlockGuard(rig.gpio, seen::add);
            assertThat(guard.armForScan()).isEmpty();
            rig.awaitLogical(GpioOutput.RF_ENABLE, true);

            rig.server.close();

            BusRig.eventually(() -> seen.size() == GpioInput.values().length, "a trip per input");
            assertThat(seen).allSatisfy(e -> assertThat(e.detail()).contains("unknown"));
            assertThat(guard.isArmed()).isFalse();
            // An enable nobody drives is off at the amplifier (the twin's wiring reads a lost console so): dropping
            // it over a lost bus is remembered for the reconnection, not reported as a failure.
            assertThat(seen).allSatisfy(e -> assertThat(e.detail()).doesNotContain("FAILED"));
            assertThat(rig.gpio.isActive(GpioOutput.RF_ENABLE)).isFalse();
            assertThat(guard.armForScan()).hasValueSatisfying(r -> assertThat(r).contains("door open (state unknown)"));
        }
    }

    /** A knocked bus connector: the console goes safe at once, reconnects by itself, and the guard works again. */
    @Test
    void aDroppedBusGoesSafeThenReconnectsAndTheGuardWorksAgain() throws Exception {
        try (BusRig rig = new BusRig()) {
            List<InterlockEvent> seen = new CopyOnWriteArrayList<>();
            InterlockGuard guard = new InterlockGuard(rig.gpio, seen::add);
            assertThat(guard.armForScan()).isEmpty();
            rig.awaitLogical(GpioOutput.RF_ENABLE, true);

            rig.server.dropClients("connector knocked");

            BusRig.eventually(() -> seen.size() == GpioInput.values().length, "a trip per input");
            assertThat(seen).allSatisfy(e -> assertThat(e.detail()).contains("state unknown"));
            assertThat(seen.getFirst().detail()).contains("during scan"); // the first trip stopped the scan
            assertThat(guard.isArmed()).isFalse();
            // reconnected: the enables it dropped while cut off reach the wiring, the inputs are known again
            rig.awaitLogical(GpioOutput.RF_ENABLE, false);
            rig.awaitLogical(GpioOutput.GRADIENT_ENABLE, false);
            BusRig.eventually(() -> rig.server.clientCount() == 1 && rig.gpio.unsafeInputs().isEmpty(), "the bus back");
            assertThat(guard.armForScan()).isEmpty();
            rig.awaitLogical(GpioOutput.RF_ENABLE, true);

            rig.setLogical(GpioInput.DOOR_CLOSED, false);
            rig.awaitLogical(GpioOutput.RF_ENABLE, false);
            BusRig.eventually(() -> seen.size() == GpioInput.values().length + 1, "the door trip after reconnection");
            assertThat(seen.getLast().input()).isEqualTo(GpioInput.DOOR_CLOSED);
            assertThat(seen.getLast().detail()).contains("door open").contains("during scan");
        }
    }

    @Test
    void theEventLogIsBounded() throws Exception {
        try (BusRig rig = new BusRig()) {
            InterlockGuard guard = new InterlockGuard(rig.gpio, e -> { }, java.time.Clock.systemUTC(), 3);
            for (int i = 0; i < 5; i++) {
                rig.setLogical(GpioInput.EMERGENCY_STOP, true);
                int n = i;
                BusRig.eventually(() -> guard.events().size() == Math.min(3, n + 1), "event " + n);
                rig.setLogical(GpioInput.EMERGENCY_STOP, false);
                BusRig.eventually(() -> !rig.gpio.emergencyStopPressed(), "stop released");
            }
            assertThat(guard.events()).hasSize(3).allSatisfy(e -> assertThat(e.input()).isEqualTo(GpioInput.EMERGENCY_STOP));
        }
    }
}
