package org.lodestone.recon.emi;

import java.util.ArrayList;
import java.util.List;
import org.lodestone.recon.mrd.Acquisition;
import org.lodestone.recon.mrd.AcquisitionHeader;

/**
 * EMI removal in the spirit of EDITER (Srinivas et al., Magn Reson Med 2022): for each group of consecutive
 * readouts, fit complex FIR transfer functions from the reference channels to every imaging channel by least
 * squares, {@code e_c[t] ≈ Σ_r Σ_{k=−K..K} h_{c,r,k} ref_r[t − k]}, and subtract the prediction.
 *
 * <p>The fit may run on the acquisition itself (the MR signal is not in the references, so it only adds
 * uncorrelated "noise" to the fit) or on RF-off/noise readouts of the same group ({@link #fitOn}). A kernel
 * rather than a single coefficient absorbs the different cable delays and filters of each path; grouping
 * lines trades adaptivity to changing interference against fit noise. A small ridge term keeps the normal
 * equations solvable when a reference is quiet.
 */
public final class Editer {

    /**
     * @param kernelHalfWidth K: taps −K..K along the readout
     * @param linesPerGroup   readouts sharing one transfer function
     * @param ridge           Tikhonov weight relative to the mean diagonal of the normal matrix
     */
    public record Settings(int kernelHalfWidth, int linesPerGroup, double ridge) {
        public Settings {
            if (kernelHalfWidth < 0 || linesPerGroup < 1 || ridge < 0) {
                throw new IllegalArgumentException("invalid EDITER settings " + kernelHalfWidth + ", " + linesPerGroup
                        + ", " + ridge);
            }
        }

        public static Settings defaults() {
            return new Settings(3, 8, 1e-6);
        }
    }

    private Editer() {
    }

    /** Fits on the readouts themselves and returns them with imaging channels only, EMI subtracted. */
    public static List<Acquisition> remove(List<Acquisition> readouts, EmiChannels channels, Settings settings) {
        return fitOn(readouts, readouts, channels, settings);
    }

    /**
     * Fits group {@code g} on {@code calibration} group {@code g} (e.g. RF-off lines interleaved with the scan;
     * same count as {@code readouts}) and corrects {@code readouts}.
     */
    public static List<Acquisition> fitOn(List<Acquisition> calibration, List<Acquisition> readouts,
                                          EmiChannels channels, Settings settings) {
        if (calibration.size() != readouts.size()) {
            throw new IllegalArgumentException("calibration has " + calibration.size() + " readouts, data has "
                    + readouts.size());
        }
        List<Acquisition> out = new ArrayList<>(readouts.size());
        for (int start = 0; start < readouts.size(); start += settings.linesPerGroup()) {
            int end = Math.min(readouts.size(), start + settings.linesPerGroup());
            double[][] h = fit(calibration.subList(start, end), channels, settings);
            for (Acquisition a : readouts.subList(start, end)) {
                out.add(subtract(a, h, channels, settings.kernelHalfWidth()));
            }
        }
        return out;
    }

    /**
     * Fits each group of imaging readouts on itself, leaving out the central {@code centralFraction} of every
     * readout: there the MR echo is strongest, and although it is uncorrelated with the references it inflates
     * the variance of the fit. The correction is applied to every sample.
     */
    public static List<Acquisition> removeFittedOnPeriphery(List<Acquisition> readouts, EmiChannels channels,
                                                            Settings settings, double centralFraction) {
        List<Acquisition> out = new ArrayList<>(readouts.size());
        for (int start = 0; start < readouts.size(); start += settings.linesPerGroup()) {
            int end = Math.min(readouts.size(), start + settings.linesPerGroup());
            double[][] h = fit(readouts.subList(start, end), channels, settings, centralFraction);
            for (Acquisition a : readouts.subList(start, end)) {
                out.add(subtract(a, h, channels, settings.kernelHalfWidth()));
            }
        }
        return out;
    }

    /** A transfer function fitted once (e.g. on a noise scan's readouts), applicable to any readout later. */
    public record Transfer(double[][] coefficients, EmiChannels channels, int kernelHalfWidth) {
        /** The readout with imaging channels only, EMI predicted from its references subtracted. */
        public Acquisition apply(Acquisition a) {
            return subtract(a, coefficients, channels, kernelHalfWidth);
        }
    }

    /** One transfer function from all of {@code calibration} (RF-off readouts with the same receiver chain). */
    public static Transfer fitTransfer(List<Acquisition> calibration, EmiChannels channels, Settings settings) {
        if (calibration.isEmpty()) throw new IllegalArgumentException("no readouts to fit the EMI transfer on");
        return new Transfer(fit(calibration, channels, settings, 0), channels, settings.kernelHalfWidth());
    }

    static double[][] fit(List<Acquisition> group, EmiChannels ch, Settings s) {
        return fit(group, ch, s, 0);
    }

    /** Per imaging channel, complex coefficients (interleaved) over [reference][tap]. */
    static double[][] fit(List<Acquisition> group, EmiChannels ch, Settings s, double centralFraction) {
        int[] refs = ch.reference();
        int[] img = ch.imaging();
        int taps = 2 * s.kernelHalfWidth() + 1;
        int n = refs.length * taps;
        double[] ata = new double[2 * n * n];
        double[][] atb = new double[img.length][2 * n];
        double[] row = new double[2 * n];
        for (Acquisition a : group) {
            int ns = a.header().numberOfSamples();
            int skipFrom = (int) Math.round(ns / 2.0 - centralFraction * ns / 2);
            int skipTo = (int) Math.round(ns / 2.0 + centralFraction * ns / 2);
            for (int t = 0; t < ns; t++) {
                if (t >= skipFrom && t < skipTo) {
                    continue;
                }
                regressors(a, refs, s.kernelHalfWidth(), t, ns, row);
                for (int i = 0; i < n; i++) {
                    double ir = row[2 * i];
                    double ii = row[2 * i + 1];
                    // conj(row_i) · row_j
                    for (int j = 0; j < n; j++) {
                        double jr = row[2 * j];
                        double ji = row[2 * j + 1];
                        ata[2 * (i * n + j)] += ir * jr + ii * ji;
                        ata[2 * (i * n + j) + 1] += ir * ji - ii * jr;
                    }
                    for (int c = 0; c < img.length; c++) {
                        double br = a.re(img[c], t);
                        double bi = a.im(img[c], t);
                        atb[c][2 * i] += ir * br + ii * bi;
                        atb[c][2 * i + 1] += ir * bi - ii * br;
                    }
                }
            }
        }
        double diag = 0;
        for (int i = 0; i < n; i++) {
            diag += ata[2 * (i * n + i)];
        }
        double ridge = s.ridge() * Math.max(diag / n, Double.MIN_NORMAL);
        for (int i = 0; i < n; i++) {
            ata[2 * (i * n + i)] += ridge;
        }
        double[][] h = new double[img.length][];
        for (int c = 0; c < img.length; c++) {
            h[c] = solve(ata.clone(), atb[c].clone(), n);
        }
        return h;
    }

    /** Reference samples ref_r[t − k] for k = −K..K (zero outside the readout), interleaved complex. */
    private static void regressors(Acquisition a, int[] refs, int k, int t, int ns, double[] row) {
        int taps = 2 * k + 1;
        for (int r = 0; r < refs.length; r++) {
            for (int tap = 0; tap < taps; tap++) {
                int src = t - (tap - k);
                int i = r * taps + tap;
                boolean inside = src >= 0 && src < ns;
                row[2 * i] = inside ? a.re(refs[r], src) : 0;
                row[2 * i + 1] = inside ? a.im(refs[r], src) : 0;
            }
        }
    }

    private static Acquisition subtract(Acquisition a, double[][] h, EmiChannels ch, int k) {
        int[] refs = ch.reference();
        int[] img = ch.imaging();
        int ns = a.header().numberOfSamples();
        int n = refs.length * (2 * k + 1);
        double[] row = new double[2 * n];
        float[] out = new float[2 * img.length * ns];
        for (int t = 0; t < ns; t++) {
            regressors(a, refs, k, t, ns, row);
            for (int c = 0; c < img.length; c++) {
                double pr = 0;
                double pi = 0;
                for (int i = 0; i < n; i++) {
                    pr += row[2 * i] * h[c][2 * i] - row[2 * i + 1] * h[c][2 * i + 1];
                    pi += row[2 * i] * h[c][2 * i + 1] + row[2 * i + 1] * h[c][2 * i];
                }
                out[2 * (c * ns + t)] = (float) (a.re(img[c], t) - pr);
                out[2 * (c * ns + t) + 1] = (float) (a.im(img[c], t) - pi);
            }
        }
        AcquisitionHeader hdr = a.header().toBuilder().channels(img.length).trajectoryDimensions(0).build();
        return new Acquisition(hdr, null, out);
    }

    /** Complex Gaussian elimination with partial pivoting on an n×n system (inputs are overwritten). */
    static double[] solve(double[] m, double[] b, int n) {
        for (int col = 0; col < n; col++) {
            int pivot = col;
            double best = 0;
            for (int r = col; r < n; r++) {
                double mag = Math.hypot(m[2 * (r * n + col)], m[2 * (r * n + col) + 1]);
                if (mag > best) {
                    best = mag;
                    pivot = r;
                }
            }
            if (best == 0) {
                throw new IllegalArgumentException("EMI fit is singular: reference channels carry no signal");
            }
            if (pivot != col) {
                for (int j = 0; j < n; j++) {
                    swap(m, 2 * (pivot * n + j), 2 * (col * n + j));
                }
                swap(b, 2 * pivot, 2 * col);
            }
            double pr = m[2 * (col * n + col)];
            double pim = m[2 * (col * n + col) + 1];
            double den = pr * pr + pim * pim;
            for (int r = col + 1; r < n; r++) {
                double ar = m[2 * (r * n + col)];
                double ai = m[2 * (r * n + col) + 1];
                double fr = (ar * pr + ai * pim) / den; // a / p
                double fi = (ai * pr - ar * pim) / den;
                for (int j = col; j < n; j++) {
                    double cr = m[2 * (col * n + j)];
                    double ci = m[2 * (col * n + j) + 1];
                    m[2 * (r * n + j)] -= fr * cr - fi * ci;
                    m[2 * (r * n + j) + 1] -= fr * ci + fi * cr;
                }
                double cr = b[2 * col];
                double ci = b[2 * col + 1];
                b[2 * r] -= fr * cr - fi * ci;
                b[2 * r + 1] -= fr * ci + fi * cr;
            }
        }
        double[] x = new double[2 * n];
        for (int r = n - 1; r >= 0; r--) {
            double sr = b[2 * r];
            double si = b[2 * r + 1];
            for (int j = r + 1; j < n; j++) {
                double mr = m[2 * (r * n + j)];
                double mi = m[2 * (r * n + j) + 1];
                sr -= mr * x[2 * j] - mi * x[2 * j + 1];
                si -= mr * x[2 * j + 1] + mi * x[2 * j];
            }
            double pr = m[2 * (r * n + r)];
            double pim = m[2 * (r * n + r) + 1];
            double den = pr * pr + pim * pim;
            x[2 * r] = (sr * pr + si * pim) / den;
            x[2 * r + 1] = (si * pr - sr * pim) / den;
        }
        return x;
    }

    private static void swap(double[] a, int i, int j) {
        double r = a[i];
        double im = a[i + 1];
        a[i] = a[j];
        a[i + 1] = a[j + 1];
        a[j] = r;
        a[j + 1] = im;
    }
}
