package org.lodestone.hw.program;

import java.util.Arrays;

/**
 * An arbitrary gradient on the gradient raster: point i has the value {@code hzPerM[i]} at
 * {@code delayTicks + i·rasterTicks}, and the board interpolates linearly between points (so a
 * trapezoid whose corners lie on the raster is reproduced exactly). The waveform is zero before
 * the first point and after the last one, which lets it start or end at a non-zero value to join
 * the next block's waveform. Immutable; the array is copied in and out.
 */
public final class SampledGradient implements GradientWaveform {
    private final long delayTicks;
    private final int rasterTicks;
    private final float[] hzPerM;
    /** cumulative area (Hz/m × ticks) up to point i, so areaUntil is O(1) after a binary-free index */
    private final double[] cumulative;

    public SampledGradient(long delayTicks, int rasterTicks, float[] hzPerM) {
        if (delayTicks < 0) throw new IllegalArgumentException("negative gradient delay");
        if (rasterTicks <= 0) throw new IllegalArgumentException("gradient raster must be positive");
        if (hzPerM.length < 2) throw new IllegalArgumentException("a sampled gradient needs at least 2 points, got " + hzPerM.length);
        for (int i = 0; i < hzPerM.length; i++) {
            if (!Float.isFinite(hzPerM[i])) throw new IllegalArgumentException("gradient point " + i + " is not finite");
        }
        this.delayTicks = delayTicks;
        this.rasterTicks = rasterTicks;
        this.hzPerM = hzPerM.clone();
        this.cumulative = new double[hzPerM.length];
        for (int i = 1; i < hzPerM.length; i++) {
            cumulative[i] = cumulative[i - 1] + 0.5 * ((double) hzPerM[i - 1] + hzPerM[i]) * rasterTicks;
        }
    }

    public long delayTicks() {
        return delayTicks;
    }

    public int rasterTicks() {
        return rasterTicks;
    }

    /** The points, Hz/m (a copy). */
    public float[] hzPerM() {
        return hzPerM.clone();
    }

    public int points() {
        return hzPerM.length;
    }

    /** Value of point i, Hz/m. */
    public double point(int i) {
        return hzPerM[i];
    }

    @Override
    public long endTicks() {
        return delayTicks + (long) rasterTicks * (hzPerM.length - 1);
    }

    @Override
    public double valueAt(double t) {
        double u = (t - delayTicks) / rasterTicks;
        if (u < 0 || u > hzPerM.length - 1) return 0;
        int i = Math.min((int) u, hzPerM.length - 2);
        double f = u - i;
        return hzPerM[i] + (hzPerM[i + 1] - hzPerM[i]) * f;
    }

    @Override
    public double areaUntil(double t, int tickNs) {
        double u = (t - delayTicks) / rasterTicks;
        if (u <= 0) return 0;
        int last = hzPerM.length - 1;
        if (u >= last) return cumulative[last] * tickNs * 1e-9;
        int i = (int) u;
        double f = u - i;
        double a = hzPerM[i], b = hzPerM[i + 1];
        double partial = (a * f + 0.5 * (b - a) * f * f) * rasterTicks;
        return (cumulative[i] + partial) * tickNs * 1e-9;
    }

    @Override
    public double peakHzPerM() {
        double p = 0;
        for (float v : hzPerM) p = Math.max(p, Math.abs(v));
        return p;
    }

    @Override
    public double peakSlewHzPerMPerTick() {
        double p = 0;
        for (int i = 1; i < hzPerM.length; i++) p = Math.max(p, Math.abs((double) hzPerM[i] - hzPerM[i - 1]));
        return p / rasterTicks;
    }

    @Override
    public boolean isConstantOver(double a, double b) {
        double v = valueAt(a);
        if (valueAt(b) != v) return false;
        // every point strictly inside (a, b) must have the same value
        double ua = (a - delayTicks) / rasterTicks, ub = (b - delayTicks) / rasterTicks;
        int from = Math.max(0, (int) Math.floor(ua) + 1), to = Math.min(hzPerM.length - 1, (int) Math.ceil(ub) - 1);
        for (int i = from; i <= to; i++) if (hzPerM[i] != v) return false;
        // the waveform drops to zero outside its points: that is a change unless v is 0
        return v == 0 || (ua >= 0 && ub <= hzPerM.length - 1);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SampledGradient s && s.delayTicks == delayTicks && s.rasterTicks == rasterTicks
                && Arrays.equals(s.hzPerM, hzPerM);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(delayTicks) * 31 * 31 + rasterTicks * 31 + Arrays.hashCode(hzPerM);
    }

    @Override
    public String toString() {
        return "SampledGradient[delay=" + delayTicks + ", raster=" + rasterTicks + ", points=" + hzPerM.length
                + ", peak=" + peakHzPerM() + " Hz/m]";
    }
}
