package org.lodestone.calibration.shim;

import org.lodestone.calibration.run.CalibrationException;
import org.lodestone.calibration.run.Reason;
import org.lodestone.calibration.run.Fid;
import org.lodestone.calibration.run.Measured;
import org.lodestone.calibration.run.ProgramRunner;
import org.lodestone.calibration.run.UnitSettings;

import java.util.ArrayList;
import java.util.List;

/**
 * Linear shim through gradient offsets. For each axis, two FIDs with a strong probe gradient ±G
 * added to the current offset give the residual linear field directly ({@link ProjectionFieldMap});
 * the offset is corrected by it. Two rounds; the second also measures how strongly the map responds to the offset (a secant). Before and
 * after, the linewidth of a long FID is reported.
 */
public final class ShimCalibration {
    /** Probe gradient: spreads a ±9 cm phantom over ±270 Hz, far wider than the unshimmed line. */
    static final double PROBE_HZ_PER_M = 3000;
    private static final int ROUNDS = 2;
    private static final int SAMPLES = 512;
    private static final double DWELL_US = 100;

    /**
     * @param points per probe pair of the last round {axis, u Hz, v Hz} (position-matched quantiles)
     * @param before the long FID before shimming (its spectrum is the field's distribution over the phantom)
     * @param after  the same after shimming
     */
    public record Result(Measured[] shim, double linewidthBeforeHz, double linewidthAfterHz, double larmorHz,
                         List<double[]> points, Fid before, Fid after) {
        public double ppm(double hz) {
            return hz / larmorHz * 1e6;
        }
    }

    private ShimCalibration() {
    }

    /** The shim's pass criterion: the line got narrower. Equal or wider (or unmeasurable) fails. */
    public static boolean improved(double linewidthBeforeHz, double linewidthAfterHz) {
        return Double.isFinite(linewidthBeforeHz) && Double.isFinite(linewidthAfterHz) && linewidthAfterHz < linewidthBeforeHz;
    }

    public static Result run(ProgramRunner r, UnitSettings s) throws CalibrationException {
        s.apply(r);
        Fid before = Fid.acquire(r, 2048, 100, 90);
        double lwBefore = Linewidth.fwhmHz(before.strongest(), before.dwellS());
        UnitSettings cur = s;
        List<double[]> pts = new ArrayList<>();
        double[] unc = new double[3], lastShim = new double[3], lastSlope = new double[3];
        for (int round = 0; round < ROUNDS; round++) {
            for (int axis = 0; axis < 3; axis++) {
                double c = cur.shim(axis);
                // the z map needs the twin's sheet across x (see Fid.acquire); x and y maps are fine in the default one
                int mark = axis == 2 ? 0 : -1;
                cur.withShim(axis, c + PROBE_HZ_PER_M).apply(r);
                Fid plus = Fid.acquire(r, SAMPLES, DWELL_US, 90, mark);
                cur.withShim(axis, c - PROBE_HZ_PER_M).apply(r);
                Fid minus = Fid.acquire(r, SAMPLES, DWELL_US, 90, mark);
                ProjectionFieldMap.Estimate e = ProjectionFieldMap.estimate(plus, minus);
                if (round == ROUNDS - 1) {
                    for (int i = 0; i < e.u().length; i++) pts.add(new double[] {axis, e.u()[i], e.v()[i]});
                }
                // First round: Newton with the nominal response (slope × G). The map responds less than
                // that (magnitude spectra have tails that stretch the matched positions, ~30 % here), so
                // the second round takes a secant through both rounds, which measures the response.
                double gain = PROBE_HZ_PER_M;
                if (round > 0 && e.slope() != lastSlope[axis]) {
                    double g = (c - lastShim[axis]) / (e.slope() - lastSlope[axis]);
                    if (g > 0.5 * PROBE_HZ_PER_M && g < 4 * PROBE_HZ_PER_M) gain = g;
                }
                lastShim[axis] = c;
                lastSlope[axis] = e.slope();
                double correction = -e.slope() * gain;
                if (!Double.isFinite(correction) || Math.abs(correction) > PROBE_HZ_PER_M / 2) {
                    s.apply(r);
                    throw new CalibrationException(Reason.of(Reason.Code.FIELD_MAP_INCONSISTENT, "xyz".charAt(axis)),
                            String.format("the %s-axis field map is not consistent (correction %.0f Hz/m); "
                            + "is the phantom centred and still? The previous shim is kept", "xyz".charAt(axis), correction));
                }
                cur = cur.withShim(axis, c + correction);
                unc[axis] = e.slopeError() * gain;
            }
        }
        cur.apply(r);
        Fid after = Fid.acquire(r, 2048, 100, 90);
        double lwAfter = Linewidth.fwhmHz(after.strongest(), after.dwellS());
        if (!improved(lwBefore, lwAfter)) {
            s.apply(r);
            throw new CalibrationException(Reason.of(Reason.Code.SHIM_NOT_NARROWER, Reason.number(lwBefore, 1), Reason.number(lwAfter, 1)),
                    String.format(java.util.Locale.ROOT, "shimming did not narrow the line (%.1f Hz → %.1f Hz); "
                    + "the previous shim is kept. Is the phantom centred and still?", lwBefore, lwAfter));
        }
        Measured[] m = {new Measured(cur.shimX(), unc[0], "Hz/m"), new Measured(cur.shimY(), unc[1], "Hz/m"),
                new Measured(cur.shimZ(), unc[2], "Hz/m")};
        return new Result(m, lwBefore, lwAfter, s.frequencyHz(), pts, before, after);
    }
}
