package org.lodestone.seq.model;

/**
 * A piecewise-linear waveform given by its corner points: times (seconds from the block start,
 * non-decreasing) and values. Gradients of every kind reduce to this, so limits, k-space and plots
 * need one integrator only.
 */
public record Waveform(double[] times, double[] values) {
    public static final Waveform EMPTY = new Waveform(new double[0], new double[0]);

    public int size() {
        return times.length;
    }

    public double end() {
        return times.length == 0 ? 0 : times[times.length - 1];
    }

    public double valueAt(double t) {
        int n = times.length;
        if (n == 0 || t < times[0] || t > times[n - 1]) return 0;
        if (t == times[n - 1]) return values[n - 1];
        int i = segment(t);
        double dt = times[i + 1] - times[i];
        return dt <= 0 ? values[i + 1] : values[i] + (values[i + 1] - values[i]) * (t - times[i]) / dt;
    }

    /** ∫ from the first corner to t. */
    public double areaUntil(double t) {
        int n = times.length;
        if (n < 2 || t <= times[0]) return 0;
        double area = 0;
        for (int i = 0; i < n - 1; i++) {
            double t0 = times[i], t1 = times[i + 1];
            if (t >= t1) {
                area += (values[i] + values[i + 1]) / 2 * (t1 - t0);
            } else {
                double v = t1 > t0 ? values[i] + (values[i + 1] - values[i]) * (t - t0) / (t1 - t0) : values[i];
                area += (values[i] + v) / 2 * (t - t0);
                break;
            }
        }
        return area;
    }

    public double area() {
        return areaUntil(end());
    }

    /** ∫ v² dt (exact for linear segments). */
    public double energy() {
        double e = 0;
        for (int i = 0; i < times.length - 1; i++) {
            double a = values[i], b = values[i + 1];
            e += (a * a + a * b + b * b) / 3 * (times[i + 1] - times[i]);
        }
        return e;
    }

    public double peak() {
        double p = 0;
        for (double v : values) p = Math.max(p, Math.abs(v));
        return p;
    }

    /** The steepest segment; a jump in zero time is infinite. */
    public double maxSlew() {
        double s = 0;
        for (int i = 0; i < times.length - 1; i++) {
            double dv = Math.abs(values[i + 1] - values[i]);
            if (dv == 0) continue;
            double dt = times[i + 1] - times[i];
            s = Math.max(s, dt > 0 ? dv / dt : Double.POSITIVE_INFINITY);
        }
        return s;
    }

    /** Index i with times[i] ≤ t < times[i+1]. */
    private int segment(double t) {
        int lo = 0, hi = times.length - 1;
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (times[mid] <= t) lo = mid;
            else hi = mid;
        }
        return lo;
    }
}
