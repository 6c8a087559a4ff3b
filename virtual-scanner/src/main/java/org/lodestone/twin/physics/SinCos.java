package org.lodestone.twin.physics;

/**
 * cos and sin of 2π·u for a run of phases given in cycles, as the kernels need them (issue #18: Math.cos plus
 * Math.sin was most of a 3D line's cost). One reduction for both: u = n/4 + r/(2π), |r| ≤ π/4, exact in
 * cycles (no multiple of 2π to subtract), then fdlibm's sin and cos kernel polynomials on r and the quadrant
 * n mod 4. Within 3 ulp of Math.sin/cos of the reduced angle; no state.
 */
final class SinCos {
    private static final double TWO_PI = 2 * Math.PI;
    private static final double S1 = -1.66666666666666324348e-01, S2 = 8.33333333332248946124e-03,
            S3 = -1.98412698298579493134e-04, S4 = 2.75573137070700676789e-06, S5 = -2.50507602534068634195e-08,
            S6 = 1.58969099521155010221e-10;
    private static final double C1 = 4.16666666666666019037e-02, C2 = -1.38888888888741095749e-03,
            C3 = 2.48015872894767294178e-05, C4 = -2.75573143513906633035e-07, C5 = 2.08757232129817482790e-09,
            C6 = -1.13596475577881948265e-11;

    private SinCos() {
    }

    /** cos[j] = scale·cos(2π·cycles[j]), sin[j] = scale·sin(2π·cycles[j]) for j in [0, count). */
    static void of(double[] cycles, int count, double scale, double[] cos, double[] sin) {
        for (int j = 0; j < count; j++) {
            double u = cycles[j];
            double n = Math.rint(4 * u);
            double r = (u - 0.25 * n) * TWO_PI;
            double z = r * r;
            double s = r + r * z * (S1 + z * (S2 + z * (S3 + z * (S4 + z * (S5 + z * S6)))));
            double c = 1 - 0.5 * z + z * z * (C1 + z * (C2 + z * (C3 + z * (C4 + z * (C5 + z * C6)))));
            // quadrant q = n mod 4 without branches (random phases would mispredict them): odd q swaps cos and sin
            // (blend, exact to 1 ulp), q = 1, 2 negate the cos, q = 2, 3 the sin
            int q = (int) ((long) n & 3);
            double swap = q & 1;
            double cq = c + swap * (s - c), sq = s + swap * (c - s);
            cos[j] = scale * (1 - 2 * (((q + 1) >> 1) & 1)) * cq;
            sin[j] = scale * (1 - 2 * (q >> 1)) * sq;
        }
    }
}
