package org.lodestone.twin.physics;

import java.util.SplittableRandom;

/**
 * The unit's hidden truth, drawn from a seed: what a real magnet would not tell the console.
 * Field offsets are in ppm of B0; positions in metres.
 *
 * @param b0OffsetPpm     manufacturing offset of the true field from nominal at the reference temperature
 * @param magnetTempC     magnet temperature (constant for now)
 * @param referenceTempC  temperature at which {@code b0OffsetPpm} holds
 * @param rfScale         true flip angle / nominal flip angle (B1 calibration error)
 * @param linearPpmPerM   inhomogeneity gradient, ppm per metre along x, y, z
 * @param quadPpmPerM2    inhomogeneity curvature xx, yy, zz, xy, in ppm per m²
 * @param coilPhasesRad   receive coil phases
 */
public record HiddenParameters(long seed, double nominalB0Tesla, double b0OffsetPpm, double magnetTempC,
                               double referenceTempC, double rfScale, double[] linearPpmPerM,
                               double[] quadPpmPerM2, double[] coilPhasesRad) {
    public static final double GAMMA_HZ_PER_T = 42.577478e6;
    public static final double NOMINAL_B0_T = 0.35;
    /** NdFeB remanence temperature coefficient, per kelvin. */
    public static final double TEMP_COEFF_PER_K = -0.0012;

    public static HiddenParameters fromSeed(long seed) {
        SplittableRandom r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + 0x1234567L);
        double offset = r.nextDouble(-20, 20);
        double temp = 30.0 + r.nextDouble(-0.005, 0.005); // ±6 ppm through the temperature coefficient
        double rf = 1.0 + r.nextDouble(-0.04, 0.04);
        // over ±0.09 m: linear terms up to ±2 ppm, quadratic up to ~±1.5 ppm
        double[] lin = {r.nextDouble(-22, 22), r.nextDouble(-22, 22), r.nextDouble(-22, 22)};
        double[] quad = {r.nextDouble(-180, 180), r.nextDouble(-180, 180), r.nextDouble(-180, 180), r.nextDouble(-120, 120)};
        double[] phases = {r.nextDouble(-Math.PI, Math.PI), r.nextDouble(-Math.PI, Math.PI)};
        return new HiddenParameters(seed, NOMINAL_B0_T, offset, temp, 30.0, rf, lin, quad, phases);
    }

    /** A perfect unit: true field = nominal, no inhomogeneity, exact flip angles. For tests. */
    public static HiddenParameters ideal(long seed) {
        return new HiddenParameters(seed, NOMINAL_B0_T, 0, 30.0, 30.0, 1.0, new double[3], new double[4], new double[] {0, 0});
    }

    public HiddenParameters withB0OffsetPpm(double ppm) {
        return new HiddenParameters(seed, nominalB0Tesla, ppm, magnetTempC, referenceTempC, rfScale, linearPpmPerM,
                quadPpmPerM2, coilPhasesRad);
    }

    public HiddenParameters withoutInhomogeneity() {
        return new HiddenParameters(seed, nominalB0Tesla, b0OffsetPpm, magnetTempC, referenceTempC, rfScale,
                new double[3], new double[4], coilPhasesRad);
    }

    public double nominalLarmorHz() {
        return GAMMA_HZ_PER_T * nominalB0Tesla;
    }

    public double trueB0Tesla() {
        return nominalB0Tesla * (1 + b0OffsetPpm * 1e-6) * (1 + TEMP_COEFF_PER_K * (magnetTempC - referenceTempC));
    }

    public double trueLarmorHz() {
        return GAMMA_HZ_PER_T * trueB0Tesla();
    }

    /** Field deviation at a point in ppm of the true B0 (isocentre = 0). */
    public double inhomogeneityPpm(double x, double y, double z) {
        return linearPpmPerM[0] * x + linearPpmPerM[1] * y + linearPpmPerM[2] * z
                + quadPpmPerM2[0] * x * x + quadPpmPerM2[1] * y * y + quadPpmPerM2[2] * z * z + quadPpmPerM2[3] * x * y;
    }
}
