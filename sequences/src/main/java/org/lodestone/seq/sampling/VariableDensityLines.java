package org.lodestone.seq.sampling;

import java.util.SplittableRandom;

/**
 * Variable-density undersampling of the phase encodes of a 2D scan: a fully sampled block of centre lines
 * (the calibration region, from which recon estimates coil maps) and, outside it, lines drawn with a density
 * falling from the centre to the edge. The draw is jittered along the density's cumulative distribution
 * (one line per equal-probability bin, at a seeded random place in its bin): dense centre, sparse edge, no
 * clusters and no big gaps, i.e. incoherent aliasing for compressed sensing. Same arguments, same lines.
 */
public final class VariableDensityLines {
    /** Density ∝ (1 − |k|/kmax)^POWER + FLOOR: the edge keeps some lines so fine detail is not lost outright. */
    private static final double POWER = 2;
    private static final double FLOOR = 0.05;

    private VariableDensityLines() {
    }

    /**
     * @param n           phase encodes of the full grid (k-space centre at n/2)
     * @param firstLine   lines below it are never acquired (partial Fourier; 0 for none)
     * @param count       lines to acquire in all (calibration lines included)
     * @param calibration fully sampled centre lines (clipped to the acquired range)
     * @param seed        same seed, same lines
     * @return an n × 1 mask (line y is point (y, 0))
     */
    public static SamplingMask draw(int n, int firstLine, int count, int calibration, long seed) {
        if (firstLine < 0 || firstLine >= n) throw new IllegalArgumentException("first line " + firstLine + " outside 0…" + (n - 1));
        boolean[] m = new boolean[n];
        int c = n / 2;
        int calFrom = Math.max(firstLine, c - calibration / 2), calTo = Math.min(n, c - calibration / 2 + calibration);
        int taken = 0;
        for (int y = calFrom; y < calTo; y++) {
            m[y] = true;
            taken++;
        }
        int free = n - firstLine - taken;
        int want = Math.min(free, count - taken);
        if (want <= 0) return new SamplingMask(n, 1, m);
        double[] cdf = new double[n];
        double total = 0;
        for (int y = firstLine; y < n; y++) {
            if (!m[y]) total += density(y, n);
            cdf[y] = total;
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int i = 0; i < want; i++) {
            double q = (i + rnd.nextDouble()) / want * total;
            int y = firstLine;
            while (y < n - 1 && cdf[y] < q) y++;
            m[nearestFree(m, y, firstLine)] = true;
        }
        return new SamplingMask(n, 1, m);
    }

    /** The free line nearest to {@code y} (y itself when free), looking both ways within firstLine…n−1. */
    private static int nearestFree(boolean[] m, int y, int firstLine) {
        for (int d = 0; d < m.length; d++) {
            if (y + d < m.length && !m[y + d]) return y + d;
            if (y - d >= firstLine && !m[y - d]) return y - d;
        }
        throw new IllegalStateException("no free line left");
    }

    static double density(int y, int n) {
        double k = Math.abs(y - n / 2.0) / (n / 2.0);
        return Math.pow(Math.max(0, 1 - k), POWER) + FLOOR;
    }

    /** The acquired lines of an n × 1 mask, ascending. */
    public static int[] lines(SamplingMask mask) {
        return mask.points().stream().mapToInt(p -> p[0]).toArray();
    }
}
