package org.lodestone.calibration.shim;

import org.jtransforms.fft.DoubleFFT_1D;
import org.lodestone.calibration.run.Fid;

import java.util.Arrays;

/**
 * The linear field along one axis from two FIDs taken with a strong shim gradient +G and −G on that
 * axis: each spectrum is then a projection of the phantom, mirrored between the two. Matching the
 * p-quantile of one with the (1−p)-quantile of the other pairs the same position: their half
 * difference u = G·x (in the unit's true gradient) and half sum v = A·x + h(x), A the residual
 * linear field and h the rest (constant, quadratic). A quadratic fit v(u) gives A/G at the centre,
 * free of the quadratic terms and of the phantom's asymmetry that bias a linewidth search.
 */
final class ProjectionFieldMap {
    private static final int QUANTILES = 17; // p = 0.1 … 0.9

    /** @param slope dA/dG: the residual linear field over the applied gradient; u,v the matched quantiles */
    record Estimate(double slope, double slopeError, double[] u, double[] v) {
    }

    private ProjectionFieldMap() {
    }

    static Estimate estimate(Fid plus, Fid minus) {
        double[] fp = quantiles(plus), fm = quantiles(minus);
        double[] u = new double[QUANTILES], v = new double[QUANTILES];
        for (int i = 0; i < QUANTILES; i++) {
            u[i] = (fp[i] - fm[QUANTILES - 1 - i]) / 2;
            v[i] = (fp[i] + fm[QUANTILES - 1 - i]) / 2;
        }
        var p = org.lodestone.calibration.run.Fits.parabola(u, v);
        // slope at the centre u = 0, where x = 0 (the isocentre)
        double su = 0;
        for (double x : u) su += x * x;
        double err = p.sigma() / Math.sqrt(su);
        return new Estimate(p.c1(), err, u, v);
    }

    /** Frequencies (Hz) at p = 0.1 … 0.9 of the spectrum's cumulative magnitude above the noise floor. */
    static double[] quantiles(Fid fid) {
        int n = fid.samples();
        int nfft = Integer.highestOneBit(Math.max(1, n - 1)) << 4;
        double[] mag = new double[nfft];
        for (float[] ch : fid.channels()) {
            double[] a = new double[2 * nfft];
            for (int i = 0; i < 2 * n; i++) a[i] = ch[i];
            new DoubleFFT_1D(nfft).complexForward(a);
            for (int k = 0; k < nfft; k++) mag[k] += Math.hypot(a[2 * k], a[2 * k + 1]);
        }
        // from −B/2 to +B/2
        double[] m = new double[nfft];
        for (int k = 0; k < nfft; k++) m[k] = mag[(k + nfft / 2) % nfft];
        double[] sorted = m.clone();
        Arrays.sort(sorted);
        double floor = sorted[nfft / 2], peak = sorted[nfft - 1];
        double cut = floor + 0.02 * (peak - floor);
        double[] cum = new double[nfft + 1];
        for (int k = 0; k < nfft; k++) cum[k + 1] = cum[k] + Math.max(0, m[k] - cut);
        double total = cum[nfft];
        double binHz = 1 / (nfft * fid.dwellS());
        double[] out = new double[QUANTILES];
        int k = 0;
        for (int i = 0; i < QUANTILES; i++) {
            double target = total * (0.1 + 0.05 * i);
            while (k < nfft - 1 && cum[k + 1] < target) k++;
            double frac = (target - cum[k]) / Math.max(1e-300, cum[k + 1] - cum[k]);
            // bin k spans [k, k+1) in the cumulative sum; its centre frequency is (k − nfft/2)·bin
            out[i] = (k + frac - 0.5 - nfft / 2.0) * binHz;
        }
        return out;
    }
}
