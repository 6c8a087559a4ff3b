package org.lodestone.hw.program;

/**
 * A gradient waveform on one axis within a block, in Hz/m, times in ticks from the block start.
 * Either a {@link Trapezoid} or a {@link SampledGradient} (arbitrary shape on the gradient raster).
 */
public sealed interface GradientWaveform permits Trapezoid, SampledGradient {
    /** Ticks from the block start to the first point of the waveform. */
    long delayTicks();

    /** Ticks from the block start to the end of the waveform (zero after it). */
    long endTicks();

    /** Gradient value at time t (ticks from block start), Hz/m; zero outside the waveform. */
    double valueAt(double t);

    /** ∫ G dt from block start to t, in cycles/m (ticks converted with tickNs). */
    double areaUntil(double t, int tickNs);

    /** Largest |G| anywhere in the waveform, Hz/m. */
    double peakHzPerM();

    /** Largest |dG/dt|, Hz/m per tick (a jump to or from zero at the ends counts as piecewise linear, not a step). */
    double peakSlewHzPerMPerTick();

    /** Whether G is constant over [a, b] (ticks). */
    boolean isConstantOver(double a, double b);

    default double totalArea(int tickNs) {
        return areaUntil(endTicks(), tickNs);
    }
}
