package org.lodestone.hw.gpio;

/**
 * How a program that plays RF or gradients gets armed: {@code UnitConnection::arm} for a caller
 * that arms per program, or {@link #within} an arming already held for a longer task (a whole
 * calibration run, a scan with its prescan).
 */
@FunctionalInterface
public interface Arming {
    /**
     * For the deprecated entry points kept until ScanService passes its own arming: the caller has
     * armed for the whole scan already (ScanService's guard), so nothing more is raised here.
     * @deprecated every caller passes the arming it holds
     */
    @Deprecated
    Arming CALLER_HOLDS = () -> Armed.withoutInterlocks("armed by the caller for the whole scan");

    Armed arm() throws ArmRefused;

    /** Each arm is a {@link Armed#view()} of {@code held}: refused once it has been disarmed. */
    static Arming within(Armed held) {
        return held::view;
    }
}
