package org.lodestone.calibration.plot;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Axis ticks at round values (1, 2 or 5 × 10ⁿ) and labels with just the digits the step needs. */
public record Ticks(double step, List<Double> values) {
    public Ticks {
        values = List.copyOf(values);
    }

    /** About {@code target} ticks inside [lo, hi]. */
    public static Ticks between(double lo, double hi, int target) {
        if (!(hi > lo) || !Double.isFinite(lo) || !Double.isFinite(hi)) return new Ticks(1, List.of(lo));
        double raw = (hi - lo) / Math.max(1, target);
        double mag = Math.pow(10, Math.floor(Math.log10(raw)));
        double f = raw / mag;
        double step = (f < 1.5 ? 1 : f < 3.5 ? 2 : f < 7.5 ? 5 : 10) * mag;
        List<Double> v = new ArrayList<>();
        for (double x = Math.ceil(lo / step - 1e-9) * step; x <= hi + step * 1e-9; x += step) {
            v.add(Math.abs(x) < step * 1e-9 ? 0.0 : x);
        }
        return new Ticks(step, v);
    }

    /** A tick's label: as many decimals as the step has, no exponent between 10⁻³ and 10⁶. */
    public String label(double v) {
        double a = Math.abs(step);
        if (a >= 1e6 || a < 1e-3) return String.format(Locale.ROOT, "%.3g", v);
        int decimals = Math.max(0, (int) Math.ceil(-Math.log10(a) - 1e-9));
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }
}
