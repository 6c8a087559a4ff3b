package org.lodestone.calibration.drift;

/**
 * Predicts the Larmor frequency from the magnet temperature: f(T) = f_ref·(1 + α·(T − T_ref)),
 * anchored at the last measured frequency and corrected by every new measurement (FID or
 * navigator). Immutable: a correction returns a new tracker.
 *
 * @param referenceHz  last measured frequency
 * @param referenceC   magnet temperature when it was measured
 * @param coefficientPerK relative field change per kelvin (NdFeB ≈ −0.0012)
 */
public record DriftTracker(double referenceHz, double referenceC, double coefficientPerK) {
    public double predictHz(double magnetC) {
        if (Double.isNaN(magnetC) || Double.isNaN(referenceC)) return referenceHz;
        return referenceHz * (1 + coefficientPerK * (magnetC - referenceC));
    }

    public DriftTracker corrected(double measuredHz, double magnetC) {
        return new DriftTracker(measuredHz, magnetC, coefficientPerK);
    }
}
