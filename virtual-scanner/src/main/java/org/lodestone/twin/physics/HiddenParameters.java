package org.lodestone.twin.physics;

import java.util.SplittableRandom;

/**
 * The unit's hidden truth, drawn from a seed: what a real unit would not tell the console.
 * Field offsets are in ppm of B0; positions in metres.
 */
public record HiddenParameters(long seed, Magnet magnet, RfCoil coil, GradientErrors gradients, double[] coilPhasesRad) {
    public static final double GAMMA_HZ_PER_T = 42.577478e6;
    public static final double NOMINAL_B0_T = 0.35;
    /** NdFeB remanence temperature coefficient, per kelvin. */
    public static final double TEMP_COEFF_PER_K = MagnetProfile.NDFEB_PER_K;
    public static final double REFERENCE_TEMP_C = 30.0;
    public static final double INITIAL_AMBIENT_C = 22.0;
    /** Relative spread of a seed's temperature coefficient around its material's. */
    public static final double COEFF_SPREAD = 0.08;
    /** A seed's magnet starts within this of the reference temperature (its thermostat's set point). */
    public static final double MAX_START_OFFSET_K = 1.0;
    public static final double MIN_AMBIENT_C = 10.0, MAX_AMBIENT_C = 32.0;

    public static HiddenParameters fromSeed(long seed) {
        return fromSeed(seed, MagnetProfile.DEFAULT, Magnet.DEFAULT_TIME_CONSTANT_S);
    }

    public static HiddenParameters fromSeed(long seed, MagnetProfile profile, double thermalTimeConstantS) {
        SplittableRandom r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + 0x1234567L);
        // draw order kept from the first version so that seeds keep their field offset and RF scale
        double offset = r.nextDouble(-20, 20);
        double temp = REFERENCE_TEMP_C + r.nextDouble(-0.005, 0.005); // ±6 ppm through the temperature coefficient
        double rf = 1.0 + r.nextDouble(-0.04, 0.04);
        // over ±0.09 m: linear terms up to ±2 ppm, quadratic up to ~±1.5 ppm
        double[] sh = new double[8];
        for (int i = 0; i < 3; i++) sh[i] = r.nextDouble(-22, 22);
        double qxx = r.nextDouble(-180, 180), qyy = r.nextDouble(-180, 180), qzz = r.nextDouble(-180, 180);
        double qxy = r.nextDouble(-120, 120);
        // the same quadratic form in harmonics; its trace (x²+y²+z²) is not a harmonic field and is dropped
        sh[3] = (2 * qzz - qxx - qyy) / 3.0;
        sh[6] = (qxx - qyy) / 2.0;
        sh[7] = qxy;
        sh[4] = r.nextDouble(-60, 60);
        sh[5] = r.nextDouble(-60, 60);
        // the default pair's phases, drawn here since the first version; other counts: withReceiveCoils
        double[] phases = new double[CoilArray.DEFAULT_COILS];
        for (int c = 0; c < phases.length; c++) phases[c] = r.nextDouble(-Math.PI, Math.PI);
        double f = profile.nominalLarmorHz();
        double q = 60 + r.nextDouble(0, 30);
        // power-on detuning within a quarter of the bandwidth, so an untuned scan still works
        RfCoil coil = new RfCoil(rf, r.nextDouble(-1, 1) * f / (4 * q), q, f / (q * 200), 2048 + r.nextInt(-300, 301));
        double[] scale = new double[3], delay = new double[3], amp = new double[3], tau = new double[3];
        for (int a = 0; a < 3; a++) {
            scale[a] = 1 + r.nextDouble(-0.005, 0.005);
            delay[a] = r.nextDouble(1e-6, 4e-6);
            amp[a] = r.nextDouble(0.001, 0.005);
            tau[a] = r.nextDouble(0.3e-3, 2e-3);
        }
        // Drawn last (added in session 3) so that every parameter above keeps its value per seed.
        // The coefficient varies with the magnet's grade and batch (NdFeB ≈ −0.11 … −0.13 %/K around −0.12);
        // a truck's unit starts with its thermostat up to ±1 K off (±18 kHz at 0.35 T, inside the ±60 kHz
        // search) and a room anywhere from a cold morning to a warm afternoon.
        double coefficient = profile.tempCoeffPerK() * (1 + r.nextDouble(-COEFF_SPREAD, COEFF_SPREAD));
        double startC = temp + r.nextDouble(-MAX_START_OFFSET_K, MAX_START_OFFSET_K);
        double ambientC = r.nextDouble(MIN_AMBIENT_C, MAX_AMBIENT_C);
        MagnetProfile drawn = new MagnetProfile(profile.name(), profile.nominalB0Tesla(), profile.material(), coefficient);
        Magnet magnet = new Magnet(drawn, offset, REFERENCE_TEMP_C, startC, ambientC, thermalTimeConstantS, sh);
        return new HiddenParameters(seed, magnet, coil, new GradientErrors(scale, delay, amp, tau), phases);
    }

    /** A perfect unit: true field = nominal, no inhomogeneity, exact flip angles, tuned coil, ideal gradients. */
    public static HiddenParameters ideal(long seed) {
        Magnet m = new Magnet(MagnetProfile.DEFAULT, 0, REFERENCE_TEMP_C, REFERENCE_TEMP_C, INITIAL_AMBIENT_C,
                Magnet.DEFAULT_TIME_CONSTANT_S, new double[8]);
        double f = m.profile().nominalLarmorHz();
        return new HiddenParameters(seed, m, new RfCoil(1.0, 0, 60, f / 12000, RfCoil.POWER_ON_CODE),
                GradientErrors.ideal(), new double[] {0, 0});
    }

    /**
     * The same unit with {@code n} receive coils (one phase each): the default pair keeps its phases from the
     * seed, further coils draw theirs from a stream of their own, so every other parameter keeps its value.
     */
    public HiddenParameters withReceiveCoils(int n) {
        if (n < CoilArray.MIN_COILS || n > CoilArray.MAX_COILS) {
            throw new IllegalArgumentException("receive coils must be " + CoilArray.MIN_COILS + ".." + CoilArray.MAX_COILS + ", not " + n);
        }
        double[] phases = new double[n];
        System.arraycopy(coilPhasesRad, 0, phases, 0, Math.min(n, coilPhasesRad.length));
        SplittableRandom r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + 0xC011L);
        for (int c = coilPhasesRad.length; c < n; c++) phases[c] = r.nextDouble(-Math.PI, Math.PI);
        return new HiddenParameters(seed, magnet, coil, gradients, phases);
    }

    public int receiveCoils() {
        return coilPhasesRad.length;
    }

    public HiddenParameters with(Magnet m) {
        return new HiddenParameters(seed, m, coil, gradients, coilPhasesRad);
    }

    public HiddenParameters with(RfCoil c) {
        return new HiddenParameters(seed, magnet, c, gradients, coilPhasesRad);
    }

    public HiddenParameters with(GradientErrors g) {
        return new HiddenParameters(seed, magnet, coil, g, coilPhasesRad);
    }

    public HiddenParameters withB0OffsetPpm(double ppm) {
        return with(magnet.withOffsetPpm(ppm));
    }

    public HiddenParameters withoutInhomogeneity() {
        return with(magnet.withSh(new double[8]));
    }

    public double nominalB0Tesla() {
        return magnet.profile().nominalB0Tesla();
    }

    public double nominalLarmorHz() {
        return GAMMA_HZ_PER_T * nominalB0Tesla();
    }

    public double rfScale() {
        return coil.rfScale();
    }

    public double magnetTempC() {
        return magnet.initialTempC();
    }

    /** True field at power-on (initial magnet temperature). */
    public double trueB0Tesla() {
        return magnet.b0AtTesla(magnet.initialTempC());
    }

    public double trueLarmorHz() {
        return GAMMA_HZ_PER_T * trueB0Tesla();
    }

    public double inhomogeneityPpm(double x, double y, double z) {
        return magnet.inhomogeneityPpm(x, y, z);
    }
}
