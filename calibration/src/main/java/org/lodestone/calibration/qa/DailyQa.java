package org.lodestone.calibration.qa;

import org.lodestone.recon.cartesian.RssReconstructor;
import org.lodestone.recon.kspace.KSpaceFilter;
import org.lodestone.calibration.run.CalibrationException;
import org.lodestone.calibration.run.Reason;
import org.lodestone.calibration.run.ProgramRunner;
import org.lodestone.calibration.run.UnitSettings;
import org.lodestone.seq.protocol.GradientEcho;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Daily QA on the uniform phantom (after ACR/NEMA practice): two identical axial gradient-echo
 * images through the phantom's centre, reconstructed by the reconstruction module (2D FFT, root sum of squares).
 * <ul>
 * <li>SNR: mean of image 1 in the central ROI (75 % of the disc's area) over the standard deviation
 *     of the difference image there divided by √2 (NEMA two-image method: free of structure);</li>
 * <li>percent integral uniformity: 100·(1 − (max − min)/(max + min)) of ~1 cm² box means in that ROI;</li>
 * <li>ghosting ratio: |(top + bottom) − (left + right)| / (2 × mean) in background boxes along the phase
 *     (top/bottom) and readout (left/right) directions, in percent;</li>
 * <li>geometric accuracy: the disc's diameter across x and y at half the mean signal, against the
 *     phantom's specified diameter.</li>
 * </ul>
 */
public final class DailyQa {
    /** The uniform phantom's drawing: a sphere of doped water, 170 mm in diameter. */
    public static final double PHANTOM_DIAMETER_MM = 170;

    /**
     * Pass/fail limits: SNR floor for this field and protocol, PIU ≥ 70 % (ACR's 87.5 % assumes a volume coil; this
     * unit receives with two surface elements and no intensity correction), ghosting ≤ 2.5 % (ACR), diameter within ±2 %.
     */
    public record Limits(double minSnr, double minPiuPercent, double maxGhostingPercent, double maxDiameterErrorPercent) {
        public static final Limits DEFAULT = new Limits(20, 70, 2.5, 2);
    }

    public record Result(double snr, double piuPercent, double ghostingPercent, double diameterXmm, double diameterYmm,
                         double diameterErrorPercent, List<String> failures, double[][] image, double pixelMm) {
        public boolean passed() {
            return failures.isEmpty();
        }

        public Map<String, Object> values() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("snr", snr);
            m.put("piu_percent", piuPercent);
            m.put("ghosting_percent", ghostingPercent);
            m.put("diameter_x_mm", diameterXmm);
            m.put("diameter_y_mm", diameterYmm);
            m.put("specified_diameter_mm", PHANTOM_DIAMETER_MM);
            m.put("diameter_error_percent", diameterErrorPercent);
            m.put("passed", passed());
            m.put("failures", failures);
            return m;
        }
    }

    static final int MATRIX = 64;
    /** 300 mm: background boxes for the ghosting ratio sit well clear of the 170 mm disc and its edge ringing. */
    static final double FOV_MM = 300;

    private DailyQa() {
    }

    public static Result run(ProgramRunner r, UnitSettings s, Limits limits) throws CalibrationException {
        s.apply(r);
        Map<String, Double> p = new LinkedHashMap<>();
        p.put("fov", FOV_MM);
        p.put("matrix", (double) MATRIX);
        p.put("slice_thickness", 5.0);
        p.put("slice_position", 0.0);
        p.put("tr", 30.0);
        p.put("te", 10.0);
        p.put("flip", 30.0);
        p.put("bandwidth", 150.0);
        double[][] a = image(r.run(GradientEcho.twoD(), p));
        double[][] b = image(r.run(GradientEcho.twoD(), p));
        return analyse(a, b, FOV_MM / MATRIX, limits);
    }

    /**
     * Root-sum-of-squares magnitude image [phase row][readout column] from one Cartesian acquisition, by the
     * reconstruction module's coil combination; a Hann window in k-space keeps the disc's edge ringing out of
     * the background boxes (it would read as ghosting).
     */
    static double[][] image(ProgramRunner.Acquisition acq) throws CalibrationException {
        int nRead = acq.lines().getFirst().samples(), nPhase = MATRIX;
        float[][] coils = new float[acq.channels()][2 * nRead * nPhase];
        for (int i = 0; i < acq.lines().size(); i++) {
            int row = acq.lines().get(i).counters().line();
            if (row < 0 || row >= nPhase) throw new CalibrationException("the QA image has a phase encode " + row + " outside 0.." + (nPhase - 1));
            for (int c = 0; c < coils.length; c++) System.arraycopy(acq.channel(i, c), 0, coils[c], 2 * row * nRead, 2 * nRead);
        }
        for (float[] k : coils) KSpaceFilter.hann().apply(k, nRead, nPhase);
        float[] rss;
        try (RssReconstructor recon = new RssReconstructor(1, RssReconstructor.FftEngine.JTRANSFORMS)) {
            rss = recon.rss2D(coils, nRead, nPhase, true);
        }
        double[][] out = new double[nPhase][nRead];
        for (int y = 0; y < nPhase; y++) for (int x = 0; x < nRead; x++) out[y][x] = rss[y * nRead + x];
        return out;
    }

    static Result analyse(double[][] a, double[][] b, double pixelMm, Limits lim) throws CalibrationException {
        int ny = a.length, nx = a[0].length;
        double max = 0;
        for (double[] row : a) for (double v : row) max = Math.max(max, v);
        // the disc: centroid and mean of the pixels above 30 % of the maximum
        double sw = 0, cx = 0, cy = 0;
        for (int y = 0; y < ny; y++) {
            for (int x = 0; x < nx; x++) {
                if (a[y][x] > 0.3 * max) {
                    sw += a[y][x];
                    cx += a[y][x] * x;
                    cy += a[y][x] * y;
                }
            }
        }
        if (!(sw > 0)) throw new CalibrationException(Reason.of(Reason.Code.QA_EMPTY), "the QA image is empty: is the uniform phantom in the bore?");
        cx /= sw;
        cy /= sw;
        double rSpec = PHANTOM_DIAMETER_MM / 2 / pixelMm;
        double rRoi = Math.sqrt(0.75) * rSpec;
        double sum = 0, sumD = 0, sumD2 = 0;
        int n = 0;
        for (int y = 0; y < ny; y++) {
            for (int x = 0; x < nx; x++) {
                if (Math.hypot(x - cx, y - cy) > rRoi) continue;
                sum += a[y][x];
                double d = a[y][x] - b[y][x];
                sumD += d;
                sumD2 += d * d;
                n++;
            }
        }
        double mean = sum / n;
        double sdDiff = Math.sqrt(Math.max(0, sumD2 / n - (sumD / n) * (sumD / n)));
        double snr = mean / (sdDiff / Math.sqrt(2));
        // 1 cm² boxes inside the ROI: uniformity
        int box = Math.max(2, (int) Math.round(10 / pixelMm));
        double hi = -1, lo = Double.MAX_VALUE;
        for (int y = 0; y + box <= ny; y++) {
            for (int x = 0; x + box <= nx; x++) {
                if (Math.hypot(x + box / 2.0 - 0.5 - cx, y + box / 2.0 - 0.5 - cy) > rRoi - box / 2.0) continue;
                double m = 0;
                for (int j = 0; j < box; j++) for (int i = 0; i < box; i++) m += a[y + j][x + i];
                m /= box * box;
                hi = Math.max(hi, m);
                lo = Math.min(lo, m);
            }
        }
        double piu = 100 * (1 - (hi - lo) / (hi + lo));
        // ghosting: background boxes beyond the disc along each direction, clear of its edge
        // small boxes midway between the disc's edge and the field of view's, clear of both (and of the edge's ringing)
        double margin = Math.min(ny, nx) / 2.0 - rSpec;
        int half = Math.max(1, (int) Math.floor(margin / 4));
        double gap = rSpec + 0.5 * margin;
        double top = boxMean(a, cx, cy - gap, half), bottom = boxMean(a, cx, cy + gap, half);
        double left = boxMean(a, cx - gap, cy, half), right = boxMean(a, cx + gap, cy, half);
        double ghost = 100 * Math.abs((top + bottom) - (left + right)) / (2 * mean);
        double dx = width(a[(int) Math.round(cy)], mean / 2) * pixelMm;
        double[] col = new double[ny];
        for (int y = 0; y < ny; y++) col[y] = a[y][(int) Math.round(cx)];
        double dy = width(col, mean / 2) * pixelMm;
        double derr = 100 * ((dx + dy) / 2 / PHANTOM_DIAMETER_MM - 1);
        double worstAxis = 100 * Math.max(Math.abs(dx / PHANTOM_DIAMETER_MM - 1), Math.abs(dy / PHANTOM_DIAMETER_MM - 1));
        if (!(worstAxis <= 10) || !(piu >= 50)) {
            throw new CalibrationException(Reason.of(Reason.Code.QA_WRONG_PHANTOM, Reason.number(PHANTOM_DIAMETER_MM, 0)),
                    String.format("QA needs the uniform phantom (a %.0f mm sphere of water) in the bore: "
                    + "the image shows an object %.0f × %.0f mm with %.0f %% uniformity", PHANTOM_DIAMETER_MM, dx, dy, piu));
        }
        List<String> fails = new ArrayList<>();
        if (snr < lim.minSnr()) fails.add(String.format("SNR %.1f below %.1f", snr, lim.minSnr()));
        if (piu < lim.minPiuPercent()) fails.add(String.format("uniformity %.1f %% below %.1f %%", piu, lim.minPiuPercent()));
        if (ghost > lim.maxGhostingPercent()) fails.add(String.format("ghosting %.2f %% above %.2f %%", ghost, lim.maxGhostingPercent()));
        if (worstAxis > lim.maxDiameterErrorPercent()) {
            fails.add(String.format("diameter %.1f × %.1f mm off the specified %.0f mm by more than %.1f %%", dx, dy,
                    PHANTOM_DIAMETER_MM, lim.maxDiameterErrorPercent()));
        }
        return new Result(snr, piu, ghost, dx, dy, derr, fails, a, pixelMm);
    }

    private static double boxMean(double[][] a, double cx, double cy, int half) {
        int x0 = (int) Math.round(cx), y0 = (int) Math.round(cy);
        double s = 0;
        int n = 0;
        for (int y = y0 - half; y <= y0 + half; y++) {
            for (int x = x0 - half; x <= x0 + half; x++) {
                if (y < 0 || y >= a.length || x < 0 || x >= a[0].length) continue;
                s += a[y][x];
                n++;
            }
        }
        return n == 0 ? 0 : s / n;
    }

    /**
     * Distance between the object's edges (pixels, interpolated): each edge where the profile falls to half of
     * its own level just inside that edge, so the coil's shading across the object does not move it.
     */
    static double width(double[] p, double ignored) {
        double max = java.util.Arrays.stream(p).max().orElse(0);
        int first = -1, last = -1;
        for (int i = 0; i < p.length; i++) {
            if (p[i] >= 0.3 * max) {
                if (first < 0) first = i;
                last = i;
            }
        }
        if (first <= 0 || last >= p.length - 1 || last - first < 8) return Double.NaN;
        double lp = 0, rp = 0;
        for (int k = 0; k < 5; k++) {
            lp = Math.max(lp, p[first + k]);
            rp = Math.max(rp, p[last - k]);
        }
        return crossing(p, last, +1, rp / 2) - crossing(p, first, -1, lp / 2);
    }

    /** Where p falls below level going from i in direction dir (linear interpolation). */
    private static double crossing(double[] p, int i, int dir, double level) {
        int k = i;
        while (p[k] < level && k - dir >= 0 && k - dir < p.length) k -= dir; // back inside if the start is below
        while (k + dir >= 0 && k + dir < p.length && p[k + dir] >= level) k += dir;
        if (k + dir < 0 || k + dir >= p.length) return k;
        return k + dir * (p[k] - level) / (p[k] - p[k + dir]);
    }
}
