package org.lodestone.hw.program;

/** A trapezoidal gradient on one axis: delay, ramp up, flat top, ramp down; amplitude in Hz/m. */
public record Trapezoid(long delayTicks, long riseTicks, long flatTicks, long fallTicks, double amplitudeHzPerM) {
    public Trapezoid {
        if (delayTicks < 0 || riseTicks < 0 || flatTicks < 0 || fallTicks < 0) {
            throw new IllegalArgumentException("negative gradient timing");
        }
    }

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

    public double totalArea(int tickNs) {
        return areaUntil(endTicks(), tickNs);
    }
}
