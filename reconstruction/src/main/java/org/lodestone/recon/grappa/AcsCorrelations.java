package org.lodestone.recon.grappa;

import java.util.stream.IntStream;

/**
 * The inner products every kernel fit needs, made once for all of a slice's patterns: for two rows r1 ≤ r2 of the
 * centre (ACS) block, two readout taps and two coils, {@code Σ_x conj(k[c1][r1][x+dx1]) · k[c2][r2][x+dx2]} over the
 * columns where every tap is inside the readout. A pattern's normal equations are then sums of these over its
 * training rows (no pass over the samples per pattern: with eight coils that pass cost seconds per slice).
 */
final class AcsCorrelations {
    private final int from;
    private final int rows;
    private final int taps;
    private final int coils;
    /** Per row pair {@code (r1 − from)·rows + (r2 − from)}, r1 ≤ r2, r2 − r1 ≤ maxSpan: interleaved complex. */
    private final double[][] pairs;

    private AcsCorrelations(int from, int rows, int taps, int coils, double[][] pairs) {
        this.from = from;
        this.rows = rows;
        this.taps = taps;
        this.coils = coils;
        this.pairs = pairs;
    }

    /**
     * @param k         per coil, interleaved complex {@code nx × ny}
     * @param acsFrom   first row of the fully sampled block
     * @param acsTo     one past its last row
     * @param halfWidth readout taps each side
     * @param maxSpan   the farthest two rows of one pattern are apart
     */
    static AcsCorrelations of(float[][] k, int nx, int acsFrom, int acsTo, int halfWidth, int maxSpan, int threads) {
        int rows = acsTo - acsFrom, taps = 2 * halfWidth + 1, coils = k.length;
        double[][] pairs = new double[rows * rows][];
        IntStream byRow = IntStream.range(0, rows);
        if (threads > 1) byRow = byRow.parallel();
        byRow.forEach(a -> {
            for (int b = a; b < rows && b - a <= maxSpan; b++) {
                pairs[a * rows + b] = rowPair(k, nx, acsFrom + a, acsFrom + b, halfWidth, taps, coils);
            }
        });
        return new AcsCorrelations(acsFrom, rows, taps, coils, pairs);
    }

    private static double[] rowPair(float[][] k, int nx, int r1, int r2, int h, int taps, int coils) {
        double[] out = new double[2 * taps * taps * coils * coils];
        for (int c1 = 0; c1 < coils; c1++) {
            for (int c2 = 0; c2 < coils; c2++) {
                float[] k1 = k[c1], k2 = k[c2];
                for (int t1 = 0; t1 < taps; t1++) {
                    for (int t2 = 0; t2 < taps; t2++) {
                        int o1 = 2 * (r1 * nx + t1 - h), o2 = 2 * (r2 * nx + t2 - h);
                        double re = 0, im = 0;
                        for (int x = h; x < nx - h; x++) {
                            double ar = k1[o1 + 2 * x], ai = k1[o1 + 2 * x + 1], br = k2[o2 + 2 * x], bi = k2[o2 + 2 * x + 1];
                            re += ar * br + ai * bi;
                            im += ar * bi - ai * br;
                        }
                        int i = 2 * (((t1 * taps + t2) * coils + c1) * coils + c2);
                        out[i] = re;
                        out[i + 1] = im;
                    }
                }
            }
        }
        return out;
    }

    int from() {
        return from;
    }

    int to() {
        return from + rows;
    }

    /**
     * Adds {@code Σ_x conj(k[c1][r1][x+dx1]) · k[c2][r2][x+dx2]} to {@code sum[at], sum[at+1]} (taps as indices
     * 0…2h, rows absolute); the pair must be within the block and the span given to {@link #of}.
     */
    void add(int r1, int tap1, int c1, int r2, int tap2, int c2, double[] sum, int at) {
        if (r1 <= r2) {
            int i = 2 * (((tap1 * taps + tap2) * coils + c1) * coils + c2);
            double[] p = pairs[(r1 - from) * rows + (r2 - from)];
            sum[at] += p[i];
            sum[at + 1] += p[i + 1];
        } else {
            // the transposed pair is the conjugate
            int i = 2 * (((tap2 * taps + tap1) * coils + c2) * coils + c1);
            double[] p = pairs[(r2 - from) * rows + (r1 - from)];
            sum[at] += p[i];
            sum[at + 1] -= p[i + 1];
        }
    }
}
