package org.lodestone.recon.cartesian;

import org.lodestone.recon.image.ImageVolume;
import org.lodestone.recon.image.PixelDirections;
import org.lodestone.recon.mrd.Acquisition;
import org.lodestone.recon.mrd.AcquisitionHeader;
import org.lodestone.recon.mrd.EncodingCounters;
import org.lodestone.recon.mrd.EncodingSpec;

/**
 * 3D Cartesian reconstruction of one slab: readouts are gathered per partition (kspace_encode_step_2) in a
 * {@link KSpaceBuffer} whose "slices" are the partitions, so averaging, reversed readouts and missing lines
 * (zero, as for undersampled or partial-Fourier data) work as in 2D; then a centred 3D inverse FFT per
 * channel and root-sum-of-squares. Zero-filled: undersampled data is not yet reconstructed iteratively.
 */
public final class CartesianRecon3D {
    private final EncodingSpec spec;
    private final KSpaceBuffer partitions;

    public CartesianRecon3D(EncodingSpec spec) {
        if (spec.matrixZ() < 2) throw new IllegalArgumentException("a 3D reconstruction needs at least 2 partitions, got " + spec.matrixZ());
        this.spec = spec;
        this.partitions = new KSpaceBuffer(spec.matrixX(), Math.max(spec.matrixY(), spec.phaseEncodeLines()),
                Math.max(spec.matrixZ(), spec.encodeStep2Max() + 1), 1, spec.receiverChannels(), spec.averages());
    }

    /**
     * Adds one readout (first contrast only; the slab is slice 0).
     *
     * @return false if the readout is not image data or not of the first contrast
     */
    public boolean add(Acquisition a) {
        AcquisitionHeader h = a.header();
        EncodingCounters i = h.idx();
        if (i.contrast() != 0) return false;
        if (i.slice() != 0) throw new IllegalArgumentException("slice = " + i.slice() + ": a 3D reconstruction takes one slab");
        EncodingCounters asSlice = new EncodingCounters(i.kspaceEncodeStep1(), 0, i.average(), i.kspaceEncodeStep2(), 0,
                i.phase(), i.repetition(), i.set(), i.segment(), i.user());
        return partitions.add(new Acquisition(h.toBuilder().idx(asSlice).build(), a.trajectory(), a.data()));
    }

    public long receivedReadouts() {
        return partitions.receivedReadouts();
    }

    /** The RSS volume: x fastest, then y, then z (partition), with the slab's geometry. */
    public ImageVolume reconstruct(RssReconstructor rss) {
        int nx = partitions.nx(), ny = partitions.ny(), nz = partitions.slices();
        int plane = 2 * nx * ny;
        float[][] coils = new float[partitions.channels()][2 * nx * ny * nz];
        for (int c = 0; c < coils.length; c++) {
            for (int z = 0; z < nz; z++) System.arraycopy(partitions.kspace(z, 0, c), 0, coils[c], z * plane, plane);
        }
        float[] data = rss.rss3D(coils, nx, ny, nz, true);
        double dx = spec.fovXmm() / nx, dy = spec.fovYmm() / ny, dz = spec.fovZmm() / nz;
        AcquisitionHeader first = partitions.sliceGeometry(0);
        for (int z = 1; first == null && z < nz; z++) first = partitions.sliceGeometry(z);
        double[] read = first != null ? toDouble(first.readDir()) : new double[] {1, 0, 0};
        double[] phase = first != null ? toDouble(first.phaseDir()) : new double[] {0, 1, 0};
        double[] slice = first != null ? toDouble(first.sliceDir()) : new double[] {0, 0, 1};
        double[] centre = first != null ? toDouble(first.position()) : new double[3];
        if (norm(read) == 0 || norm(phase) == 0 || norm(slice) == 0) {
            return ImageVolume.withIdentityGeometry(nx, ny, nz, data, dx, dy, dz);
        }
        // every axis is Fourier-encoded here, partitions too
        read = PixelDirections.ofEncodedAxis(read);
        phase = PixelDirections.ofEncodedAxis(phase);
        slice = PixelDirections.ofEncodedAxis(slice);
        // The headers carry the slab centre; the centred FFT puts it at partition nz/2, so slice 0 lies nz/2 before it.
        double[] firstSlice = new double[3];
        for (int k = 0; k < 3; k++) firstSlice[k] = centre[k] - (nz / 2) * dz * slice[k];
        return new ImageVolume(nx, ny, nz, data, dx, dy, dz, firstSlice, read, phase, slice);
    }

    private static double[] toDouble(float[] v) {
        return new double[] {v[0], v[1], v[2]};
    }

    private static double norm(double[] v) {
        return Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
    }
}
