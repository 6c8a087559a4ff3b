package org.lodestone.calibration.shim;

import org.lodestone.calibration.run.CalibrationException;
import org.lodestone.calibration.run.Fid;
import org.lodestone.calibration.run.Fits;
import org.lodestone.calibration.run.Measured;
import org.lodestone.calibration.run.ProgramRunner;
import org.lodestone.calibration.run.UnitSettings;

import java.util.ArrayList;
import java.util.List;

/**
 * Linear shim through gradient offsets: for each axis in turn, FIDs at offsets around the current
 * value; the FID's envelope integral (longer T2* = larger) is even in the residual linear field
 * over a symmetric phantom, so the vertex of a parabola through the points is the best offset.
 * Three passes with narrowing steps; repeated passes also undo the coupling through cross terms.
 */
public final class ShimCalibration {
    /** Half-widths of the passes in Hz/m: 22 ppm/m at 0.35 T is ~330 Hz/m, so the first covers it. */
    private static final double[] PASSES = {500, 150, 50};
    private static final double[] POINTS = {-1, -0.5, 0, 0.5, 1};
    private static final int SAMPLES = 512;
    private static final double DWELL_US = 200;

    /**
     * @param shim      offsets per axis (Hz/m), with the last pass's vertex uncertainty
     * @param points    every FID of the search as {axis, offset Hz/m, envelope integral}
     */
    public record Result(Measured[] shim, double linewidthBeforeHz, double linewidthAfterHz, double larmorHz,
                         List<double[]> points) {
        public double ppm(double hz) {
            return hz / larmorHz * 1e6;
        }
    }

    private ShimCalibration() {
    }

    public static Result run(ProgramRunner r, UnitSettings s) throws CalibrationException {
        s.apply(r);
        Fid before = Fid.acquire(r, SAMPLES * 2, DWELL_US, 90);
        double lwBefore = Linewidth.fwhmHz(before.strongest(), before.dwellS());
        UnitSettings cur = s;
        List<double[]> pts = new ArrayList<>();
        double[] unc = new double[3];
        for (double h : PASSES) {
            for (int axis = 0; axis < 3; axis++) {
                double c = cur.shim(axis);
                double[] x = new double[POINTS.length], y = new double[POINTS.length];
                int best = 0;
                for (int i = 0; i < POINTS.length; i++) {
                    x[i] = c + POINTS[i] * h;
                    cur.withShim(axis, x[i]).apply(r);
                    y[i] = Fid.acquire(r, SAMPLES, DWELL_US, 90).envelopeIntegral();
                    pts.add(new double[] {axis, x[i], y[i]});
                    if (y[i] > y[best]) best = i;
                }
                Fits.Parabola p = Fits.parabola(x, y);
                double v = p.vertex();
                if (p.c2() < 0 && v >= x[0] - h && v <= x[x.length - 1] + h) {
                    cur = cur.withShim(axis, v);
                    // vertex error ≈ residual / (|curvature| · step · √n)
                    unc[axis] = p.sigma() / (Math.abs(p.c2()) * h * Math.sqrt(POINTS.length)) + 1e-3 * h;
                } else {
                    cur = cur.withShim(axis, x[best]);
                    unc[axis] = h / 2;
                }
            }
        }
        cur.apply(r);
        Fid after = Fid.acquire(r, SAMPLES * 2, DWELL_US, 90);
        double lwAfter = Linewidth.fwhmHz(after.strongest(), after.dwellS());
        if (lwAfter > lwBefore * 1.2) {
            s.apply(r);
            throw new CalibrationException(String.format("shimming made the line wider (%.1f Hz → %.1f Hz); the previous shim "
                    + "is kept. Is the phantom centred and still?", lwBefore, lwAfter));
        }
        Measured[] m = {new Measured(cur.shimX(), unc[0], "Hz/m"), new Measured(cur.shimY(), unc[1], "Hz/m"),
                new Measured(cur.shimZ(), unc[2], "Hz/m")};
        return new Result(m, lwBefore, lwAfter, s.frequencyHz(), pts);
    }
}
