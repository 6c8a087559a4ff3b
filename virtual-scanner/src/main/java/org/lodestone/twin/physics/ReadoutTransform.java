package org.lodestone.twin.physics;

/**
 * The sum over isochromats of one ADC segment in which every isochromat's phase is linear in the
 * sample index: s_j = Σ_i b_i·e^{i2πν_i·j}, j = 0..L−1 (a type-1 non-uniform DFT). Direct evaluation
 * costs L complex products per isochromat; here each isochromat is put in the nearest bin n/M of an
 * M-point frequency grid (M ≥ 4L, a power of two) and the remainder δ = ν − n/M is expanded as a Taylor
 * series about the segment centre h = (L−1)/2:
 * e^{i2πδj} = e^{i2πδh}·Σ_t (i2πδh)^t/t!·τ^t, τ = (j−h)/h ∈ [−1, 1].
 * |2πδh| ≤ πL/(2M) ≤ π/8, so {@link #TERMS} terms leave a relative error below 3e-11 per isochromat;
 * then one inverse FFT of size M per term gives every sample. Cost per isochromat: {@link #TERMS}
 * complex additions per coil instead of L. The grid is periodic in ν, as the samples are: an
 * isochromat outside the field of view aliases exactly as it would in the direct sum.
 *
 * <p>Grids are accumulated per tissue (the caller weights tissues by T2 and T2′ per sample) and per
 * moment: moment 0 sums b_i, moment 1 + ax sums b_i·r_ax,i (for the caller's first-order correction of a
 * slightly non-linear readout phase).
 * Not thread-safe: one instance per scan, filled by one thread per coil.
 */
final class ReadoutTransform {
    /** Taylor terms: (π/8)^10/10! = 2.4e-11. */
    static final int TERMS = 10;

    private final int m;
    private final double[] cos;
    private final double[] sin;
    /** [tissue][coil][moment][term·2M + 2n (+1)]: interleaved complex grids. */
    final double[][][][] grid;

    ReadoutTransform(int tissues, int coils, int maxSegmentSamples) {
        int size = 8;
        while (size < 4 * maxSegmentSamples) size <<= 1;
        m = size;
        cos = new double[m / 2];
        sin = new double[m / 2];
        for (int k = 0; k < m / 2; k++) {
            cos[k] = Math.cos(2 * Math.PI * k / m);
            sin[k] = Math.sin(2 * Math.PI * k / m);
        }
        grid = new double[tissues][coils][4][TERMS * 2 * m];
    }

    int gridSize() {
        return m;
    }

    /** Bin of frequency nu (cycles per sample) and its remainder δ, written to {@code out[0]}; returns the bin. */
    int bin(double nu, double[] remainder) {
        double scaled = nu * m;
        double nearest = Math.rint(scaled);
        remainder[0] = (scaled - nearest) / m;
        return (int) Math.floorMod((long) nearest, (long) m);
    }

    /**
     * Adds b·Σ_t z^t/t! (z = i·zImag) to the bins of one tissue and coil; br/bi is the isochromat's
     * coil-weighted coefficient (including e^{i2πδh}).
     */
    static void spread(double[] g, int m, int bin, double br, double bi, double zImag) {
        int o = 2 * bin;
        int stride = 2 * m;
        for (int t = 0; t < TERMS; t++) {
            g[o] += br;
            g[o + 1] += bi;
            o += stride;
            double q = zImag / (t + 1);
            double nr = -bi * q;
            bi = br * q;
            br = nr;
        }
    }

    /**
     * Turns one set of grids into the sums at samples j = 0..L−1 (interleaved re/im in {@code out}) and
     * clears the grids.
     */
    void evaluate(double[] g, int samples, double[] out) {
        for (int t = 0; t < TERMS; t++) inverseFft(g, t * 2 * m);
        double h = (samples - 1) / 2.0;
        for (int j = 0; j < samples; j++) {
            double tau = h > 0 ? (j - h) / h : 0;
            int o = (TERMS - 1) * 2 * m + 2 * j;
            double vr = g[o], vi = g[o + 1];
            for (int t = TERMS - 2; t >= 0; t--) {
                o -= 2 * m;
                vr = vr * tau + g[o];
                vi = vi * tau + g[o + 1];
            }
            out[2 * j] = vr;
            out[2 * j + 1] = vi;
        }
        java.util.Arrays.fill(g, 0);
    }

    /** In place, unnormalised: a[j] ← Σ_n a[n]·e^{+i2πnj/M} (interleaved complex, M points from {@code off}). */
    private void inverseFft(double[] a, int off) {
        for (int i = 1, j = 0; i < m; i++) {
            int bit = m >> 1;
            for (; (j & bit) != 0; bit >>= 1) j ^= bit;
            j ^= bit;
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
