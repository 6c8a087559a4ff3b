package org.lodestone.console.service.diagnostics;

import org.lodestone.hw.gpio.GpioInput;
import org.lodestone.hw.gpio.GpioOutput;

import java.util.Map;

/** The GPIO at one moment: each input's logical state and each output's. */
public record GpioSnapshot(Map<GpioInput, Input> inputs, Map<GpioOutput, Boolean> outputs) {
    /** @param active the logical meaning of its name (door closed, stop pressed…); @param known false while its level is unknown */
    public record Input(boolean active, boolean safe, boolean known) {
    }

    public GpioSnapshot {
        inputs = Map.copyOf(inputs);
        outputs = Map.copyOf(outputs);
    }

    public boolean doorClosed() {
        return inputs.get(GpioInput.DOOR_CLOSED).active();
    }

    public boolean stopPressed() {
        return inputs.get(GpioInput.EMERGENCY_STOP).active();
    }

    public boolean allSafe() {
        return inputs.values().stream().allMatch(Input::safe);
    }

    /** Both amplifier enables up. */
    public boolean enablesUp() {
        return outputs.get(GpioOutput.RF_ENABLE) && outputs.get(GpioOutput.GRADIENT_ENABLE);
    }

    /** Both amplifier enables down. */
    public boolean enablesDown() {
        return !outputs.get(GpioOutput.RF_ENABLE) && !outputs.get(GpioOutput.GRADIENT_ENABLE);
    }

    /** An input in words, e.g. "door open" or "emergency stop released" (unknown reads as unsafe, and says so). */
    public String describe(GpioInput in) {
        Input i = inputs.get(in);
        return in.describe(i.active()) + (i.known() ? "" : " (state unknown)");
    }
}
