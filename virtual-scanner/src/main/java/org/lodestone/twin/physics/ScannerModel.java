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
    /** 16-bit signed ADC. */
    public static final int ADC_MAX_CODE = 32767;
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
