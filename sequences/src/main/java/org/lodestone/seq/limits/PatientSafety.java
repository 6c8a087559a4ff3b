package org.lodestone.seq.limits;

/**
 * Patient-safety models and their constants.
 * <p>
 * <b>Whole-body SAR</b> (W/kg), averaged over {@code sarWindow} (6 min, IEC 60601-2-33), estimated with the
 * quasi-static model of a homogeneous conducting sphere in a circularly polarised B1:
 * SAR = σ·ω²·R²·⟨B1²⟩ / (10·ρ), ω = 2π·Larmor. With σ = 0.5 S/m, ρ = 1000 kg/m³, R = 0.2 m this gives
 * ≈ 0.32 W/kg per µT² of B1rms at 1.5 T and ≈ 0.017 W/kg per µT² at 0.35 T — a planning estimate,
 * to be replaced by the unit's calibrated SAR model. Limit: 2 W/kg (normal operating mode, whole body).
 * <p>
 * <b>dB/dt</b>: the IEC 60601-2-33 peripheral-nerve-stimulation model, a rheobase/chronaxie hyperbola
 * L(t) = f·rb·(1 + c/t_s,eff) with rb = 20 T/s, c = 0.36 ms and f = 0.8 for the normal operating mode;
 * dB/dt = R·|dG/dt| at R = 0.2 m from isocentre (the IEC compliance volume), t_s,eff the effective
 * stimulus duration (ΔG / peak slew of a monotonic ramp).
 */
public record PatientSafety(double sarLimit, double sarWindow, double tissueConductivity, double tissueDensity,
                            double bodyRadius, double rheobaseTPerS, double chronaxieS, double pnsFraction,
                            double pnsRadius) {

    public static final PatientSafety IEC_NORMAL_MODE = new PatientSafety(2.0, 360, 0.5, 1000, 0.2, 20, 0.36e-3, 0.8, 0.2);

    /** The heaviest and lightest weights the console accepts (kg), as the workflow's patient record. */
    public static final double MIN_WEIGHT_KG = 0.5;
    public static final double MAX_WEIGHT_KG = 350;

    /**
     * The model for a patient of this weight: a sphere of the same mass, its radius capped at this model's
     * {@code bodyRadius} (the region the transmit coil exposes; tissue outside it is not heated). SAR grows with
     * R², so the capped default is the conservative case and only lighter patients (under about 34 kg) get a
     * smaller radius.
     */
    public PatientSafety forWeight(double weightKg) {
        if (!(weightKg >= MIN_WEIGHT_KG && weightKg <= MAX_WEIGHT_KG)) {
            throw new IllegalArgumentException("patient weight must be " + MIN_WEIGHT_KG + "–" + MAX_WEIGHT_KG + " kg: " + weightKg);
        }
        double radius = Math.min(bodyRadius, Math.cbrt(3 * weightKg / (4 * Math.PI * tissueDensity)));
        return new PatientSafety(sarLimit, sarWindow, tissueConductivity, tissueDensity, radius, rheobaseTPerS, chronaxieS,
                pnsFraction, pnsRadius);
    }

    /** W/kg per T² of mean B1², at the given Larmor frequency. */
    public double sarPerB1Squared(double larmorHz) {
        double omega = 2 * Math.PI * larmorHz;
        return tissueConductivity * omega * omega * bodyRadius * bodyRadius / (10 * tissueDensity);
    }

    /** The normal-mode dB/dt limit (T/s) for an effective stimulus duration in seconds. */
    public double dbdtLimit(double effectiveStimulusDuration) {
        return pnsFraction * rheobaseTPerS * (1 + chronaxieS / Math.max(effectiveStimulusDuration, 1e-9));
    }
}
