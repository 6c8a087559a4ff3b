package org.lodestone.twin.physics;

import org.lodestone.hw.program.DeviceProgram;
import org.lodestone.twin.phantom.EllipsoidPhantom;
import org.lodestone.twin.phantom.Phantom;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The simulated unit: hidden magnet/RF/gradient parameters, the magnet's thermal state over twin
 * time, the object in the bore, the receive coils, interference, receiver noise and ADC, and the
 * threads that run the Bloch simulation.
 *
 * <p>Signal unit: proton density × mm² of isochromat area (× 5 mm of slab in 3D) at 0.35 T. Thermal
 * noise: std per real/imaginary part = {@code noiseStdRef} × √(10 µs/dwell) × (0.35 T/B0)^{7/4}, i.e.
 * SNR ∝ B0^{7/4} at fixed everything else (signal ∝ B0², coil-dominated noise ∝ B0^{1/4}); signals
 * stay in the 0.35 T unit and the noise grows instead.
 */
public final class ScannerModel implements AutoCloseable {
    /** Gives an image SNR of ~43 (centre of the head) for a 128² spin echo, FOV 240 mm, TR 500 ms, TE 20 ms, 150 Hz/px. */
    public static final double DEFAULT_NOISE_STD = 5.0;
    /** Signal units per ADC code at 0 dB receiver gain. */
    public static final double ADC_LSB = 1.0;
    /**
     * 24-bit signed ADC (a digital receiver's decimated output): a whole-object FID (a 170 mm sphere: ~5e5 signal
     * units) fits at 0 dB with the noise (std 5) still over several codes; a 16-bit one clipped it 16-fold.
     */
    public static final int ADC_BITS = 24;
    public static final int ADC_MAX_CODE = (1 << (ADC_BITS - 1)) - 1;
    public static final double NOISE_FIELD_EXPONENT = 7.0 / 4.0;

    /** What surrounds the unit: ambient temperature changes and interference (null = none). */
    public record Environment(java.util.List<ThermalModel.AmbientChange> ambient, EmiConfig emi) {
        public static final Environment QUIET = new Environment(java.util.List.of(), null);
    }

    private final HiddenParameters hidden;
    private final Phantom phantom;
    private final CoilArray coils;
    private final double noiseStdRef;
    private final int threads;
    private final ExecutorService pool;
    private final ThermalModel thermal;
    private final EmiConfig emi;
    private double[][] objectMoments;

    public ScannerModel(HiddenParameters hidden, Phantom phantom, double noiseStdRef, int threads) {
        this(hidden, phantom, noiseStdRef, threads, Environment.QUIET);
    }

    public ScannerModel(HiddenParameters hidden, Phantom phantom, double noiseStdRef, int threads, Environment env) {
        this.hidden = hidden;
        this.phantom = phantom;
        this.coils = new CoilArray(hidden.coilPhasesRad());
        this.noiseStdRef = noiseStdRef;
        this.threads = Math.max(1, threads);
        this.thermal = new ThermalModel(hidden.magnet(), env.ambient());
        this.emi = env.emi();
        if (emi != null && emi.couplingRe().length != coils.channels() + 1) {
            throw new IllegalArgumentException("interference couples into " + emi.couplingRe().length + " channels, the unit has "
                    + coils.channels() + " coils and a reference antenna");
        }
        this.pool = this.threads == 1 ? null : Executors.newFixedThreadPool(this.threads,
                r -> Thread.ofPlatform().daemon().name("twin-bloch").unstarted(r));
    }

    /** The default twin for a seed: 3D head phantom, hidden parameters from the seed, all cores up to 2. */
    public static ScannerModel forSeed(long seed) {
        return new ScannerModel(HiddenParameters.fromSeed(seed), EllipsoidPhantom.head(), DEFAULT_NOISE_STD,
                Math.min(2, Runtime.getRuntime().availableProcessors()));
    }

    /** A scan starting at twin time 0. */
    public ScanSimulation newScan(DeviceProgram program, AcquisitionSettings settings, long scanIndex) {
        return newScan(program, settings, scanIndex, 0);
    }

    /** A scan whose program time 0 is twin time {@code startTwinS} (drives the magnet temperature and EMI phases). */
    public ScanSimulation newScan(DeviceProgram program, AcquisitionSettings settings, long scanIndex, double startTwinS) {
        return new ScanSimulation(this, program, settings, scanIndex, startTwinS);
    }

    /**
     * The object's mean frequency against the isocentre's (Hz): the field's inhomogeneity and the shims, weighted by
     * proton density over the whole phantom (a regular 2 mm grid over its bounding cube, independent of any scan's
     * isochromats). What a non-selective FID's mean frequency would be with a uniform receive coil.
     */
    public double objectMeanOffsetHz(AcquisitionSettings settings) {
        return meanOffset(objectMoments()[0], settings);
    }

    /**
     * The same as the receive coils see it: per coil c the signal-weighted mean Re(Σ PD·C_c·f / Σ PD·C_c) (complex
     * sensitivities: an offset object's edge near a loop counts more), combined over the coils with weights
     * |Σ PD·C_c|². To first order in the spread, what the phase advance of a noiseless non-selective FID reads.
     */
    public double receiveWeightedMeanOffsetHz(AcquisitionSettings settings) {
        double[][] m = objectMoments();
        double num = 0, den = 0;
        for (int c = 0; c < coils.channels(); c++) {
            double[] re = m[2 + 2 * c], im = m[3 + 2 * c];
            double a2 = re[4] * re[4] + im[4] * im[4];
            if (a2 == 0) continue;
            // Re(B/A) for each moment: (B·conj(A)).re / |A|²
            double[] mean = new double[4];
            for (int q = 0; q < 4; q++) mean[q] = (re[q] * re[4] + im[q] * im[4]) / a2;
            num += a2 * meanOffset(mean, settings);
            den += a2;
        }
        return den == 0 ? 0 : num / den;
    }

    private double meanOffset(double[] m, AcquisitionSettings s) {
        double[] gs = hidden.gradients().scale();
        return m[0] + gs[0] * s.shimXHzPerM() * m[1] + gs[1] * s.shimYHzPerM() * m[2] + gs[2] * s.shimZHzPerM() * m[3];
    }

    /**
     * [0]: PD-weighted {mean inhomogeneity Hz, centroid x, y, z m}; then per coil the real and imaginary parts of
     * Σ PD·C_c·{hz, x, y, z, 1}. Computed once: the phantom, magnet and coils do not change (the shims enter linearly).
     */
    private synchronized double[][] objectMoments() {
        if (objectMoments != null) return objectMoments;
        double r = phantom.halfExtentM();
        int n = (int) Math.ceil(2 * r / 0.002);
        int nc = coils.channels();
        double[][] sum = new double[2 + 2 * nc][5];
        for (int i = 0; i < n; i++) {
            double x = -r + (i + 0.5) * 2 * r / n;
            for (int j = 0; j < n; j++) {
                double y = -r + (j + 0.5) * 2 * r / n;
                for (int k = 0; k < n; k++) {
                    double z = -r + (k + 0.5) * 2 * r / n;
                    var t = phantom.tissueAt(x, y, z);
                    if (t == null || t.protonDensity() <= 0) continue;
                    double pd = t.protonDensity();
                    double[] v = {hidden.nominalLarmorHz() * 1e-6 * hidden.inhomogeneityPpm(x, y, z), x, y, z, 1};
                    for (int q = 0; q < 5; q++) sum[0][q] += pd * v[q];
                    for (int c = 0; c < nc; c++) {
                        double[] sens = coils.sensitivity(c, x, y, z);
                        for (int q = 0; q < 5; q++) {
                            sum[2 + 2 * c][q] += pd * sens[0] * v[q];
                            sum[3 + 2 * c][q] += pd * sens[1] * v[q];
                        }
                    }
                }
            }
        }
        for (int q = 0; q < 4; q++) sum[0][q] = sum[0][4] == 0 ? 0 : sum[0][q] / sum[0][4];
        return objectMoments = sum;
    }

    public AcquisitionSettings defaultSettings() {
        return AcquisitionSettings.at(hidden.nominalLarmorHz());
    }

    /** Thermal noise std per real/imaginary part for a dwell time, at this unit's field. */
    public double noiseStd(double dwellS) {
        return noiseStdRef * Math.sqrt(10e-6 / dwellS) * Math.pow(HiddenParameters.NOMINAL_B0_T / hidden.nominalB0Tesla(), NOISE_FIELD_EXPONENT);
    }

    public HiddenParameters hidden() {
        return hidden;
    }

    public Phantom phantom() {
        return phantom;
    }

    public CoilArray coils() {
        return coils;
    }

    public ThermalModel thermal() {
        return thermal;
    }

    /** Interference, or null when off. With it on, ACQ_DATA carries one more channel: the reference antenna, last. */
    public EmiConfig emi() {
        return emi;
    }

    public int receiveChannels() {
        return coils.channels() + (emi == null ? 0 : 1);
    }

    public double noiseStdRef() {
        return noiseStdRef;
    }

    public int threads() {
        return threads;
    }

    ExecutorService pool() {
        return pool;
    }

    @Override
    public void close() {
        if (pool != null) pool.shutdownNow();
    }
}
