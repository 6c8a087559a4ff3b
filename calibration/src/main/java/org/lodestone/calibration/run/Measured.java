package org.lodestone.calibration.run;

/** A calibrated quantity: value, its standard uncertainty, and its unit. */
public record Measured(double value, double uncertainty, String unit) {
    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "%.6g ± %.2g %s", value, uncertainty, unit);
    }
}
