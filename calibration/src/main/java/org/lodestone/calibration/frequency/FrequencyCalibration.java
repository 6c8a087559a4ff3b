package org.lodestone.calibration.frequency;

import org.lodestone.calibration.run.CalibrationException;
import org.lodestone.calibration.run.Reason;
import org.lodestone.calibration.run.Fid;
import org.lodestone.calibration.run.Measured;
import org.lodestone.calibration.run.ProgramRunner;
import org.lodestone.calibration.run.UnitSettings;

import java.util.ArrayList;
import java.util.List;

/**
 * Larmor frequency from scratch. After a drive the field can be tens of kHz away, further than a
 * 400 µs hard pulse excites (its first null is 2.5 kHz off), so a wide search steps the carrier
 * across the band, outward from the guess, until an FID shows a clear spectral peak; then short
 * repeated FIDs put the carrier on the peak, and their spread is the uncertainty.
 */
public final class FrequencyCalibration {
    /** Peak-to-median spectral ratio that a real FID reaches and noise alone does not (max/median of ~4k noise bins is ~4). */
    static final double DETECT_SNR = 15;
    /** Carrier step of the wide search: within ±1.25 kHz of resonance the hard pulse still excites most of the signal. */
    static final double SEARCH_STEP_HZ = 2500;
    /** Lag of the phase-advance estimate: 2 ms, unambiguous within ±250 Hz. */
    static final double MEAN_LAG_S = 0.002;
    private static final int FINE_REPEATS = 2;

    /** @param searched each wide-search step as {carrier Hz, peak SNR}; fine the last fine estimates as offsets in Hz */
    public record Result(Measured frequency, double snr, List<double[]> searched, List<Double> fine, double initialOffsetHz) {
    }

    private FrequencyCalibration() {
    }

    /**
     * A peak outside the receiver's band folds back into it; a second FID with another dwell folds
     * it elsewhere, and only the true offset is consistent with both.
     */
    static double unalias(ProgramRunner r, double offsetHz, double dwellS) throws CalibrationException {
        Fid other = Fid.acquire(r, 1024, 13, 90);
        double o2 = FidSpectrum.peak(other.strongest(), other.dwellS()).offsetHz();
        double b1 = 1 / dwellS, b2 = 1 / other.dwellS();
        double best = offsetHz, bestMiss = Double.MAX_VALUE;
        for (int n = -4; n <= 4; n++) {
            double cand = offsetHz + n * b1;
            double m = Math.IEEEremainder(cand - o2, b2);
            double miss = Math.abs(m) + 1e-3 * Math.abs(cand); // on a tie, the nearer fold
            if (miss < bestMiss) {
                bestMiss = miss;
                best = cand;
            }
        }
        return best;
    }

    /**
     * @param guessHz where to start (the last calibration, or the nominal Larmor frequency)
     * @param spanHz  how far either side to search; 0 = fine adjustment only
     */
    public static Result run(ProgramRunner r, UnitSettings s, double guessHz, double spanHz) throws CalibrationException {
        List<double[]> searched = new ArrayList<>();
        double found = Double.NaN;
        int steps = (int) Math.ceil(spanHz / SEARCH_STEP_HZ);
        for (int k = 0; k <= 2 * steps && Double.isNaN(found); k++) {
            // 0, +1, -1, +2, -2 … steps: the nearest frequencies first
            int j = (k + 1) / 2 * (k % 2 == 1 ? 1 : -1);
            double carrier = guessHz + j * SEARCH_STEP_HZ;
            s.withFrequency(carrier).apply(r);
            Fid fid = Fid.acquire(r, 1024, 20, 90);
            FidSpectrum.Peak p = FidSpectrum.peak(fid.strongest(), fid.dwellS());
            searched.add(new double[] {carrier, p.snr()});
            if (p.snr() >= DETECT_SNR) found = carrier + unalias(r, p.offsetHz(), fid.dwellS());
        }
        if (Double.isNaN(found)) {
            double best = searched.stream().mapToDouble(a -> a[1]).max().orElse(0);
            throw new CalibrationException(Reason.of(Reason.Code.NO_RESONANCE, Reason.number(spanHz / 1e3, 0), Reason.number(guessHz, 0),
                    Reason.number(best, 1), Reason.number(DETECT_SNR, 0)), String.format(
                    "no resonance found within ±%.0f kHz of %.0f Hz (best peak-to-noise %.1f, need %.0f): is a phantom in "
                            + "the magnet and the RF chain on?", spanHz / 1e3, guessHz, best, DETECT_SNR));
        }
        // Fine: two rounds of two long FIDs on the peak; the second round's spread is the uncertainty.
        double f = found;
        List<Double> offsets = new ArrayList<>();
        double snr = 0;
        for (int round = 0; round < 2; round++) {
            offsets.clear();
            s.withFrequency(f).apply(r);
            for (int i = 0; i < FINE_REPEATS; i++) {
                Fid fid = Fid.acquire(r, 2048, 20, 90);
                FidSpectrum.Peak p = FidSpectrum.peak(fid.strongest(), fid.dwellS());
                // round 0 finds the peak (any offset within the band); round 1, within ±1/(2·lag) of it, sets the
                // carrier on the object's mean frequency, which a skewed line's peak is not
                offsets.add(round == 0 ? p.offsetHz() : FidSpectrum.meanOffsetHz(fid.channels(), fid.dwellS(), MEAN_LAG_S));
                snr = p.snr();
            }
            double mean = offsets.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
            f += mean;
        }
        double mean = offsets.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double var = offsets.stream().mapToDouble(o -> (o - mean) * (o - mean)).sum() / (offsets.size() - 1);
        // floor: the interpolated peak of a 41 ms FID is not better than ~0.5 Hz whatever the scatter says
        double u = Math.max(0.5, Math.sqrt(var / offsets.size()));
        if (snr < DETECT_SNR) {
            throw new CalibrationException(Reason.of(Reason.Code.WEAK_FID, Reason.number(f, 1), Reason.number(snr, 1)),
                    String.format("the FID at %.1f Hz is too weak to set the frequency (peak-to-noise %.1f)", f, snr));
        }
        return new Result(new Measured(f, u, "Hz"), snr, searched, List.copyOf(offsets), found - guessHz);
    }
}
