package org.lodestone.hw.gpio;

/**
 * The safety inputs the unit's embedded PC reads. "Active" is the logical meaning of the name
 * (door closed, stop pressed, fault present); the pin polarity in {@link GpioConfig} maps it to a level.
 */
public enum GpioInput {
    DOOR_CLOSED(true, "door closed", "door open"),
    EMERGENCY_STOP(false, "emergency stop released", "emergency stop pressed"),
    RF_AMP_FAULT(false, "RF amplifier ok", "RF amplifier fault"),
    GRADIENT_AMP_FAULT(false, "gradient amplifier ok", "gradient amplifier fault"),
    MAGNET_OVERTEMP(false, "magnet temperature ok", "magnet over temperature");

    private final boolean safeWhenActive;
    private final String safeText;
    private final String unsafeText;

    GpioInput(boolean safeWhenActive, String safeText, String unsafeText) {
        this.safeWhenActive = safeWhenActive;
        this.safeText = safeText;
        this.unsafeText = unsafeText;
    }

    /** True for the door (closed is safe), false for stop and fault lines (active is unsafe). */
    public boolean safeWhenActive() {
        return safeWhenActive;
    }

    public boolean isSafe(boolean active) {
        return active == safeWhenActive;
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
