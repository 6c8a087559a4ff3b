package org.lodestone.hw.gpio;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which logical level of each safety input is safe, and how each state is put in words. */
class GpioInputTest {

    @Test
    void onlyTheDoorIsSafeWhenActiveAndEveryInputSaysItsStateInWords() {
        assertThat(GpioInput.values()).extracting(GpioInput::safeWhenActive).containsExactly(true, false, false, false, false);
        assertThat(GpioInput.DOOR_CLOSED.isSafe(true)).isTrue();
        assertThat(GpioInput.EMERGENCY_STOP.isSafe(true)).isFalse();
        assertThat(GpioInput.DOOR_CLOSED.describe(false)).isEqualTo("door open");
        assertThat(GpioInput.EMERGENCY_STOP.describe(false)).isEqualTo("emergency stop released");
        assertThat(GpioInput.MAGNET_OVERTEMP.describe(true)).isEqualTo("magnet over temperature");
        assertThat(GpioInput.RF_AMP_FAULT.unsafeText()).isEqualTo("RF amplifier fault");
        assertThat(GpioInput.GRADIENT_AMP_FAULT.describe(false)).isEqualTo("gradient amplifier ok");
    }
}
