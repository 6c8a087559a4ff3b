package org.lodestone.hw.gpio;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Armed handle against a real GPIO bus server over loopback. */
class ArmedTest {

    @Test
    void armRaisesTheEnablesAndClosingDropsThem() throws Exception {
        try (BusRig rig = new BusRig()) {
            InterlockGuard guard = new InterlockGuard(rig.gpio, e -> { });
            try (Armed armed = guard.arm()) {
                rig.awaitLogical(GpioOutput.RF_ENABLE, true);
                rig.awaitLogical(GpioOutput.GRADIENT_ENABLE, true);
                assertThat(armed.interlocksWatched()).isTrue();
                assertThat(armed.isArmed()).isTrue();
            }
            rig.awaitLogical(GpioOutput.RF_ENABLE, false);
            rig.awaitLogical(GpioOutput.GRADIENT_ENABLE, false);
            rig.awaitLogical(GpioOutput.SCANNING_LAMP, false);
            assertThat(guard.isArmed()).isFalse();
        }
    }

    @Test
    void armIsRefusedNamingTheOpenDoorAndNothingIsRaised() throws Exception {
        try (BusRig rig = new BusRig()) {
            InterlockGuard guard = new InterlockGuard(rig.gpio, e -> { });
            rig.setLogical(GpioInput.DOOR_CLOSED, false);
            BusRig.eventually(() -> !rig.gpio.doorClosed(), "the door to read open");

            assertThatThrownBy(guard::arm).isInstanceOf(ArmRefused.class).hasMessageContaining("door open");
            assertThat(rig.gpio.isActive(GpioOutput.RF_ENABLE)).isFalse();
            assertThat(rig.gpio.isActive(GpioOutput.GRADIENT_ENABLE)).isFalse();
            assertThat(guard.isArmed()).isFalse();
        }
    }

    @Test
    void aTripDisarmsTheHandleAndClosingAfterwardsIsHarmless() throws Exception {
        try (BusRig rig = new BusRig()) {
            InterlockGuard guard = new InterlockGuard(rig.gpio, e -> { });
            Armed armed = guard.arm();
            rig.awaitLogical(GpioOutput.RF_ENABLE, true);
            rig.setLogical(GpioInput.EMERGENCY_STOP, true);
            rig.awaitLogical(GpioOutput.RF_ENABLE, false);
            BusRig.eventually(() -> !armed.isArmed(), "the handle to read disarmed");
            armed.close();
            armed.close();
            assertThat(rig.gpio.isActive(GpioOutput.RF_ENABLE)).isFalse();
        }
    }

    @Test
    void aViewLeavesTheEnablesToItsHolderAndIsRefusedAfterATripNamingIt() throws Exception {
        try (BusRig rig = new BusRig()) {
            InterlockGuard guard = new InterlockGuard(rig.gpio, e -> { });
            try (Armed held = guard.arm()) {
                rig.awaitLogical(GpioOutput.RF_ENABLE, true);
                Arming perProgram = Arming.within(held);
                perProgram.arm().close();
                assertThat(held.isArmed()).isTrue();
                assertThat(rig.gpio.isActive(GpioOutput.RF_ENABLE)).isTrue();

                rig.setLogical(GpioInput.DOOR_CLOSED, false);
                rig.awaitLogical(GpioOutput.RF_ENABLE, false);
                BusRig.eventually(() -> !held.isArmed(), "the holder to read disarmed");
                assertThatThrownBy(perProgram::arm).isInstanceOf(ArmRefused.class).hasMessageContaining("door open");
            }
        }
    }

    @Test
    void withoutInterlocksWatchesNothingAndSaysWhy() {
        Armed a = Armed.withoutInterlocks("--gpio none");
        assertThat(a.interlocksWatched()).isFalse();
        assertThat(a.isArmed()).isTrue();
        assertThat(a.note()).isEqualTo("--gpio none");
        a.close();
        assertThat(a.isArmed()).isFalse();
    }
}
