package org.lodestone.twin.physics;

import org.lodestone.hw.program.DeviceProgram;
import org.lodestone.twin.phantom.EllipsePhantom;
import org.lodestone.twin.phantom.Phantom;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The simulated unit: hidden magnet/RF parameters, the object in the bore, the receive coils,
 * the receiver noise, and the threads that run the Bloch simulation.
 *
 * @param noiseStdRef receiver noise std per real/imaginary part of a sample at 10 µs dwell,
 *                    in the signal unit (proton density × mm² of isochromat area); it scales
 *                    with 1/√dwell. 0 = noiseless.
 */
public final class ScannerModel implements AutoCloseable {
    /** Gives an image SNR of ~43 (centre of the head) for a 128² spin echo, FOV 240 mm, TR 500 ms, TE 20 ms, 150 Hz/px. */
    public static final double DEFAULT_NOISE_STD = 5.0;

    private final HiddenParameters hidden;
    private final Phantom phantom;
    private final CoilArray coils;
    private final double noiseStdRef;
    private final int threads;
    private final ExecutorService pool;

    public ScannerModel(HiddenParameters hidden, Phantom phantom, double noiseStdRef, int threads) {
        this.hidden = hidden;
        this.phantom = phantom;
        this.coils = new CoilArray(hidden.coilPhasesRad());
        this.noiseStdRef = noiseStdRef;
        this.threads = Math.max(1, threads);
        this.pool = this.threads == 1 ? null : Executors.newFixedThreadPool(this.threads,
                r -> Thread.ofPlatform().daemon().name("twin-bloch").unstarted(r));
    }

    /** The default twin for a seed: head phantom, hidden parameters from the seed, all cores up to 2. */
    public static ScannerModel forSeed(long seed) {
        return new ScannerModel(HiddenParameters.fromSeed(seed), EllipsePhantom.head(), DEFAULT_NOISE_STD,
                Math.min(2, Runtime.getRuntime().availableProcessors()));
    }

    public ScanSimulation newScan(DeviceProgram program, AcquisitionSettings settings, long scanIndex) {
        return new ScanSimulation(this, program, settings, scanIndex);
    }

    public AcquisitionSettings defaultSettings() {
        return AcquisitionSettings.at(hidden.nominalLarmorHz());
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
