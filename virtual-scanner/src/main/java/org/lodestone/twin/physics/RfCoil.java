package org.lodestone.twin.physics;

/**
 * The hidden state of the transmit/receive chain. The coil is a resonant circuit: at the Larmor
 * frequency f its amplitude response is |H| = 1/√(1 + (2Q(f − f_res)/f_res)²), times √(1 − Γ²)
 * for the match. The same factor scales the transmitted B1 and the received signal (the receiver
 * noise is preamplifier noise and is not scaled).
 *
 * @param rfScale             true flip angle / nominal flip angle at perfect tuning (B1 calibration error)
 * @param resonanceOffsetHz   coil resonance at the power-on tune code minus the nominal Larmor frequency
 * @param q                   loaded quality factor
 * @param tuneHzPerCode       resonance shift per TUNE_COIL tune code
 * @param matchOptimumCode    match code of perfect match; Γ = (code − optimum)/{@value #CODE_RANGE}
 */
public record RfCoil(double rfScale, double resonanceOffsetHz, double q, double tuneHzPerCode, int matchOptimumCode) {
    public static final int POWER_ON_CODE = 2048;
    public static final int CODE_RANGE = 2048;

    /** Resonance frequency for a tune code. */
    public double resonanceHz(double nominalLarmorHz, int tuneCode) {
        return nominalLarmorHz + resonanceOffsetHz + (tuneCode - POWER_ON_CODE) * tuneHzPerCode;
    }

    /** Amplitude efficiency (0..1) at frequency f for the given codes: Lorentzian detuning times match. */
    public double efficiency(double nominalLarmorHz, double fHz, int tuneCode, int matchCode) {
        double fr = resonanceHz(nominalLarmorHz, tuneCode);
        double x = 2 * q * (fHz - fr) / fr;
        double gamma = Math.min(1, Math.abs(matchCode - matchOptimumCode) / (double) CODE_RANGE);
        return Math.sqrt(1 - gamma * gamma) / Math.sqrt(1 + x * x);
    }

    /**
     * Complex reflection coefficient a directional coupler sees at f: the coil as a parallel resonator
     * of normalised impedance z = k/(1 + jX) through its match network, Γ = (z − 1)/(z + 1). k is set by
     * the match code (Γ at resonance = (code − optimum)/{@value #CODE_RANGE}), and X = (k + 1)·2Q(f − f_res)/f_res
     * so that the power the coil takes, 1 − |Γ|², is exactly {@link #efficiency}² (one model for both).
     */
    public double[] reflection(double nominalLarmorHz, double fHz, int tuneCode, int matchCode) {
        double fr = resonanceHz(nominalLarmorHz, tuneCode);
        double g0 = Math.max(-0.999, Math.min(0.999, (matchCode - matchOptimumCode) / (double) CODE_RANGE));
        double k = (1 + g0) / (1 - g0);
        double x = (k + 1) * 2 * q * (fHz - fr) / fr;
        // (k − 1 − jX)/(k + 1 + jX)
        double ar = k - 1, ai = -x, br = k + 1, bi = x;
        double d = br * br + bi * bi;
        return new double[] {(ar * br + ai * bi) / d, (ai * br - ar * bi) / d};
    }

    /** Tune code that puts the resonance closest to f. */
    public int bestTuneCode(double nominalLarmorHz, double fHz) {
        return (int) Math.round(POWER_ON_CODE + (fHz - nominalLarmorHz - resonanceOffsetHz) / tuneHzPerCode);
    }

    public RfCoil withRfScale(double s) {
        return new RfCoil(s, resonanceOffsetHz, q, tuneHzPerCode, matchOptimumCode);
    }

    /** A coil exactly tuned and matched to nominal Larmor at the power-on codes. */
    public RfCoil tunedToNominal() {
        return new RfCoil(rfScale, 0, q, tuneHzPerCode, POWER_ON_CODE);
    }
}
