package org.lodestone.twin.physics;

import org.lodestone.hw.program.AdcWindow;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Plans an ADC window: the real gradient area between its samples, and whether it can be summed by the
 * readout transform (in segments over which the area is linear enough) or must be summed sample by sample.
 */
final class ReadoutPlanner {
    private static final double TWO_PI = 2 * Math.PI;
    /**
     * Largest phase error left in a TRANSFORM window (at the farthest isochromat), radians. Eddy currents
     * make the readout area slightly non-linear in time: within a segment the phase is the linear part
     * plus a residual ρ = 2π·R_j·r that is applied to first order (e^{iρ} ≈ 1 + iρ, error ρ²/2), except on
     * the axes where it is smallest that together stay below half of this, where it is ignored; the window
     * is split until that error is below this (the earlier per-sample 2nd-order correction left up to ~6e-4 rad).
     * With 5e-4, the eddy-current bend of ~0.1 rad in the bench's readouts takes 2–3 segments.
     */
    static final double SEGMENT_PHASE_TOLERANCE_RAD = 5e-4;

    /** Gradient area over [from, to] ticks of the block in hand, per axis (zero while the amplifier is off). */
    interface Areas {
        double area(int axis, double fromTicks, double toTicks);
    }

    private final IsochromatGrid grid;
    private final int tickNs;

    ReadoutPlanner(IsochromatGrid grid, int tickNs) {
        this.grid = grid;
        this.tickNs = tickNs;
    }

    /** The window's operation; {@code capture} ≥ 0 is the sample whose |m| goes into the truth image. */
    SpinOp.Adc plan(AdcWindow adc, Areas areas, double fieldHz, int capture) {
        int ns = adc.samples();
        double dwellS = adc.dwellNs() * 1e-9;
        // gradient area between consecutive samples, from the real (scaled, delayed, eddy) gradient
        double[][] steps = new double[ns][3];
        double[][] cum = new double[ns][3];
        for (int k = 1; k < ns; k++) {
            double a = ProgramAnalysis.sampleTicks(adc, k - 1, tickNs);
            double bT = ProgramAnalysis.sampleTicks(adc, k, tickNs);
            for (int ax = 0; ax < 3; ax++) {
                steps[k][ax] = areas.area(ax, a, bT);
                cum[k][ax] = cum[k - 1][ax] + steps[k][ax];
            }
        }
        int stride = 2 * grid.coils;
        int[] seg = segments(cum, ns);
        if (seg == null) {
            return new SpinOp.Adc(ns, dwellS, SpinOp.AdcMode.EXACT, steps, cum, null, null, null, fieldHz, capture,
                    new double[grid.tileFrom.length][stride * ns], grid.tileTissue);
        }
        double[][] segBase = new double[seg.length - 1][3];
        boolean[][] segAxes = new boolean[seg.length - 1][3];
        for (int s = 0; s + 1 < seg.length; s++) {
            int first = seg[s], last = seg[s + 1] - 1;
            for (int ax = 0; ax < 3; ax++) segBase[s][ax] = last > first ? (cum[last][ax] - cum[first][ax]) / (last - first) : 0;
            segAxes[s] = correctedAxes(residualRad(cum, first, last - first + 1));
        }
        int[] identity = new int[grid.tissues.length];
        for (int t = 0; t < identity.length; t++) identity[t] = t;
        return new SpinOp.Adc(ns, dwellS, SpinOp.AdcMode.TRANSFORM, null, cum, seg, segBase, segAxes, fieldHz, capture,
                new double[grid.tissues.length][stride * ns], identity);
    }

    /**
     * Splits a window's samples into the fewest runs (greedy, longest first) over which the area is
     * linear to within the tolerance at the object's extent; returns the run starts and ns, or null
     * when more than ns/4 runs would be needed (then the direct per-sample sum is cheaper).
     */
    private int[] segments(double[][] cum, int ns) {
        List<Integer> starts = new ArrayList<>();
        int first = 0;
        while (first < ns) {
            starts.add(first);
            if (starts.size() > Math.max(1, ns / 4)) return null;
            // gallop, then bisect, for the longest run [first, first + len) that is linear enough
            int good = 1, len = 2;
            while (first + len <= ns && linearEnough(cum, first, len)) {
                good = len;
                len *= 2;
            }
            int bad = Math.min(len, ns - first + 1);
            while (bad - good > 1) {
                int mid = (good + bad) >>> 1;
                if (linearEnough(cum, first, mid)) good = mid;
                else bad = mid;
            }
            first += good;
        }
        int[] out = new int[starts.size() + 1];
        for (int s = 0; s < starts.size(); s++) out[s] = starts.get(s);
        out[starts.size()] = ns;
        return out;
    }

    /** Per axis, the largest phase of the area's deviation from its chord over [first, first + len), at the object's extent. */
    private double[] residualRad(double[][] cum, int first, int len) {
        double[] rho = new double[3];
        int last = first + len - 1;
        for (int ax = 0; ax < 3; ax++) {
            double slope = len > 1 ? (cum[last][ax] - cum[first][ax]) / (len - 1) : 0;
            double worst = 0;
            for (int j = 1; j < len - 1; j++) worst = Math.max(worst, Math.abs(cum[first + j][ax] - cum[first][ax] - slope * j));
            rho[ax] = TWO_PI * worst * grid.maxAbsPos[ax];
        }
        return rho;
    }

    /** The axes whose residual is corrected to first order: all but the smallest ones that together stay within half the tolerance. */
    private static boolean[] correctedAxes(double[] rho) {
        Integer[] order = {0, 1, 2};
        Arrays.sort(order, (p, q) -> Double.compare(rho[p], rho[q]));
        boolean[] corrected = {true, true, true};
        double ignored = 0;
        for (int ax : order) {
            if (ignored + rho[ax] > SEGMENT_PHASE_TOLERANCE_RAD / 2) break;
            ignored += rho[ax];
            corrected[ax] = false;
        }
        return corrected;
    }

    /** Whether a run's residual, corrected to first order on {@link #correctedAxes} (error ρ²/2), stays within the tolerance. */
    private boolean linearEnough(double[][] cum, int first, int len) {
        double[] rho = residualRad(cum, first, len);
        boolean[] axes = correctedAxes(rho);
        double corrected = 0, ignored = 0;
        for (int ax = 0; ax < 3; ax++) {
            if (axes[ax]) corrected += rho[ax];
            else ignored += rho[ax];
        }
        return corrected * corrected / 2 + ignored <= SEGMENT_PHASE_TOLERANCE_RAD;
    }
}
