package org.lodestone.calibration.trend;

import org.lodestone.calibration.qa.DailyQa;
import org.lodestone.calibration.store.CalibrationProfile;
import org.lodestone.calibration.suite.CalibrationSuite;

/**
 * Every trended calibration value's limit, in one place. QA metrics use the QA routine's own criteria;
 * calibration values, which have no absolute criterion on an unknown unit, are held to a band around
 * their first accepted value, wide enough that normal scatter stays inside and a changed unit does not.
 */
public final class TrendLimits {
    /** Noise per channel over its baseline that is an alert (also the health rule's threshold). */
    public static final double NOISE_UP_DB = 3.0;
    /** |Γ| at Larmor after tuning: the tune routine's target (the acceptance tests require it). */
    public static final double MAX_REFLECTION = 0.05;

    private TrendLimits() {
    }

    public static TrendLimit of(String key) {
        DailyQa.Limits qa = DailyQa.Limits.DEFAULT;
        if (CalibrationProfile.noiseChannel(key) >= 0 || key.equals(CalibrationProfile.NOISE_STD)) {
            return new TrendLimit(Double.NaN, Math.pow(10, NOISE_UP_DB / 20), TrendLimit.Basis.FACTOR_OF_BASELINE,
                    "noise", "noise at most +" + NOISE_UP_DB + " dB over the first survey");
        }
        for (String g : CalibrationProfile.GRADIENT_SCALE) {
            if (key.equals(g)) return new TrendLimit(0.98, 1.02, TrendLimit.Basis.FACTOR_OF_BASELINE, "gradient-scale", "gradient scale within ±2 % of the first");
        }
        return switch (key) {
            case CalibrationProfile.QA_SNR -> new TrendLimit(qa.minSnr(), Double.NaN, TrendLimit.Basis.ABSOLUTE, "qa-snr", "QA: SNR ≥ " + (int) qa.minSnr());
            case CalibrationProfile.QA_PIU -> new TrendLimit(qa.minPiuPercent(), Double.NaN, TrendLimit.Basis.ABSOLUTE,
                    "qa-piu", "QA: PIU ≥ " + (int) qa.minPiuPercent() + " %");
            case CalibrationProfile.QA_GHOSTING -> new TrendLimit(Double.NaN, qa.maxGhostingPercent(), TrendLimit.Basis.ABSOLUTE,
                    "qa-ghosting", "QA: ghosting ≤ " + qa.maxGhostingPercent() + " %");
            case CalibrationProfile.QA_DIAMETER -> new TrendLimit(-qa.maxDiameterErrorPercent(), qa.maxDiameterErrorPercent(),
                    TrendLimit.Basis.ABSOLUTE, "qa-diameter", "QA: diameter within ±" + (int) qa.maxDiameterErrorPercent() + " %");
            case CalibrationProfile.FREQUENCY -> new TrendLimit(-CalibrationSuite.WIDE_SEARCH_SPAN_HZ, CalibrationSuite.WIDE_SEARCH_SPAN_HZ,
                    TrendLimit.Basis.FROM_BASELINE, "frequency", "within the ±60 kHz wide search of the first");
            case CalibrationProfile.TRANSMIT_SCALE -> new TrendLimit(0.8, 1.25, TrendLimit.Basis.FACTOR_OF_BASELINE,
                    "transmit-scale", "transmit scale within −20…+25 % of the first");
            case CalibrationProfile.SHIM_X, CalibrationProfile.SHIM_Y, CalibrationProfile.SHIM_Z -> new TrendLimit(-1500, 1500,
                    TrendLimit.Basis.FROM_BASELINE, "shim", "within ±1500 Hz/m of the first (the most one shim run corrects)");
            case CalibrationProfile.TEMPERATURE_COEFFICIENT -> new TrendLimit(0.9, 1.1, TrendLimit.Basis.FACTOR_OF_BASELINE,
                    "temperature-coefficient", "within ±10 % of the first (the magnet's material)");
            case CalibrationProfile.REFLECTION -> new TrendLimit(Double.NaN, MAX_REFLECTION, TrendLimit.Basis.ABSOLUTE,
                    "reflection", "tune: |Γ| at Larmor < " + MAX_REFLECTION);
            case CalibrationProfile.TUNE, CalibrationProfile.MATCH -> new TrendLimit(0, 4095, TrendLimit.Basis.ABSOLUTE,
                    "code-range", "within the code range 0…4095");
            default -> TrendLimit.NONE;
        };
    }
}
