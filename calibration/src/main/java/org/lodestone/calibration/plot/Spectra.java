package org.lodestone.calibration.plot;

import org.lodestone.calibration.frequency.FidSpectrum;

import java.util.ArrayList;
import java.util.List;

/** FIDs turned into plottable spectra: magnitude against offset from the carrier, from −B/2 to +B/2. */
public final class Spectra {
    private Spectra() {
    }

    /**
     * The magnitude spectrum of one channel (interleaved re,im), zero-filled ×4, as {offset Hz, magnitude},
     * only the bins within ±{@code halfSpanHz} of the carrier (the line, not the empty band around it).
     */
    public static List<double[]> magnitude(float[] fid, double dwellS, double halfSpanHz) {
        int n = fid.length / 2;
        int nfft = Integer.highestOneBit(Math.max(1, n - 1)) << 2;
        double[] mag = FidSpectrum.magnitude(fid, nfft, 0);
        List<double[]> out = new ArrayList<>();
        for (int i = 0; i < nfft; i++) {
            int k = (i + nfft / 2) % nfft;
            double hz = (k < nfft / 2 ? k : k - nfft) / (nfft * dwellS);
            if (Math.abs(hz) <= halfSpanHz) out.add(new double[] {hz, mag[k]});
        }
        return out;
    }

    /** Divided by {@code by}, or by the series' own maximum when NaN: magnitudes in arbitrary ADC units read as fractions. */
    public static List<double[]> normalised(List<double[]> xy, double by) {
        double m = Double.isNaN(by) ? xy.stream().mapToDouble(q -> q[1]).max().orElse(1) : by;
        double d = m > 0 ? m : 1;
        return xy.stream().map(q -> new double[] {q[0], q[1] / d}).toList();
    }

    /** Power in decibels (10·log10), for noise spectra whose lines stand many times over the floor. */
    public static List<double[]> decibels(List<double[]> power) {
        return power.stream().map(p -> new double[] {p[0], 10 * Math.log10(Math.max(p[1], 1e-30))}).toList();
    }
}
