package org.lodestone.calibration.trend;

/**
 * What a trended value must stay within: a lower and/or an upper line (NaN = open on that side), either
 * absolute or relative to the value's first accepted measurement (its baseline), and why.
 *
 * @param low      lowest acceptable value (absolute), or the lowest change from the baseline
 * @param high     highest acceptable value (absolute), or the highest change from the baseline
 * @param basis    how low and high read
 * @param rule     which limit this is, a stable name a window turns into its own words with low and high
 *                 (the console's {@code service.trend.rule.<rule>})
 * @param source   where the numbers come from (a routine's criterion, a health rule), in English for logs and the CLI
 */
public record TrendLimit(double low, double high, Basis basis, String rule, String source) {
    public enum Basis {
        /** low and high are values in the key's unit. */
        ABSOLUTE,
        /** low and high are added to the baseline (same unit). */
        FROM_BASELINE,
        /** low and high are factors of the baseline (1.0 = equal). */
        FACTOR_OF_BASELINE
    }

    /** No limit is stated for this value (it is shown, nothing is judged). */
    public static final TrendLimit NONE = new TrendLimit(Double.NaN, Double.NaN, Basis.ABSOLUTE, "none", "no limit stated");

    public boolean stated() {
        return !Double.isNaN(low) || !Double.isNaN(high);
    }

    /** The lower line in the key's unit for this baseline, NaN when open. */
    public double lowFor(double baseline) {
        return resolve(low, baseline);
    }

    /** The upper line in the key's unit for this baseline, NaN when open. */
    public double highFor(double baseline) {
        return resolve(high, baseline);
    }

    /** True when the value is outside a stated line. */
    public boolean outside(double value, double baseline) {
        double lo = lowFor(baseline), hi = highFor(baseline);
        return (!Double.isNaN(lo) && value < lo) || (!Double.isNaN(hi) && value > hi);
    }

    private double resolve(double v, double baseline) {
        if (Double.isNaN(v)) return Double.NaN;
        return switch (basis) {
            case ABSOLUTE -> v;
            case FROM_BASELINE -> baseline + v;
            case FACTOR_OF_BASELINE -> baseline * v;
        };
    }
}
