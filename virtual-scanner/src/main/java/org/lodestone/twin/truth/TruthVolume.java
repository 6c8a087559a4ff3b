package org.lodestone.twin.truth;

/**
 * An image volume with its geometry, shaped like the reconstruction module's ImageVolume:
 * {@code data} x fastest, spacing in mm, {@code positionLps} = centre of the voxel at index
 * (nx/2, ny/2) of the first slice in mm (the k-space centre of a centred FFT), direction cosines
 * of increasing x (read), y (phase) and z (slice) indices.
 */
public record TruthVolume(int nx, int ny, int nz, float[] data, double dxMm, double dyMm, double dzMm,
                          double[] positionLps, double[] readDir, double[] phaseDir, double[] sliceDir) {
    public TruthVolume {
        if ((long) nx * ny * nz != data.length) throw new IllegalArgumentException("data length does not match dimensions");
    }

    public float at(int x, int y) {
        return data[y * nx + x];
    }
}
