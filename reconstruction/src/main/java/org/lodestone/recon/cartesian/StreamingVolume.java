package org.lodestone.recon.cartesian;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.lodestone.recon.image.ImageVolume;
import org.lodestone.recon.image.NiftiWriter;
import org.lodestone.recon.mrd.EncodingSpec;

/**
 * The scan's image volume, built slice by slice while lines arrive: each 2D slice is reconstructed on a
 * background thread as soon as all its lines (and averages) are in ({@link StreamingRecon}), the NIfTI file
 * is rewritten with every slice finished so far (unfinished ones are zero), and {@code onUpdate} sees the new
 * volume. {@link #finish()} reconstructs whatever never completed (an aborted scan's partial slices) and
 * returns the whole volume.
 */
public final class StreamingVolume implements AutoCloseable {
    private final KSpaceBuffer buffer;
    private final EncodingSpec spec;
    private final Path nifti;
    private final Consumer<ImageVolume> onUpdate;
    private final StreamingRecon recon;
    private final float[] data;
    private final boolean[] done;
    private volatile IOException writeFailure;

    /**
     * @param nifti    file rewritten after every finished slice, or null
     * @param onUpdate called on the reconstruction thread with the volume so far (after the file is written)
     */
    public StreamingVolume(KSpaceBuffer buffer, EncodingSpec spec, Path nifti, Consumer<ImageVolume> onUpdate) {
        this.buffer = buffer;
        this.spec = spec;
        this.nifti = nifti;
        this.onUpdate = onUpdate;
        this.data = new float[buffer.nx() * buffer.ny() * buffer.slices()];
        this.done = new boolean[buffer.slices()];
        this.recon = new StreamingRecon(buffer, this::sliceDone);
    }

    private void sliceDone(StreamingRecon.SliceImage img) {
        if (img.contrast() != 0) return; // the console shows and stores the first contrast
        ImageVolume v;
        synchronized (this) {
            System.arraycopy(img.magnitude(), 0, data, img.slice() * img.nx() * img.ny(), img.nx() * img.ny());
            done[img.slice()] = true;
            v = CartesianRecon2D.volume(buffer, spec, data.clone());
        }
        if (nifti != null) {
            try {
                NiftiWriter.write(nifti, v);
            } catch (IOException e) {
                writeFailure = e; // reported by finish(); the scan goes on
            }
        }
        onUpdate.accept(v);
    }

    /** Waits for the slices in flight, reconstructs the ones that never completed, and returns the volume. */
    public ImageVolume finish() throws IOException, InterruptedException {
        recon.close();
        ImageVolume v;
        synchronized (this) {
            int n = buffer.nx() * buffer.ny();
            for (int s = 0; s < done.length; s++) {
                if (!done[s]) System.arraycopy(CartesianRecon2D.reconstructSlice(buffer, s, 0), 0, data, s * n, n);
            }
            v = CartesianRecon2D.volume(buffer, spec, data.clone());
        }
        if (writeFailure != null) throw writeFailure;
        if (nifti != null) NiftiWriter.write(nifti, v);
        return v;
    }

    /** Slices reconstructed as they completed. */
    public synchronized int streamedSlices() {
        int n = 0;
        for (boolean d : done) if (d) n++;
        return n;
    }

    @Override
    public void close() throws InterruptedException {
        recon.close();
    }
}
