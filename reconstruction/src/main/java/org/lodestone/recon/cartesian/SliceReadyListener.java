package org.lodestone.recon.cartesian;

/**
 * Told when every ky line of a slice/contrast has arrived in a {@link KSpaceBuffer} for the first time, so the
 * console can reconstruct that slice while later slices are still being acquired. Called on the thread
 * that added the completing readout, after the buffer's lock is released; keep it short or hand off.
 */
@FunctionalInterface
public interface SliceReadyListener {
    void sliceReady(KSpaceBuffer buffer, int slice, int contrast);
}
