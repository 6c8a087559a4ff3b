package org.lodestone.recon.image;

import java.util.Arrays;
import java.util.Objects;

/**
 * A real-valued image volume with scanner geometry in DICOM/ISMRMRD patient coordinates (LPS, mm).
 * {@code data} is x fastest, then y, then z. {@code readDir}/{@code phaseDir}/{@code sliceDir} are the
 * unit directions of increasing x/y/z index. {@code positionLps} is the centre of the first slice, where
 * the centre is the voxel at index (nx/2, ny/2) as produced by a centred FFT. Arrays are copied in and out.
 */
public record ImageVolume(int nx, int ny, int nz, float[] data, double dxMm, double dyMm, double dzMm,
                          double[] positionLps, double[] readDir, double[] phaseDir, double[] sliceDir) {

    public ImageVolume {
        if (nx < 1 || ny < 1 || nz < 1) {
            throw new IllegalArgumentException("image dimensions must be positive: " + nx + "×" + ny + "×" + nz);
        }
        Objects.requireNonNull(data, "data");
        if (data.length != (long) nx * ny * nz) {
            throw new IllegalArgumentException("image data has " + data.length + " values, expected " + nx + "×"
                    + ny + "×" + nz + " = " + ((long) nx * ny * nz));
        }
        if (!(dxMm > 0 && dyMm > 0 && dzMm > 0)) {
            throw new IllegalArgumentException("voxel sizes must be positive mm: " + dxMm + ", " + dyMm + ", " + dzMm);
        }
        data = data.clone();
        positionLps = vec3("positionLps", positionLps);
        readDir = vec3("readDir", readDir);
        phaseDir = vec3("phaseDir", phaseDir);
        sliceDir = vec3("sliceDir", sliceDir);
    }

    /** Volume with identity orientation (x = L, y = P, z = S) centred at the origin. */
    public static ImageVolume withIdentityGeometry(int nx, int ny, int nz, float[] data, double dxMm, double dyMm,
                                                   double dzMm) {
        return new ImageVolume(nx, ny, nz, data, dxMm, dyMm, dzMm, new double[3], new double[] {1, 0, 0},
                new double[] {0, 1, 0}, new double[] {0, 0, 1});
    }

    /** Values of slice {@code z}, x fastest. */
    public float[] slice(int z) {
        if (z < 0 || z >= nz) {
            throw new IllegalArgumentException("slice " + z + " is outside 0.." + (nz - 1));
        }
        return Arrays.copyOfRange(data, z * nx * ny, (z + 1) * nx * ny);
    }

    public float value(int x, int y, int z) {
        return data[(z * ny + y) * nx + x];
    }

    @Override public float[] data() { return data.clone(); }
    @Override public double[] positionLps() { return positionLps.clone(); }
    @Override public double[] readDir() { return readDir.clone(); }
    @Override public double[] phaseDir() { return phaseDir.clone(); }
    @Override public double[] sliceDir() { return sliceDir.clone(); }

    @Override
    public boolean equals(Object o) {
        return o instanceof ImageVolume v && nx == v.nx && ny == v.ny && nz == v.nz && Arrays.equals(data, v.data)
                && dxMm == v.dxMm && dyMm == v.dyMm && dzMm == v.dzMm && Arrays.equals(positionLps, v.positionLps)
                && Arrays.equals(readDir, v.readDir) && Arrays.equals(phaseDir, v.phaseDir)
                && Arrays.equals(sliceDir, v.sliceDir);
    }

    @Override
    public int hashCode() {
        return Objects.hash(nx, ny, nz, dxMm, dyMm, dzMm, Arrays.hashCode(data), Arrays.hashCode(positionLps));
    }

    @Override
    public String toString() {
        return "ImageVolume[" + nx + "×" + ny + "×" + nz + ", voxel " + dxMm + "×" + dyMm + "×" + dzMm
                + " mm, centre " + Arrays.toString(positionLps) + " LPS]";
    }

    private static double[] vec3(String name, double[] v) {
        Objects.requireNonNull(v, name);
        if (v.length != 3) {
            throw new IllegalArgumentException(name + " needs 3 components, got " + v.length);
        }
        return v.clone();
    }
}
