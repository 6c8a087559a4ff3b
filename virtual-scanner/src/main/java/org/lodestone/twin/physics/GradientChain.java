package org.lodestone.twin.physics;

import org.lodestone.hw.program.GradientWaveform;
import org.lodestone.hw.program.ProgramBlock;
import org.lodestone.hw.program.SampledGradient;
import org.lodestone.hw.program.Trapezoid;

import java.util.Arrays;

/**
 * The gradient a block really plays out, per axis: scale × (G(t − delay) + eddy(t)), with eddy
 * currents driven by the slope of the delayed waveform and carried over block boundaries.
 * Every waveform is piecewise linear (trapezoid ramps, or the segments between a sampled
 * gradient's raster points), so each segment's eddy response and its area are exact
 * exponentials; a jump (a waveform starting or ending at a non-zero value) is a step.
 * The part of a waveform that the delay pushes past the block end is dropped (delays are a few µs).
 * One instance per scan; {@link #enter} must be called for blocks in program order.
 */
final class GradientChain {
    private final GradientErrors err;
    private final double tickS;
    private final boolean ideal;
    /** Eddy field (Hz/m, before scale) at the start of the current block, per axis. */
    private final double[] eddyStart = new double[3];
    private final GradientWaveform[] wave = new GradientWaveform[3];
    /** Linear pieces of the delayed waveform with a non-zero slope: start/end ticks, slope Hz/m/s. */
    private final double[][] segStart = new double[3][];
    private final double[][] segEnd = new double[3][];
    private final double[][] segSlope = new double[3][];
    private final int[] segCount = new int[3];
    /** Jumps of the delayed waveform: tick and size, Hz/m. */
    private final double[][] stepAt = new double[3][];
    private final double[][] stepSize = new double[3][];
    private final int[] stepCount = new int[3];
    private long duration;

    GradientChain(GradientErrors err, int tickNs) {
        this.err = err;
        this.tickS = tickNs * 1e-9;
        this.ideal = err.isIdeal();
        for (int ax = 0; ax < 3; ax++) {
            segStart[ax] = new double[2];
            segEnd[ax] = new double[2];
            segSlope[ax] = new double[2];
            stepAt[ax] = new double[2];
            stepSize[ax] = new double[2];
        }
    }

    /** Moves to the next block (after the previous one has been fully used). */
    void enter(ProgramBlock blk, boolean first) {
        if (!first) {
            for (int ax = 0; ax < 3; ax++) eddyStart[ax] = eddy(ax, duration);
        }
        duration = blk.durationTicks();
        for (int ax = 0; ax < 3; ax++) {
            GradientWaveform g = blk.gradient(ax);
            wave[ax] = g;
            segCount[ax] = 0;
            stepCount[ax] = 0;
            if (g == null || ideal) continue;
            double d = err.delayS()[ax] / tickS;
            switch (g) {
                case Trapezoid t -> {
                    double s0 = t.delayTicks() + d;
                    ramp(ax, s0, t.riseTicks(), t.amplitudeHzPerM());
                    ramp(ax, s0 + t.riseTicks() + t.flatTicks(), t.fallTicks(), -t.amplitudeHzPerM());
                }
                case SampledGradient s -> {
                    double s0 = s.delayTicks() + d;
                    int r = s.rasterTicks();
                    if (s.point(0) != 0) step(ax, s0, s.point(0));
                    for (int i = 1; i < s.points(); i++) ramp(ax, s0 + (double) (i - 1) * r, r, s.point(i) - s.point(i - 1));
                    int last = s.points() - 1;
                    if (s.point(last) != 0) step(ax, s0 + (double) last * r, -s.point(last));
                }
            }
        }
    }

    /** A linear change by {@code delta} Hz/m over {@code len} ticks from {@code start}; zero length is a step. */
    private void ramp(int ax, double start, long len, double delta) {
        if (delta == 0) return;
        if (len == 0) {
            step(ax, start, delta);
            return;
        }
        int n = segCount[ax]++;
        if (n == segStart[ax].length) {
            segStart[ax] = Arrays.copyOf(segStart[ax], 2 * n);
            segEnd[ax] = Arrays.copyOf(segEnd[ax], 2 * n);
            segSlope[ax] = Arrays.copyOf(segSlope[ax], 2 * n);
        }
        segStart[ax][n] = start;
        segEnd[ax][n] = start + len;
        segSlope[ax][n] = delta / (len * tickS);
    }

    private void step(int ax, double at, double delta) {
        int n = stepCount[ax]++;
        if (n == stepAt[ax].length) {
            stepAt[ax] = Arrays.copyOf(stepAt[ax], 2 * n);
            stepSize[ax] = Arrays.copyOf(stepSize[ax], 2 * n);
        }
        stepAt[ax][n] = at;
        stepSize[ax][n] = delta;
    }

    /** ∫ G dt over [from, to] ticks of the current block, cycles/m. */
    double area(int ax, double from, double to) {
        if (ideal) return ProgramAnalysis.area(wave[ax], from, to, (int) Math.round(tickS * 1e9));
        double d = err.delayS()[ax] / tickS;
        double a = ProgramAnalysis.area(wave[ax], from - d, to - d, (int) Math.round(tickS * 1e9));
        return err.scale()[ax] * (a + eddyIntegral(ax, to) - eddyIntegral(ax, from));
    }

    /** Gradient value at t ticks, Hz/m. */
    double value(int ax, double t) {
        GradientWaveform g = wave[ax];
        if (ideal) return g == null ? 0 : g.valueAt(t);
        double d = err.delayS()[ax] / tickS;
        return err.scale()[ax] * ((g == null ? 0 : g.valueAt(t - d)) + eddy(ax, t));
    }

    private double eddy(int ax, double t) {
        double tau = err.eddyTauS()[ax];
        double alpha = err.eddyAmplitude()[ax];
        double e = eddyStart[ax] * Math.exp(-t * tickS / tau);
        if (alpha == 0) return e;
        double[] ss = segStart[ax], se = segEnd[ax], sl = segSlope[ax];
        for (int s = 0; s < segCount[ax]; s++) {
            double ts = ss[s], te = se[s];
            if (t <= ts) continue;
            double k = -alpha * sl[s] * tau;
            if (t <= te) e += k * (1 - Math.exp(-(t - ts) * tickS / tau));
            else e += k * Math.exp(-(t - te) * tickS / tau) * (1 - Math.exp(-(te - ts) * tickS / tau));
        }
        for (int s = 0; s < stepCount[ax]; s++) {
            if (t > stepAt[ax][s]) e += -alpha * stepSize[ax][s] * Math.exp(-(t - stepAt[ax][s]) * tickS / tau);
        }
        return e;
    }

    /** ∫₀ᵗ eddy, cycles/m. */
    private double eddyIntegral(int ax, double t) {
        double tau = err.eddyTauS()[ax];
        double alpha = err.eddyAmplitude()[ax];
        double ts0 = t * tickS;
        double area = eddyStart[ax] * tau * (1 - Math.exp(-ts0 / tau));
        if (alpha == 0) return area;
        for (int s = 0; s < segCount[ax]; s++) {
            double ts = segStart[ax][s] * tickS, te = segEnd[ax][s] * tickS;
            if (ts0 <= ts) continue;
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
        for (int s = 0; s < stepCount[ax]; s++) {
            double ts = stepAt[ax][s] * tickS;
            if (ts0 > ts) area += -alpha * stepSize[ax][s] * tau * (1 - Math.exp(-(ts0 - ts) / tau));
        }
        return area;
    }
}
