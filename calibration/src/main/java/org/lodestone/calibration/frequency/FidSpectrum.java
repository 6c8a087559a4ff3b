package org.lodestone.calibration.frequency;

import org.jtransforms.fft.DoubleFFT_1D;

/**
 * Finds the spectral peak of a free induction decay. A sample x(t) ∝ exp(+i2π·Δf·t) peaks at +Δf:
 * Δf is how far the spins precess above the frequency the receiver was set to.
 */
public final class FidSpectrum {
    /** Peak offset in Hz (parabolic interpolation between bins), its height and the noise floor. */
    public record Peak(double offsetHz, double magnitude, double noiseFloor) {
        public double snr() {
            return noiseFloor > 0 ? magnitude / noiseFloor : Double.POSITIVE_INFINITY;
        }
    }

    private FidSpectrum() {
    }

    /** @param fid interleaved re,im samples of one channel; @param dwellS sample spacing */
    public static Peak peak(float[] fid, double dwellS) {
        int n = fid.length / 2;
        int nfft = Integer.highestOneBit(Math.max(1, n - 1)) << 2; // zero-fill ×2–4 for a finer grid
        // A gentle exponential window keeps the peak single-humped against noise.
        double[] mag = magnitude(fid, nfft, 2.0);
        int best = argmax(mag);
        double ym = mag[(best - 1 + nfft) % nfft], y0 = mag[best], yp = mag[(best + 1) % nfft];
        double denom = ym - 2 * y0 + yp;
        double frac = denom != 0 ? 0.5 * (ym - yp) / denom : 0;
        double bin = best + frac;
        if (bin >= nfft / 2.0) bin -= nfft;
        double offset = bin / (nfft * dwellS);
        double[] sorted = mag.clone();
        java.util.Arrays.sort(sorted);
        return new Peak(offset, y0, sorted[nfft / 2]);
    }

    /**
     * Magnitude spectrum of an FID zero-filled to {@code nfft} points, after an exponential window
     * exp(−decay·i/n) over its n samples (decay 0: no window).
     */
    public static double[] magnitude(float[] fid, int nfft, double decay) {
        int n = fid.length / 2;
        double[] a = new double[2 * nfft];
        for (int i = 0; i < n; i++) {
            double w = Math.exp(-decay * i / n);
            a[2 * i] = fid[2 * i] * w;
            a[2 * i + 1] = fid[2 * i + 1] * w;
        }
        new DoubleFFT_1D(nfft).complexForward(a);
        double[] mag = new double[nfft];
        for (int k = 0; k < nfft; k++) mag[k] = Math.hypot(a[2 * k], a[2 * k + 1]);
        return mag;
    }

    /**
     * The object's mean precession offset in Hz, from the FID's phase advance over {@code lagS} near its start,
     * summed over channels (each weighted by its own signal power): Σ conj(s(t))·s(t + lag) over the first lag
     * of samples. At early times the phase advances at the signal-weighted mean frequency; the line's skew (a
     * quadratic residual field) enters only at third order in time, so, unlike the spectrum's highest bin, this
     * is not pulled toward the line's mode. Unambiguous within ±1/(2·lag): use it once the peak is that close.
     */
    public static double meanOffsetHz(float[][] channels, double dwellS, double lagS) {
        int lag = Math.max(1, (int) Math.round(lagS / dwellS));
        double re = 0, im = 0;
        for (float[] c : channels) {
            int n = c.length / 2;
            int k1 = Math.min(lag, n - lag);
            for (int k = 0; k < k1; k++) {
                double ar = c[2 * k], ai = c[2 * k + 1], br = c[2 * (k + lag)], bi = c[2 * (k + lag) + 1];
                re += ar * br + ai * bi;
                im += ar * bi - ai * br;
            }
        }
        return Math.atan2(im, re) / (2 * Math.PI * lag * dwellS);
    }

    /** Index of the largest value (the first, on ties). */
    public static int argmax(double[] v) {
        int best = 0;
        for (int k = 1; k < v.length; k++) if (v[k] > v[best]) best = k;
        return best;
    }
}
