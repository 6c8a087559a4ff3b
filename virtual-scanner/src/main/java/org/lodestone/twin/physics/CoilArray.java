package org.lodestone.twin.physics;

/**
 * The receive coils: N surface loops on a ring of radius {@value #RING_RADIUS_M} m around the bore axis (z),
 * coil c at angle π + 2πc/N (so two coils sit at x = ∓110 mm, the first twin's pair). Each has a
 * Gaussian-like magnitude profile (width shrinking with the loop size as N grows, a floor for the
 * far-field pick-up), a slow phase roll along the ring's tangent and a constant phase of its own.
 * Neighbouring loops couple: their noise is correlated by {@link #noiseCorrelation}, falling with the
 * distance between loop centres (about 0.2 between neighbours of 8, nearly none across the bore).
 * The count comes from the hidden coil phases (one per coil); CAPABILITIES' receiveChannels follows it.
 */
public final class CoilArray {
    public static final int MIN_COILS = 1, MAX_COILS = 32, DEFAULT_COILS = 2;
    public static final double RING_RADIUS_M = 0.11;
    /** Profile width of a loop of a ring of up to 4 (the first twin's two coils had this one). */
    public static final double WIDTH_M = 0.09;
    public static final double FLOOR = 0.15;
    /** Noise correlation of two loops d apart: {@value #COUPLING_MAX} × exp(−(d/{@value #COUPLING_LENGTH_M})²). */
    static final double COUPLING_MAX = 0.35, COUPLING_LENGTH_M = 0.12;
    private static final double PHASE_ROLL_RAD_PER_M = 4.0; // ~0.36 rad over ±90 mm

    private final double[] phases;
    private final double width;
    private final double[] cx, cy;
    private final double[][] noiseMix;

    public CoilArray(double[] phasesRad) {
        int n = phasesRad.length;
        if (n < MIN_COILS || n > MAX_COILS) throw new IllegalArgumentException("receive coils: " + n + ", need " + MIN_COILS + ".." + MAX_COILS);
        this.phases = phasesRad.clone();
        // smaller loops for more of them on the same ring: the width follows the loop spacing beyond 4
        this.width = n <= 4 ? WIDTH_M : WIDTH_M * Math.sqrt(4.0 / n);
        cx = new double[n];
        cy = new double[n];
        for (int c = 0; c < n; c++) {
            double a = Math.PI + 2 * Math.PI * c / n;
            cx[c] = RING_RADIUS_M * Math.cos(a);
            cy[c] = RING_RADIUS_M * Math.sin(a);
        }
        noiseMix = cholesky(noiseCorrelation());
    }

    public int channels() {
        return phases.length;
    }

    /** Complex sensitivity {re, im} of channel c at (x, y, z). */
    public double[] sensitivity(int c, double x, double y, double z) {
        double dx = x - cx[c], dy = y - cy[c];
        double r2 = dx * dx + dy * dy + 0.5 * z * z;
        double mag = FLOOR + Math.exp(-r2 / (2 * width * width));
        // tangent of the ring at the coil, (−sin a, cos a) = (−cy, cx)/R: the roll runs along it
        double along = (-cy[c] * x + cx[c] * y) / RING_RADIUS_M;
        double ph = phases[c] - PHASE_ROLL_RAD_PER_M * along;
        return new double[] {mag * Math.cos(ph), mag * Math.sin(ph)};
    }

    /** Correlation coefficients of the coils' thermal noise (symmetric, unit diagonal). */
    public double[][] noiseCorrelation() {
        int n = phases.length;
        double[][] r = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double d = Math.hypot(cx[i] - cx[j], cy[i] - cy[j]);
                r[i][j] = i == j ? 1 : COUPLING_MAX * Math.exp(-(d / COUPLING_LENGTH_M) * (d / COUPLING_LENGTH_M));
            }
        }
        return r;
    }

    /** Lower-triangular L with L·Lᵀ = the noise correlation: coil c's noise is Σ_j L[c][j]·(independent noise j). */
    double[][] noiseMix() {
        return noiseMix;
    }

    public String describe() {
        return channels() + " channels: loops on a ring of radius " + RING_RADIUS_M * 1e3 + " mm (first at x = −"
                + RING_RADIUS_M * 1e3 + " mm), Gaussian profiles (sigma " + Math.round(width * 1e4) / 10.0 + " mm, floor " + FLOOR
                + "), noise correlation " + COUPLING_MAX + "·exp(−(d/" + COUPLING_LENGTH_M * 1e3 + " mm)²)";
    }

    public double[] phases() {
        return phases.clone();
    }

    private static double[][] cholesky(double[][] a) {
        int n = a.length;
        double[][] l = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double s = a[i][j];
                for (int k = 0; k < j; k++) s -= l[i][k] * l[j][k];
                if (i == j) {
                    if (s <= 0) throw new IllegalStateException("coil noise correlation is not positive definite");
                    l[i][i] = Math.sqrt(s);
                } else {
                    l[i][j] = s / l[j][j];
                }
            }
        }
        return l;
    }
}
