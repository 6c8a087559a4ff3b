package org.lodestone.calibration.tune;

import org.lodestone.calibration.run.CalibrationException;
import org.lodestone.calibration.run.Reason;
import org.lodestone.calibration.run.Fits;
import org.lodestone.calibration.run.Measured;
import org.lodestone.calibration.run.ProgramRunner;
import org.lodestone.calibration.run.UnitSettings;
import org.lodestone.hw.session.DeviceException;
import org.lodestone.hw.wire.Message;

import java.util.ArrayList;
import java.util.List;

/**
 * Coil tune and match through the unit's directional coupler (MEASURE_REFLECTION). The power the
 * coil takes, P = 1 − |Γ|², is a Lorentzian around the resonance, so 1/P is a parabola in f: its
 * vertex is the resonance and its curvature the Q (−3 dB bandwidth f_res/Q). The tune code's Hz per
 * code is measured (two sweeps at different codes), not assumed; then the tune code puts the
 * resonance on the target. At resonance Γ is real and linear in the match code, so two readings at
 * different match codes give the code of zero reflection.
 */
public final class CoilTuning {
    /** Wide enough for a coil detuned by a drive plus a field tens of kHz off; well inside 4096 points. */
    static final double SWEEP_HALF_SPAN_HZ = 400_000;
    static final int SWEEP_POINTS = 801;
    static final int TUNE_PROBE_CODES = 40;
    static final int MATCH_PROBE_CODES = 100;
    static final int MAX_CODE = 4095;
    /** Only points where the coil takes at least this share of the peak power enter the fit (1/P blows noise up in the tails). */
    static final double FIT_FLOOR = 0.35;

    /** One sweep's findings. */
    public record Sweep(int tune, int match, double resonanceHz, double q, double peakPower, List<double[]> magnitudeDb) {
        public Sweep {
            magnitudeDb = List.copyOf(magnitudeDb);
        }
    }

    /**
     * @param targetHz      the frequency the coil was tuned to
     * @param before        the sweep at the codes found on the unit
     * @param after         the sweep at the codes set
     * @param gammaBefore   |Γ| at the target before
     * @param gammaAfter    |Γ| at the target after
     */
    public record Result(double targetHz, int tune, int match, Measured resonanceHz, Measured q, double hzPerTuneCode,
                         Sweep before, Sweep after, double gammaBefore, double gammaAfter) {
    }

    private CoilTuning() {
    }

    public static Result run(ProgramRunner r, UnitSettings s, double targetHz) throws CalibrationException {
        int tune = s.tune(), match = s.match();
        Sweep before = sweep(r, tune, match, targetHz);
        double gammaBefore = gammaAt(r, tune, match, targetHz)[2];
        // Hz per tune code, measured: a second sweep a few codes away, on the side that stays in range
        int probe = tune + (tune + TUNE_PROBE_CODES <= MAX_CODE ? TUNE_PROBE_CODES : -TUNE_PROBE_CODES);
        Sweep moved = sweep(r, probe, match, targetHz);
        double hzPerCode = (moved.resonanceHz() - before.resonanceHz()) / (probe - tune);
        if (!(Math.abs(hzPerCode) > 1)) {
            throw new CalibrationException(Reason.of(Reason.Code.TUNE_STUCK, Reason.number(hzPerCode, 1)),
                    String.format("the coil's resonance did not move with the tune code (%.1f Hz per code): "
                    + "the tuning capacitor or its drive is faulty", hzPerCode));
        }
        Sweep last = moved;
        int code = probe;
        // two steps: the second takes out any non-linearity of the tuning element
        for (int step = 0; step < 2; step++) {
            int next = (int) Math.round(code + (targetHz - last.resonanceHz()) / hzPerCode);
            if (next < 0 || next > MAX_CODE) {
                throw new CalibrationException(Reason.of(Reason.Code.TUNE_OUT_OF_RANGE, Reason.number(targetHz, 0)),
                        String.format("the coil cannot be tuned to %.0f Hz: it would need tune code %d "
                        + "(range 0..%d); the resonance is %.0f Hz at code %d", targetHz, next, MAX_CODE, last.resonanceHz(), code));
            }
            if (next == code && step > 0) break;
            code = next;
            last = sweep(r, code, match, targetHz);
        }
        tune = code;
        // match: Γ at resonance is real and linear in the code
        double g0 = gammaAt(r, tune, match, targetHz)[0];
        int mProbe = match + (match + MATCH_PROBE_CODES <= MAX_CODE ? MATCH_PROBE_CODES : -MATCH_PROBE_CODES);
        double g1 = gammaAt(r, tune, mProbe, targetHz)[0];
        double slope = (g1 - g0) / (mProbe - match);
        if (!(Math.abs(slope) > 1e-5)) {
            throw new CalibrationException(Reason.of(Reason.Code.MATCH_FAULT), "the reflection at resonance does not change with the match code: the match network is faulty");
        }
        int bestMatch = (int) Math.round(match - g0 / slope);
        if (bestMatch < 0 || bestMatch > MAX_CODE) {
            throw new CalibrationException(Reason.of(Reason.Code.MATCH_OUT_OF_RANGE), String.format("the coil cannot be matched: it would need match code %d (range 0..%d)",
                    bestMatch, MAX_CODE));
        }
        match = bestMatch;
        Sweep after = sweep(r, tune, match, targetHz);
        double gammaAfter = gammaAt(r, tune, match, targetHz)[2];
        r.command(new Message.TuneCoil(tune, match));
        // uncertainty: how far the last two fits at the same tune code disagree (the match may pull the resonance)
        double u = Math.max(50, Math.abs(after.resonanceHz() - last.resonanceHz()));
        return new Result(targetHz, tune, match, new Measured(after.resonanceHz(), u, "Hz"),
                new Measured(after.q(), Math.abs(after.q() - last.q()) + 0.5, ""), hzPerCode, before, after, gammaBefore, gammaAfter);
    }

    /** Sets the codes and sweeps around the target; fits the resonance and Q. */
    static Sweep sweep(ProgramRunner r, int tune, int match, double targetHz) throws CalibrationException {
        r.command(new Message.TuneCoil(tune, match));
        double start = targetHz - SWEEP_HALF_SPAN_HZ, step = 2 * SWEEP_HALF_SPAN_HZ / (SWEEP_POINTS - 1);
        Message.Reflection g = measure(r, start, step, SWEEP_POINTS);
        double[] f = new double[g.count()], p = new double[g.count()];
        List<double[]> db = new ArrayList<>();
        for (int k = 0; k < g.count(); k++) {
            f[k] = g.frequencyHz(k);
            double m = g.magnitude(k);
            p[k] = 1 - m * m;
            db.add(new double[] {f[k], 20 * Math.log10(Math.max(m, 1e-4))});
        }
        double[] fit = fitLorentzian(f, p);
        if (fit == null) {
            throw new CalibrationException(Reason.of(Reason.Code.NO_COIL_RESONANCE, Reason.number(SWEEP_HALF_SPAN_HZ / 1e3, 0), Reason.number(targetHz, 0)),
                    String.format("no coil resonance within ±%.0f kHz of %.0f Hz (tune code %d): "
                    + "is the coil connected?", SWEEP_HALF_SPAN_HZ / 1e3, targetHz, tune));
        }
        return new Sweep(tune, match, fit[0], fit[1], fit[2], db);
    }

    /**
     * Fits P(f) = A/(1 + (2Q(f − f0)/f0)²) by least squares on 1/P = a + b·u + c·u² (u = f − f_mid, kHz)
     * over the points above {@link #FIT_FLOOR} of the peak. Returns {f0, Q, A}, or null when no resonance
     * lies inside the sweep.
     */
    static double[] fitLorentzian(double[] f, double[] p) {
        int n = f.length, peak = 0;
        for (int k = 1; k < n; k++) if (p[k] > p[peak]) peak = k;
        if (p[peak] < 0.2 || peak == 0 || peak == n - 1) return null;
        double mid = f[peak];
        double[][] ata = new double[3][3];
        double[] atb = new double[3];
        int used = 0;
        for (int k = 0; k < n; k++) {
            if (p[k] < FIT_FLOOR * p[peak]) continue;
            double u = (f[k] - mid) / 1e3, y = 1 / p[k];
            // weights ∝ P²: the noise of 1/P grows as 1/P²
            double w = p[k] * p[k] * p[k] * p[k];
            double[] row = {1, u, u * u};
            for (int i = 0; i < 3; i++) {
                atb[i] += w * row[i] * y;
                for (int j = 0; j < 3; j++) ata[i][j] += w * row[i] * row[j];
            }
            used++;
        }
        if (used < 7) return null;
        double[] abc = solve3(ata, atb);
        if (abc == null || !(abc[2] > 0)) return null;
        double u0 = -abc[1] / (2 * abc[2]);
        double inv = abc[0] - abc[1] * abc[1] / (4 * abc[2]);
        if (!(inv > 0)) return null;
        double a = 1 / inv, f0 = mid + u0 * 1e3;
        // c = (4Q²/f0²)/A with u in kHz: Q = f0·√(c·A)/2 /1e3
        double q = f0 * Math.sqrt(abc[2] * a) / 2 / 1e3;
        if (f0 < f[0] || f0 > f[n - 1]) return null;
        return new double[] {f0, q, a};
    }

    /** Mean Γ over a few points around f (±1 kHz), and |mean Γ|: {re, im, |Γ|}. */
    static double[] gammaAt(ProgramRunner r, int tune, int match, double fHz) throws CalibrationException {
        r.command(new Message.TuneCoil(tune, match));
        int n = 41;
        Message.Reflection g = measure(r, fHz - 1000, 50, n);
        double re = 0, im = 0;
        for (int k = 0; k < n; k++) {
            re += g.gamma()[2 * k];
            im += g.gamma()[2 * k + 1];
        }
        re /= n;
        im /= n;
        return new double[] {re, im, Math.hypot(re, im)};
    }

    private static Message.Reflection measure(ProgramRunner r, double start, double step, int count) throws CalibrationException {
        try {
            return r.session().measureReflection(start, step, count);
        } catch (DeviceException e) {
            throw new CalibrationException(Reason.of(Reason.Code.REFLECTION_SWEEP_FAILED), "the reflection sweep failed: " + e.getMessage()
                    + " (does this unit have a directional coupler?)");
        }
    }

    private static double[] solve3(double[][] m, double[] b) {
        double[][] a = new double[3][4];
        for (int i = 0; i < 3; i++) {
            System.arraycopy(m[i], 0, a[i], 0, 3);
            a[i][3] = b[i];
        }
        return Fits.solve3(a);
    }
}
