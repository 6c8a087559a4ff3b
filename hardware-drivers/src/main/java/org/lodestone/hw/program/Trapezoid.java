package org.lodestone.hw.program;

/** A trapezoidal gradient on one axis: delay, ramp up, flat top, ramp down; amplitude in Hz/m. */
public record Trapezoid(long delayTicks, long riseTicks, long flatTicks, long fallTicks, double amplitudeHzPerM)
        implements GradientWaveform {
    public Trapezoid {
        if (delayTicks < 0 || riseTicks < 0 || flatTicks < 0 || fallTicks < 0) {
            throw new IllegalArgumentException("negative gradient timing");
        }
    }

    @Override
    public long endTicks() {
        return delayTicks + riseTicks + flatTicks + fallTicks;
    }

    /** Gradient value at time t (ticks from block start). */
    public double valueAt(double t) {
        double u = t - delayTicks;
        if (u <= 0) return 0;
        if (u < riseTicks) return amplitudeHzPerM * u / riseTicks;
        u -= riseTicks;
        if (u <= flatTicks) return amplitudeHzPerM;
        u -= flatTicks;
        if (u < fallTicks) return amplitudeHzPerM * (1 - u / fallTicks);
        return 0;
    }

    /** ∫ G dt from block start to t, in cycles/m (ticks converted with tickNs). */
    public double areaUntil(double t, int tickNs) {
        double dt = tickNs * 1e-9;
        double u = t - delayTicks;
        if (u <= 0) return 0;
        double a = amplitudeHzPerM;
        double area;
        if (u < riseTicks) return a * u * u / (2.0 * riseTicks) * dt;
        area = a * riseTicks / 2.0;
        u -= riseTicks;
        if (u <= flatTicks) return (area + a * u) * dt;
        area += a * flatTicks;
        u -= flatTicks;
        if (u < fallTicks) return (area + a * (u - u * u / (2.0 * fallTicks))) * dt;
        return (area + a * fallTicks / 2.0) * dt;
    }

    @Override
    public double peakHzPerM() {
        return Math.abs(amplitudeHzPerM);
    }

    @Override
    public double peakSlewHzPerMPerTick() {
        long ramp = Math.min(riseTicks == 0 ? Long.MAX_VALUE : riseTicks, fallTicks == 0 ? Long.MAX_VALUE : fallTicks);
        return ramp == Long.MAX_VALUE ? 0 : Math.abs(amplitudeHzPerM) / ramp;
    }

    /** Inside the flat top, or entirely before or after the pulse. */
    @Override
    public boolean isConstantOver(double a, double b) {
        double flatStart = delayTicks + riseTicks;
        double flatEnd = flatStart + flatTicks;
        if (a >= flatStart - 1e-9 && b <= flatEnd + 1e-9) return true;
        if (b <= delayTicks) return true;
        return a >= endTicks();
    }
}
