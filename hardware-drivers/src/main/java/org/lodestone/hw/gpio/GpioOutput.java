package org.lodestone.hw.gpio;

/** Outputs driven by the unit's embedded PC. Inactive is the safe state of every one of them. */
public enum GpioOutput {
    /** RF power amplifier enable / unblank. */
    RF_ENABLE,
    /** Gradient amplifier enable. */
    GRADIENT_ENABLE,
    /** Transmit/receive switch (active = transmit path). */
    TR_SWITCH,
    /** Receive coil detune (active = detuned). */
    COIL_DETUNE,
    /** "Scanning" lamp at the door. */
    SCANNING_LAMP;

    /** The amplifier enables, raised only by {@link InterlockGuard#armForScan()}. */
    public boolean isEnable() {
        return this == RF_ENABLE || this == GRADIENT_ENABLE;
    }
}
