package org.lodestone.twin.physics;

import org.lodestone.hw.program.ProgramBlock;
import org.lodestone.hw.program.Trapezoid;

/**
 * The gradient a block really plays out, per axis: scale × (G(t − delay) + eddy(t)), with eddy
 * currents driven by the ramps of the delayed waveform and carried over block boundaries.
 * Everything is analytic (trapezoid ramps have constant slope), so areas are exact. The part of a
 * waveform that the delay pushes past the block end is dropped (delays are a few µs).
 * One instance per scan; {@link #enter} must be called for blocks in program order.
 */
final class GradientChain {
    private final GradientErrors err;
    private final double tickS;
    private final boolean ideal;
    /** Eddy field (Hz/m, before scale) at the start of the current block, per axis. */
    private final double[] eddyStart = new double[3];
    private final Trapezoid[] tr = new Trapezoid[3];
    private final double[][] segStart = new double[3][2];
    private final double[][] segEnd = new double[3][2];
    private final double[][] segSlope = new double[3][2]; // Hz/m per second
    private long duration;

    GradientChain(GradientErrors err, int tickNs) {
        this.err = err;
        this.tickS = tickNs * 1e-9;
        this.ideal = err.isIdeal();
    }

    /** Moves to the next block (after the previous one has been fully used). */
    void enter(ProgramBlock blk, boolean first) {
        if (!first) {
            for (int ax = 0; ax < 3; ax++) eddyStart[ax] = eddy(ax, duration);
        }
        duration = blk.durationTicks();
        for (int ax = 0; ax < 3; ax++) {
            Trapezoid g = blk.gradient(ax);
            tr[ax] = g;
            if (g == null) continue;
            double d = err.delayS()[ax] / tickS;
            double s0 = g.delayTicks() + d;
            segStart[ax][0] = s0;
            segEnd[ax][0] = s0 + g.riseTicks();
            segSlope[ax][0] = g.riseTicks() == 0 ? 0 : g.amplitudeHzPerM() / (g.riseTicks() * tickS);
            segStart[ax][1] = s0 + g.riseTicks() + g.flatTicks();
            segEnd[ax][1] = segStart[ax][1] + g.fallTicks();
            segSlope[ax][1] = g.fallTicks() == 0 ? 0 : -g.amplitudeHzPerM() / (g.fallTicks() * tickS);
        }
    }

    /** ∫ G dt over [from, to] ticks of the current block, cycles/m. */
    double area(int ax, double from, double to) {
        if (ideal) return ProgramAnalysis.area(tr[ax], from, to, (int) Math.round(tickS * 1e9));
        double d = err.delayS()[ax] / tickS;
        double a = ProgramAnalysis.area(tr[ax], from - d, to - d, (int) Math.round(tickS * 1e9));
        return err.scale()[ax] * (a + eddyIntegral(ax, to) - eddyIntegral(ax, from));
    }

    /** Gradient value at t ticks, Hz/m. */
    double value(int ax, double t) {
        Trapezoid g = tr[ax];
        if (ideal) return g == null ? 0 : g.valueAt(t);
        double d = err.delayS()[ax] / tickS;
        return err.scale()[ax] * ((g == null ? 0 : g.valueAt(t - d)) + eddy(ax, t));
    }

    private double eddy(int ax, double t) {
        double tau = err.eddyTauS()[ax];
        double alpha = err.eddyAmplitude()[ax];
        double e = eddyStart[ax] * Math.exp(-t * tickS / tau);
        if (tr[ax] == null || alpha == 0) return e;
        for (int s = 0; s < 2; s++) {
            double ts = segStart[ax][s], te = segEnd[ax][s];
            if (t <= ts || te <= ts) continue;
            double k = -alpha * segSlope[ax][s] * tau;
            if (t <= te) e += k * (1 - Math.exp(-(t - ts) * tickS / tau));
            else e += k * Math.exp(-(t - te) * tickS / tau) * (1 - Math.exp(-(te - ts) * tickS / tau));
        }
        return e;
    }

    /** ∫₀ᵗ eddy, cycles/m. */
    private double eddyIntegral(int ax, double t) {
        double tau = err.eddyTauS()[ax];
        double alpha = err.eddyAmplitude()[ax];
        double ts0 = t * tickS;
        double area = eddyStart[ax] * tau * (1 - Math.exp(-ts0 / tau));
        if (tr[ax] == null || alpha == 0) return area;
        for (int s = 0; s < 2; s++) {
            double ts = segStart[ax][s] * tickS, te = segEnd[ax][s] * tickS;
            if (ts0 <= ts || te <= ts) continue;
            double k = -alpha * segSlope[ax][s] * tau;
            double len = te - ts;
            if (ts0 <= te) {
                double u = ts0 - ts;
                area += k * (u - tau * (1 - Math.exp(-u / tau)));
            } else {
                area += k * (len - tau * (1 - Math.exp(-len / tau)));
                area += k * (1 - Math.exp(-len / tau)) * tau * (1 - Math.exp(-(ts0 - te) / tau));
            }
        }
        return area;
    }
}
