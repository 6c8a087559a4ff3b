package org.lodestone.twin.physics;

/**
 * The hidden state of one magnet: manufacturing offset, thermal behaviour and inhomogeneity.
 *
 * @param b0OffsetPpm     offset of the true field from nominal at the reference temperature
 * @param referenceTempC  temperature at which {@code b0OffsetPpm} holds
 * @param initialTempC    magnet temperature at power-on (in equilibrium with the initial ambient)
 * @param initialAmbientC room temperature at power-on
 * @param timeConstantS   first-order time constant with which the magnet follows ambient
 * @param shPpm           real solid spherical harmonics of the field deviation, ppm of B0 per m^order,
 *                        in the order of {@link #SH_TERMS}
 */
public record Magnet(MagnetProfile profile, double b0OffsetPpm, double referenceTempC, double initialTempC,
                     double initialAmbientC, double timeConstantS, double[] shPpm) {
    /** Unnormalised real solid harmonics up to 2nd order (the constant term is {@code b0OffsetPpm}). */
    public static final String[] SH_TERMS = {"x", "y", "z", "z2-(x2+y2)/2", "zx", "zy", "x2-y2", "xy"};
    public static final double DEFAULT_TIME_CONSTANT_S = 1800;

    public Magnet {
        if (shPpm.length != SH_TERMS.length) throw new IllegalArgumentException("need " + SH_TERMS.length + " SH terms");
        if (!(timeConstantS > 0)) throw new IllegalArgumentException("thermal time constant must be positive");
        shPpm = shPpm.clone();
    }

    /** Field deviation at a point in ppm of B0. */
    public double inhomogeneityPpm(double x, double y, double z) {
        double[] c = shPpm;
        return c[0] * x + c[1] * y + c[2] * z + c[3] * (z * z - 0.5 * (x * x + y * y)) + c[4] * z * x + c[5] * z * y
                + c[6] * (x * x - y * y) + c[7] * x * y;
    }

    /** Field at the isocentre for a magnet temperature. */
    public double b0AtTesla(double magnetTempC) {
        return profile.nominalB0Tesla() * (1 + b0OffsetPpm * 1e-6) * (1 + profile.tempCoeffPerK() * (magnetTempC - referenceTempC));
    }

    public Magnet withOffsetPpm(double ppm) {
        return new Magnet(profile, ppm, referenceTempC, initialTempC, initialAmbientC, timeConstantS, shPpm);
    }

    public Magnet withSh(double[] sh) {
        return new Magnet(profile, b0OffsetPpm, referenceTempC, initialTempC, initialAmbientC, timeConstantS, sh);
    }

    public Magnet withTimeConstant(double s) {
        return new Magnet(profile, b0OffsetPpm, referenceTempC, initialTempC, initialAmbientC, s, shPpm);
    }

    public Magnet withProfile(MagnetProfile p) {
        return new Magnet(p, b0OffsetPpm, referenceTempC, initialTempC, initialAmbientC, timeConstantS, shPpm);
    }
}
