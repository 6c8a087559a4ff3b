package org.lodestone.seq.limits;

/**
 * The hardware's thermal and power ratings, as sliding-window averages.
 *
 * @param maxGradientRms    per-axis gradient RMS (Hz/m) the coil and amplifier sustain over {@code gradientRmsWindow} (s)
 * @param maxRfDutyCycle    fraction of time the RF amplifier may transmit over {@code rfWindow} (s)
 * @param maxB1RmsHz        RMS of γ·B1 (Hz) over {@code rfWindow}: the amplifier's average-power rating at the coil
 */
public record HeatingLimits(double maxGradientRms, double gradientRmsWindow, double maxRfDutyCycle, double maxB1RmsHz,
                            double rfWindow) {

    /**
     * Planning defaults when the unit does not state its ratings: gradient RMS 60 % of the peak
     * amplitude over 1 s (a typical linear-amplifier / air-cooled coil rating), RF duty cycle 10 %
     * and B1 RMS 25 % of the peak B1 (6 % of peak power) over 10 s.
     */
    public static HeatingLimits defaultsFor(double maxGradient, double maxB1Hz) {
        return new HeatingLimits(0.6 * maxGradient, 1.0, 0.10, 0.25 * maxB1Hz, 10.0);
    }
}
