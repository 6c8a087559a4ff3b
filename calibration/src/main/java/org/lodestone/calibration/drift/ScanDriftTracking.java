package org.lodestone.calibration.drift;

import org.lodestone.hw.session.DeviceException;
import org.lodestone.hw.session.ScannerSession;
import org.lodestone.hw.program.AdcCounters;
import org.lodestone.hw.wire.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps the carrier on the Larmor frequency during one scan, between TRs (the unit applies a
 * SET_FREQUENCY from its next block).
 * <ul>
 * <li><b>Predict</b> from the magnet temperature, read after a line (about every
 * {@link #READ_INTERVAL_S} of scan time): f(T) = f_ref·(1 + α·(T − T_ref)), anchored at the pre-scan
 * frequency. Cheap, immediate, and needs no extra RF: it covers the fast part.</li>
 * <li><b>Correct</b> with the data themselves: when a line is acquired again (the next average),
 * the phase slope of its samples against the first acquisition is the change of (Larmor − carrier)
 * between the two, whatever the object (its phase cancels in the product). With the carrier each
 * line was taken at (it travels in the line) and the magnet temperatures of both, each pair is a
 * measurement of α·f_ref, with no navigator or FID added to the sequence. α is refitted from
 * them once the magnet has moved enough, so a coefficient off by several percent (the material's
 * default, or a calibration at its ±5 % limit) is corrected during the scan.</li>
 * </ul>
 * One object per scan, used on the scan's consumer thread only.
 */
public final class ScanDriftTracking {
    private static final Logger log = LoggerFactory.getLogger(ScanDriftTracking.class);
    /**
     * Sensor reads about this often in scan time: a magnet's temperature moves over minutes, and a read (plus a
     * carrier change) after every line of a 20 ms TR would make the console, not the unit, set the pace: two
     * round trips per line. Counted in lines (see {@link #linesPerRead}), so a scan reads at the same lines
     * however fast it is played.
     */
    public static final double READ_INTERVAL_S = 0.5;
    /** Carrier changes smaller than this are not sent. */
    static final double MIN_STEP_HZ = 1.0;
    /** Pairs must span at least this RMS temperature change before α is refitted (≈ 180 Hz of NdFeB at 0.35 T). */
    static final double MIN_RMS_DT_K = 0.01;
    /** A refitted α further than this (relative) from the prior is taken for a measurement fault and ignored. */
    static final double MAX_REFIT_CHANGE = 0.3;
    /** The temperature's recent change per line, averaged over this many lines, leads the prediction by one line. */
    static final int RATE_LINES = 8;
    /** First acquisitions kept as references for the phase comparison. */
    static final int MAX_REFERENCES = 8192;

    /** A carrier change sent to the unit after line {@code afterLine}. */
    public record Correction(long afterLine, double magnetC, double frequencyHz, double stepHz) {
    }

    private record Reference(float[] data, double carrierHz, double magnetC) {
    }

    private final double priorCoefficient;
    private DriftTracker tracker;
    private double carrierHz;
    private double lastMagnetC = Double.NaN;
    private final java.util.ArrayDeque<Double> recentC = new java.util.ArrayDeque<>();
    private final int linesPerRead;
    private long linesSinceRead = Long.MAX_VALUE;
    private final Map<AdcCounters, Reference> references = new HashMap<>();
    private final List<Correction> corrections = new ArrayList<>();
    private double sumWdLdT, sumWdT2, sumW;
    /** The largest weight a pair can have (a reference compared with itself): refits wait until the k-space centre is in. */
    private double maxSelfWeight;
    private int pairs;
    private boolean refitted;
    private String problem;

    /** @param tracker the reference (pre-scan frequency, magnet temperature then) and the stored coefficient */
    public ScanDriftTracking(DriftTracker tracker, double carrierHz) {
        this(tracker, carrierHz, 1);
    }

    /** @param linesPerRead read the magnet sensor after every this many lines (at least 1) */
    public ScanDriftTracking(DriftTracker tracker, double carrierHz, int linesPerRead) {
        this.linesPerRead = Math.max(1, linesPerRead);
        this.tracker = tracker;
        this.priorCoefficient = tracker.coefficientPerK();
        this.carrierHz = carrierHz;
    }

    /** After each new line: reads the magnet sensor when due and sends the predicted carrier. Never fails the scan. */
    public void afterLine(ScannerSession session, Message.AcqData line) {
        double magnetC = lastMagnetC;
        try {
            if (linesSinceRead >= linesPerRead) {
                magnetC = session.readSensors().magnetTemperatureC();
                linesSinceRead = 0;
            }
            linesSinceRead++;
            double next = observe(line, magnetC);
            if (!Double.isNaN(next)) session.setFrequency(next);
        } catch (DeviceException e) {
            // The scan goes on at the last carrier; the scan's own loop deals with a lost unit.
            if (problem == null) log.warn("Drift tracking paused: {}", e.getMessage());
            problem = e.getMessage();
        }
    }

    /**
     * The tracker's logic, without I/O: takes a line and the magnet temperature read after it,
     * and returns the carrier to send now (NaN: keep the current one).
     */
    double observe(Message.AcqData line, double magnetC) {
        if (!Double.isNaN(magnetC)) lastMagnetC = magnetC;
        compare(line, lastMagnetC);
        if (Double.isNaN(lastMagnetC)) {
            if (problem == null) problem = "the magnet temperature sensor gives no reading";
            return Double.NaN;
        }
        // the carrier sent now takes effect from the unit's next block, about one line later: lead by one line's change
        recentC.addLast(lastMagnetC);
        if (recentC.size() > RATE_LINES + 1) recentC.removeFirst();
        double perLine = recentC.size() > 1 ? (recentC.getLast() - recentC.getFirst()) / (recentC.size() - 1) : 0;
        double predicted = tracker.predictHz(lastMagnetC + perLine);
        if (!(Math.abs(predicted - carrierHz) >= MIN_STEP_HZ)) return Double.NaN;
        corrections.add(new Correction(line.scanCounter(), lastMagnetC, predicted, predicted - carrierHz));
        carrierHz = predicted;
        return predicted;
    }

    /** Phase-slope comparison of a repeated line with its first acquisition; refits α when enough has moved. */
    private void compare(Message.AcqData line, double magnetC) {
        if (Double.isNaN(magnetC) || line.samples() < 2) return;
        AdcCounters c = line.counters();
        AdcCounters key = new AdcCounters(c.line(), c.partition(), 0, c.slice(), c.contrast(), c.phase(), c.repetition(), c.set(), c.segment());
        Reference ref = references.get(key);
        if (ref == null) {
            if (references.size() < MAX_REFERENCES) {
                references.put(key, new Reference(line.data().clone(), line.centreFrequencyHz(), magnetC));
                maxSelfWeight = Math.max(maxSelfWeight, Math.hypot(slopeSum(line.data(), line.data(), line.samples(), line.channels())[0], 0));
            }
            return;
        }
        if (ref.data().length != line.data().length) return;
        double[] sum = slopeSum(ref.data(), line.data(), line.samples(), line.channels());
        double sr = sum[0], si = sum[1];
        double w = Math.hypot(sr, si);
        if (!(w > 0)) return;
        double dwellS = line.dwellNs() * 1e-9;
        double residualChangeHz = Math.atan2(si, sr) / (2 * Math.PI * dwellS);
        // (Larmor − carrier) changed by residualChangeHz; the carrier by the difference of the two lines' carriers
        double dL = residualChangeHz + line.centreFrequencyHz() - ref.carrierHz();
        double dT = magnetC - ref.magnetC();
        sumWdLdT += w * dL * dT;
        sumWdT2 += w * dT * dT;
        sumW += w;
        pairs++;
        // noisy outer lines alone must not set α: wait for about the weight of the k-space centre
        if (sumW >= 0.5 * maxSelfWeight && sumWdT2 / sumW >= MIN_RMS_DT_K * MIN_RMS_DT_K) {
            double alpha = sumWdLdT / sumWdT2 / tracker.referenceHz();
            if (Math.abs(alpha / priorCoefficient - 1) <= MAX_REFIT_CHANGE) {
                tracker = new DriftTracker(tracker.referenceHz(), tracker.referenceC(), alpha);
                refitted = true;
            }
        }
    }

    /**
     * z_k = conj(a_k)·b_k carries e^{i2π·Δr·t_k} (the object's own phase cancels); Σ conj(z_k)·z_{k+1}
     * over samples and channels has the angle 2π·Δr·dwell and a magnitude that weighs the pair by its signal.
     */
    static double[] slopeSum(float[] a, float[] b, int ns, int nc) {
        double sr = 0, si = 0;
        for (int ch = 0; ch < nc; ch++) {
            double pr = 0, pi = 0;
            for (int k = 0; k < ns; k++) {
                int j = 2 * (ch * ns + k);
                double zr = a[j] * b[j] + a[j + 1] * b[j + 1], zi = a[j] * b[j + 1] - a[j + 1] * b[j];
                if (k > 0) {
                    sr += pr * zr + pi * zi;
                    si += pr * zi - pi * zr;
                }
                pr = zr;
                pi = zi;
            }
        }
        return new double[] {sr, si};
    }

    public List<Correction> corrections() {
        return List.copyOf(corrections);
    }

    public double coefficientPerK() {
        return tracker.coefficientPerK();
    }

    /** The carrier now (the last one sent). */
    public double carrierHz() {
        return carrierHz;
    }

    /** For scan.json: what the tracker did, so the recon (or a person) can correct residual phase later. */
    public Map<String, Object> summary() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("enabled", true);
        m.put("method", "carrier predicted from the magnet temperature after each line; coefficient refitted from the phase "
                + "slope of each repeated line against its first acquisition");
        m.put("reference_hz", tracker.referenceHz());
        m.put("reference_magnet_c", tracker.referenceC());
        m.put("coefficient_prior_per_k", priorCoefficient);
        m.put("coefficient_used_per_k", tracker.coefficientPerK());
        m.put("coefficient_refitted", refitted);
        m.put("repeated_lines_compared", pairs);
        m.put("last_magnet_c", lastMagnetC);
        m.put("final_carrier_hz", carrierHz);
        double max = 0;
        for (Correction c : corrections) max = Math.max(max, Math.abs(c.frequencyHz() - tracker.referenceHz()));
        m.put("corrections", corrections.size());
        m.put("max_carrier_change_hz", max);
        if (problem != null) m.put("problem", problem);
        List<double[]> rows = new ArrayList<>();
        for (Correction c : corrections) rows.add(new double[] {c.afterLine(), c.magnetC(), c.frequencyHz()});
        m.put("carrier_after_line", rows);
        return m;
    }
}
