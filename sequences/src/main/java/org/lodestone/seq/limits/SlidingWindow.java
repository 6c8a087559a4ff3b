package org.lodestone.seq.limits;

/**
 * Maxima of a per-block quantity averaged over a sliding time window. Each block's amount is spread
 * evenly over its duration; a sequence shorter than the window is taken as repeating, so its mean
 * over its own length is the answer (what a looped sequence would reach).
 */
final class SlidingWindow {
    private final double[] start; // block start times, plus the end
    private final double[] prefix; // cumulative amounts at block starts

    SlidingWindow(double[] durations, double[] amounts) {
        int n = durations.length;
        start = new double[n + 1];
        prefix = new double[n + 1];
        for (int i = 0; i < n; i++) {
            start[i + 1] = start[i] + durations[i];
            prefix[i + 1] = prefix[i] + amounts[i];
        }
    }

    double total() {
        return prefix[prefix.length - 1];
    }

    double duration() {
        return start[start.length - 1];
    }

    /** {max mean rate over any window, index of the block that ends that window}. */
    double[] maxMean(double window) {
        int n = start.length - 1;
        if (n == 0 || duration() <= 0) return new double[] {0, 0};
        if (duration() <= window) return new double[] {total() / duration(), n - 1};
        double best = -1;
        int bestBlock = 0;
        for (int i = 0; i < n; i++) {
            double t = start[i + 1];
            if (t < window) continue;
            double mean = (prefix[i + 1] - cumulative(t - window)) / window;
            if (mean > best) {
                best = mean;
                bestBlock = i;
            }
        }
        return new double[] {best, bestBlock};
    }

    private double cumulative(double t) {
        int lo = 0, hi = start.length - 1;
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (start[mid] <= t) lo = mid;
            else hi = mid;
        }
        double dur = start[lo + 1] - start[lo];
        double frac = dur > 0 ? Math.min(1, (t - start[lo]) / dur) : 1;
        return prefix[lo] + (prefix[lo + 1] - prefix[lo]) * frac;
    }
}
