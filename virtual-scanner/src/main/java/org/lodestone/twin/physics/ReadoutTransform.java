package org.lodestone.twin.physics;

/**
 * The sum over isochromats of one ADC segment in which every isochromat's phase is linear in the
 * sample index: s_j = Σ_i b_i·e^{i2πν_i·j}, j = 0..L−1 (a type-1 non-uniform DFT). Direct evaluation
 * costs L complex products per isochromat; here each isochromat is put in the nearest bin n/M of an
 * M-point frequency grid (M ≥ 4L, a power of two) and the remainder δ = ν − n/M is expanded as a Taylor
 * series about the segment centre h = (L−1)/2:
 * e^{i2πδj} = e^{i2πδh}·Σ_t (i2πδh)^t/t!·τ^t, τ = (j−h)/h ∈ [−1, 1].
 * |2πδh| ≤ π(L−1)/(2M) ≤ π/8, so {@link #TERMS} terms leave a relative error below 3e-11 per isochromat;
 * then one inverse FFT of size M per term gives every sample. A segment shorter than M/4 needs fewer terms for
 * the same bound ({@link #termsFor}); the caller also picks M per segment (issue #18: the FFTs of short
 * segments on the longest one's grid were a quarter of a 3D line's cost). Cost per isochromat: {@link #TERMS}
 * complex additions per coil instead of L. The grid is periodic in ν, as the samples are: an
 * isochromat outside the field of view aliases exactly as it would in the direct sum.
 *
 * <p>Grids are accumulated per tissue (the caller weights tissues by T2 and T2′ per sample) and per
 * moment: moment 0 sums b_i, moment 1 + ax sums b_i·r_ax,i (for the caller's first-order correction of a
 * slightly non-linear readout phase).
 * One instance per scan; one thread per coil may spread and evaluate at once.
 */
final class ReadoutTransform {
    /** Taylor terms at most: (π/8)^10/10! = 2.4e-11. */
    static final int TERMS = 10;
    /** The truncation bound every segment keeps: the last term left out, |z|^T/T!, at most the full grid's. */
    static final double TRUNCATION = Math.pow(Math.PI / 8, TERMS) / 3628800.0;
    /**
     * The bound for the 3D gradient echo's voxel model (issue #18): relative 1e-6 per isochromat, still far below the
     * phase error a window may keep ({@link ReadoutPlanner#SEGMENT_PHASE_TOLERANCE_RAD}) and the model's own (ideal
     * spoiling); gre3d's segments of 61 and 35 samples take 7 + 6 terms instead of 10 + 9.
     */
    static final double VOXEL_MODEL_TRUNCATION = 1e-6;

    private static final double[] INVERSE = new double[TERMS];

    static {
        for (int t = 0; t < TERMS; t++) INVERSE[t] = 1.0 / (t + 1);
    }

    /** Doubles per bin: 4 moments × TERMS × (re, im), contiguous so one isochromat touches one short run. */
    static final int BIN_STRIDE = 4 * TERMS * 2;

    private final int m;
    private final double truncation;
    private final double[] cos;
    private final double[] sin;
    /** The FFT's bit-reversal permutation. */
    private final int[] reversed;
    private final double[][] column; // per coil: evaluations of different coils may run at once
    /** [tissue][coil][bin·BIN_STRIDE + (moment·TERMS + term)·2 (+1)]: interleaved complex grids. */
    final double[][][] grid;

    ReadoutTransform(int tissues, int coils, int maxSegmentSamples) {
        this(tissues, coils, maxSegmentSamples, TRUNCATION);
    }

    /** With the truncation bound {@code truncation} (at least {@link #TRUNCATION}: at most {@link #TERMS} terms). */
    ReadoutTransform(int tissues, int coils, int maxSegmentSamples, double truncation) {
        this.truncation = Math.max(truncation, TRUNCATION);
        m = gridSizeFor(maxSegmentSamples);
        cos = new double[m / 2];
        sin = new double[m / 2];
        for (int k = 0; k < m / 2; k++) {
            cos[k] = Math.cos(2 * Math.PI * k / m);
            sin[k] = Math.sin(2 * Math.PI * k / m);
        }
        column = new double[coils][TERMS * 2 * m];
        reversed = new int[m];
        for (int i = 1, j = 0; i < m; i++) {
            int bit = m >> 1;
            for (; (j & bit) != 0; bit >>= 1) j ^= bit;
            j ^= bit;
            reversed[i] = j;
        }
        grid = new double[tissues][coils][m * BIN_STRIDE];
    }

    int gridSize() {
        return m;
    }

    /** The grid size for a segment of L samples: the smallest power of two (at least 8) ≥ 4L. */
    static int gridSizeFor(int samples) {
        int size = 8;
        while (size < 4 * samples) size <<= 1;
        return size;
    }

    /** Terms for a segment of L samples on this grid: the fewest T with |z|^T/T! ≤ this transform's bound. */
    int termsFor(int samples) {
        double z = Math.PI * Math.max(0, samples - 1) / (2.0 * m);
        double term = 1;
        for (int t = 1; t <= TERMS; t++) {
            term *= z / t;
            if (term <= truncation) return t;
        }
        return TERMS;
    }

    /** Bin of frequency nu (cycles per sample) and its remainder δ, written to {@code out[0]}; returns the bin. */
    int bin(double nu, double[] remainder) {
        double scaled = nu * m;
        double nearest = Math.rint(scaled);
        remainder[0] = (scaled - nearest) / m;
        return (int) ((long) nearest & (m - 1)); // m is a power of two: the bin modulo m, also for negative ν
    }

    /**
     * Adds b·z^t/t! (z = i·zImag) for every term to moment 0 of one bin, and b·r_ax·z^t/t! to moment
     * 1 + ax where {@code axes} has bit ax; br/bi is the isochromat's coil-weighted coefficient (including e^{i2πδh}).
     */
    static void spread(double[] g, int bin, double br, double bi, double zImag, int axes, double x, double y, double z, int terms) {
        int o = bin * BIN_STRIDE;
        for (int t = 0; t < terms; t++) {
            int p = o + 2 * t;
            g[p] += br;
            g[p + 1] += bi;
            if ((axes & 1) != 0) {
                g[p + 2 * TERMS] += br * x;
                g[p + 2 * TERMS + 1] += bi * x;
            }
            if ((axes & 2) != 0) {
                g[p + 4 * TERMS] += br * y;
                g[p + 4 * TERMS + 1] += bi * y;
            }
            if ((axes & 4) != 0) {
                g[p + 6 * TERMS] += br * z;
                g[p + 6 * TERMS + 1] += bi * z;
            }
            double q = zImag * INVERSE[t];
            double nr = -bi * q;
            bi = br * q;
            br = nr;
        }
    }

    /**
     * Turns one moment's grids into the sums at samples j = 0..L−1 (interleaved re/im in {@code out}) and
     * clears them.
     */
    void evaluate(double[] g, int coil, int moment, int samples, int terms, double[] out) {
        double[] column = this.column[coil];
        for (int n = 0; n < m; n++) {
            int from = n * BIN_STRIDE + moment * TERMS * 2;
            for (int t = 0; t < terms; t++) {
                column[t * 2 * m + 2 * n] = g[from + 2 * t];
                column[t * 2 * m + 2 * n + 1] = g[from + 2 * t + 1];
                g[from + 2 * t] = 0;
                g[from + 2 * t + 1] = 0;
            }
        }
        double[] c = column;
        for (int t = 0; t < terms; t++) inverseFft(c, t * 2 * m);
        double h = (samples - 1) / 2.0;
        for (int j = 0; j < samples; j++) {
            double tau = h > 0 ? (j - h) / h : 0;
            int o = (terms - 1) * 2 * m + 2 * j;
            double vr = c[o], vi = c[o + 1];
            for (int t = terms - 2; t >= 0; t--) {
                o -= 2 * m;
                vr = vr * tau + c[o];
                vi = vi * tau + c[o + 1];
            }
            out[2 * j] = vr;
            out[2 * j + 1] = vi;
        }
    }

    /** In place, unnormalised: a[j] ← Σ_n a[n]·e^{+i2πnj/M} (interleaved complex, M points from {@code off}). */
    private void inverseFft(double[] a, int off) {
        for (int i = 1; i < m; i++) {
            int j = reversed[i];
            if (i < j) {
                int p = off + 2 * i, q = off + 2 * j;
                double tr = a[p], ti = a[p + 1];
                a[p] = a[q];
                a[p + 1] = a[q + 1];
                a[q] = tr;
                a[q + 1] = ti;
            }
        }
        for (int len = 2; len <= m; len <<= 1) {
            int half = len >> 1, step = m / len;
            for (int s = 0; s < m; s += len) {
                for (int k = 0; k < half; k++) {
                    double wr = cos[k * step], wi = sin[k * step];
                    int p = off + 2 * (s + k), q = p + 2 * half;
                    double xr = a[q] * wr - a[q + 1] * wi, xi = a[q] * wi + a[q + 1] * wr;
                    a[q] = a[p] - xr;
                    a[q + 1] = a[p + 1] - xi;
                    a[p] += xr;
                    a[p + 1] += xi;
                }
            }
        }
    }
}
