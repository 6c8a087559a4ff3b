package org.lodestone.hw.gpio;

/** Arming was refused: an interlock is unsafe (the message names it, e.g. "cannot arm for scan: door open"), or no GPIO is set up. */
public final class ArmRefused extends Exception {
    public ArmRefused(String reason) {
        super(reason);
    }
}
