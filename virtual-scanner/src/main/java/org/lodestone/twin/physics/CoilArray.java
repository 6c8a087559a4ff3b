package org.lodestone.twin.physics;

/**
 * The receive coils: two, left and right of isocentre along the device x axis, Gaussian-like
 * magnitude profiles with a slow phase roll and a constant phase each. {@link #CHANNELS} is the one
 * coil count of the twin: the hidden coil phases, the simulation's coil sums, CAPABILITIES'
 * receiveChannels (plus the EMI reference antenna) all follow it.
 */
public final class CoilArray {
    public static final int CHANNELS = 2;
    public static final double CENTRE_OFFSET_M = 0.11;
    public static final double WIDTH_M = 0.09;
    private final double[] phases;

    public CoilArray(double[] phasesRad) {
        if (phasesRad.length != CHANNELS) throw new IllegalArgumentException("need " + CHANNELS + " coil phases");
        this.phases = phasesRad.clone();
    }

    public int channels() {
        return CHANNELS;
    }

    /** Complex sensitivity {re, im} of channel c at (x, y, z). */
    public double[] sensitivity(int c, double x, double y, double z) {
        double xc = c == 0 ? -CENTRE_OFFSET_M : CENTRE_OFFSET_M;
        double dx = x - xc;
        double r2 = dx * dx + y * y + 0.5 * z * z;
        double mag = 0.15 + Math.exp(-r2 / (2 * WIDTH_M * WIDTH_M));
        double ph = phases[c] + (c == 0 ? 1 : -1) * 4.0 * y; // ~0.36 rad over ±90 mm
        return new double[] {mag * Math.cos(ph), mag * Math.sin(ph)};
    }

    public String describe() {
        return CHANNELS + " channels: Gaussian profiles (sigma " + WIDTH_M * 1e3 + " mm, floor 0.15) centred at x = ∓"
                + CENTRE_OFFSET_M * 1e3 + " mm, phases " + phases[0] + ", " + phases[1] + " rad";
    }

    public double[] phases() {
        return phases.clone();
    }
}
