package org.lodestone.calibration.run;

/**
 * A calibration that could not produce a trustworthy value; the message says why, for the service engineer,
 * and {@link #reason()} says it in a form a window can word in its own language.
 */
public final class CalibrationException extends Exception {
    private final Reason reason;

    public CalibrationException(String message) {
        this(Reason.OTHER, message);
    }

    public CalibrationException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
