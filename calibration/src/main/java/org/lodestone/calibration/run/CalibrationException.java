package org.lodestone.calibration.run;

/** A calibration that could not produce a trustworthy value; the message says why, for the service engineer. */
public final class CalibrationException extends Exception {
    public CalibrationException(String message) {
        super(message);
    }
}
