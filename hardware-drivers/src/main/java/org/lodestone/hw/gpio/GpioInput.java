package org.lodestone.hw.gpio;

/**
 * The safety inputs the unit's embedded PC reads. "Active" is the logical meaning of the name
 * (door closed, stop pressed, fault present); the pin polarity in {@link GpioConfig} maps it to a level.
 */
public enum GpioInput {
    DOOR_CLOSED("door closed", "door open"),
    EMERGENCY_STOP("emergency stop released", "emergency stop pressed"),
    RF_AMP_FAULT("RF amplifier ok", "RF amplifier fault"),
    GRADIENT_AMP_FAULT("gradient amplifier ok", "gradient amplifier fault"),
    MAGNET_OVERTEMP("magnet temperature ok", "magnet over temperature");

    private final String safeText;
    private final String unsafeText;

    GpioInput(String safeText, String unsafeText) {
        this.safeText = safeText;
        this.unsafeText = unsafeText;
    }

    /**
     * True for the door (closed is safe), false for stop and fault lines (active is unsafe): the door is the
     * one input named after its safe state.
     */
    public boolean safeWhenActive() {
        return this == DOOR_CLOSED;
    }

    public boolean isSafe(boolean active) {
        return active == safeWhenActive();
    }

    /** What a person is told when this input blocks or stops a scan, e.g. "door open". */
    public String unsafeText() {
        return unsafeText;
    }

    /** The input's state in words for a logical level, e.g. "door closed" or "door open". */
    public String describe(boolean active) {
        return isSafe(active) ? safeText : unsafeText;
    }
}
