package org.lodestone.recon.preprocess;

import org.lodestone.recon.mrd.Acquisition;
import org.lodestone.recon.mrd.AcquisitionFlag;
import org.lodestone.recon.mrd.AcquisitionHeader;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Each line demodulated again at the Larmor frequency it was acquired at, when drift tracking moved the carrier
 * between lines. {@code user_float[0]} holds the carrier a line was received at (Hz from the header's frequency).
 * <p>
 * Transmit and receive share the carrier, so a carrier step itself costs nothing: a line is right in its own
 * carrier's frame when that carrier was the Larmor frequency. Demodulating every line at one common frequency
 * (the header's) would put the whole drift back into the image. What is wrong is each line's residual
 * r = Larmor − carrier: the tracker chose the carrier before the line, from the magnet temperature then, while the
 * reconstruction sees the whole carrier track. The Larmor estimate for a line is a straight line fitted to the
 * carriers of the lines around it, before and after (a centred fit: the later carriers were chosen knowing the
 * temperature during this line), and the line's samples lose the residual's phase
 * 2π·r·((n − centre)·dwell + echoDelay): a frequency error along the readout, zero at the echo for a spin echo, plus
 * the constant phase a gradient echo gathers over its TE. Lines within the window of a carrier jump larger than a
 * pixel's bandwidth (the tracker catching up after a pause or a refit) stay as acquired.
 */
public final class CarrierResidualCorrection implements AcquisitionStep {
    /** Index in {@code user_float} of the carrier offset, Hz. */
    public static final int CARRIER_USER_FLOAT = 0;

    private final Map<Long, Double> residualHz;
    private final double echoDelayS;

    /**
     * @param residualHz Larmor − carrier per line (by scan counter); lines not in it pass unchanged
     * @param echoDelayS the time the off-resonance phase gathers before the echo: TE for a gradient echo, 0 for a spin echo
     */
    public CarrierResidualCorrection(Map<Long, Double> residualHz, double echoDelayS) {
        this.residualHz = Map.copyOf(residualHz);
        this.echoDelayS = echoDelayS;
    }

    /**
     * From the imaging lines' carrier track.
     * @param halfWindow lines each side in the centred fit (0: the carrier itself, no correction)
     */
    public static CarrierResidualCorrection fromCarrierTrack(List<Acquisition> lines, int halfWindow, double echoDelayS) {
        List<AcquisitionHeader> h = lines.stream().map(Acquisition::header)
                .filter(x -> !x.isSet(AcquisitionFlag.IS_NOISE_MEASUREMENT))
                .sorted(Comparator.comparingLong(AcquisitionHeader::scanCounter)).toList();
        int n = h.size();
        double[] t = new double[n], c = new double[n];
        for (int i = 0; i < n; i++) {
            // the time stamp is in ms; the scan counter breaks ties between lines of one TR
            t[i] = h.get(i).acquisitionTimeStamp() * 1e-3 + i * 1e-9;
            c[i] = h.get(i).userFloat()[CARRIER_USER_FLOAT];
        }
        double[] larmor = centredLineFit(t, c, halfWindow);
        Map<Long, Double> r = new HashMap<>();
        for (int i = 0; i < n; i++) {
            // a carrier jump of more than a pixel's bandwidth is the tracker catching up (after a pause, a refit), not a
            // smooth drift: a straight line across it is no estimate, so lines near one stay as acquired
            double pixelHz = 1 / (h.get(i).numberOfSamples() * h.get(i).sampleTimeUs() * 1e-6);
            boolean jump = false;
            for (int j = Math.max(1, i - halfWindow); j <= Math.min(n - 1, i + halfWindow); j++) jump |= Math.abs(c[j] - c[j - 1]) > pixelHz;
            r.put(h.get(i).scanCounter(), jump ? 0 : larmor[i] - c[i]);
        }
        return new CarrierResidualCorrection(r, echoDelayS);
    }

    /** Whether the carrier moved during the scan at all (else there is nothing to correct). */
    public static boolean carrierMoved(List<Acquisition> lines) {
        float first = Float.NaN;
        for (Acquisition a : lines) {
            if (a.header().isSet(AcquisitionFlag.IS_NOISE_MEASUREMENT)) continue;
            float c = a.header().userFloat()[CARRIER_USER_FLOAT];
            if (Float.isNaN(first)) first = c;
            else if (c != first) return true;
        }
        return false;
    }

    /** The residual Larmor − carrier this corrects for a line (by scan counter), Hz; 0 for a line it does not know. */
    public double residualHz(long scanCounter) {
        return residualHz.getOrDefault(scanCounter, 0.0);
    }

    /** The largest |residual| corrected, Hz. */
    public double maxResidualHz() {
        return residualHz.values().stream().mapToDouble(Math::abs).max().orElse(0);
    }

    /** Least-squares line through (t, c) over i − w … i + w, evaluated at t[i]. */
    static double[] centredLineFit(double[] t, double[] c, int w) {
        int n = t.length;
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            int a = Math.max(0, i - w), b = Math.min(n - 1, i + w);
            double st = 0, sc = 0;
            int m = b - a + 1;
            for (int j = a; j <= b; j++) {
                st += t[j];
                sc += c[j];
            }
            double mt = st / m, mc = sc / m, stt = 0, stc = 0;
            for (int j = a; j <= b; j++) {
                stt += (t[j] - mt) * (t[j] - mt);
                stc += (t[j] - mt) * (c[j] - mc);
            }
            out[i] = stt > 0 ? mc + stc / stt * (t[i] - mt) : mc;
        }
        return out;
    }

    @Override
    public Acquisition apply(Acquisition a) {
        AcquisitionHeader h = a.header();
        Double r = residualHz.get(h.scanCounter());
        if (r == null || r == 0 || h.isSet(AcquisitionFlag.IS_NOISE_MEASUREMENT)) return a;
        int ns = h.numberOfSamples();
        int channels = h.activeChannels();
        double dwell = h.sampleTimeUs() * 1e-6;
        float[] in = a.data(), out = new float[in.length];
        for (int k = 0; k < ns; k++) {
            // the line carries e^{+i·2π·r·t}; take it off
            double phi = -2 * Math.PI * r * ((k - h.centerSample()) * dwell + echoDelayS);
            double cs = Math.cos(phi), sn = Math.sin(phi);
            for (int ch = 0; ch < channels; ch++) {
                int i = 2 * (ch * ns + k);
                double re = in[i], im = in[i + 1];
                out[i] = (float) (re * cs - im * sn);
                out[i + 1] = (float) (re * sn + im * cs);
            }
        }
        return new Acquisition(h, a.trajectory(), out);
    }
}
