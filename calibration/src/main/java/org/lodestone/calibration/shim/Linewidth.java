package org.lodestone.calibration.shim;

import org.lodestone.calibration.frequency.FidSpectrum;

/** Full width at half maximum of an FID's magnitude spectrum (zero-filled ×4, linear interpolation at the edges). */
public final class Linewidth {
    private Linewidth() {
    }

    public static double fwhmHz(float[] fid, double dwellS) {
        int n = fid.length / 2;
        int nfft = Integer.highestOneBit(Math.max(1, n - 1)) << 3;
        double[] mag = FidSpectrum.magnitude(fid, nfft, 0);
        int best = FidSpectrum.argmax(mag);
        double half = mag[best] / 2;
        double left = edge(mag, best, -1, half), right = edge(mag, best, +1, half);
        return (right - left) / (nfft * dwellS);
    }

    private static double edge(double[] mag, int from, int dir, double level) {
        int n = mag.length;
        for (int s = 1; s < n / 2; s++) {
            int k = Math.floorMod(from + dir * s, n), prev = Math.floorMod(from + dir * (s - 1), n);
            if (mag[k] < level) {
                double frac = (mag[prev] - level) / (mag[prev] - mag[k]);
                return from + dir * (s - 1 + frac);
            }
        }
        return from + dir * n / 2.0;
    }
}
