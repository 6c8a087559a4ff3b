package org.lodestone.console.viewing;

import org.lodestone.recon.image.ImageVolume;

/**
 * The three orthogonal planes of a volume, on its own voxel grid: the plane as acquired (x right, y down) and
 * the two reformats across the slices, drawn with the slices' head, front or left end up, as the volume's geometry
 * says where its slices run (a 3D slab's partitions run against its headers' normal, issue #16), so a sagittal or
 * coronal reformat of an axial stack stands upright.
 */
public enum MprPlane {
    /** x × y at one z. */
    ACQUIRED,
    /** x × z at one y. */
    ALONG_READ,
    /** y × z at one x. */
    ALONG_PHASE;

    /**
     * The reformat row of slice {@code z} (and, being its own inverse, the slice of a row): the last slice in the top row
     * when the slices run toward the head (LPS +z), the front (−y) or the left (+x), whichever the slice direction
     * mostly follows; else the first.
     */
    static int rowOf(ImageVolume v, int z) {
        return lastSliceUp(v) ? v.nz() - 1 - z : z;
    }

    private static boolean lastSliceUp(ImageVolume v) {
        double[] s = v.sliceDir();
        int major = DisplayOrientation.major(s);
        return major == 1 ? s[1] < 0 : s[major] > 0;
    }

    /** The LPS directions of increasing x (across) and y (down) of this plane's slices through {@code v}. */
    public double[][] pixelDirections(ImageVolume v) {
        double[] s = v.sliceDir();
        double[] rowsDown = lastSliceUp(v) ? new double[] {-s[0], -s[1], -s[2]} : s;
        return switch (this) {
            case ACQUIRED -> new double[][] {v.readDir(), v.phaseDir()};
            case ALONG_READ -> new double[][] {v.readDir(), rowsDown};
            case ALONG_PHASE -> new double[][] {v.phaseDir(), rowsDown};
        };
    }

    /** How this plane's slices (and MIP) through {@code v} are turned for display, and their edge letters. */
    public DisplayOrientation displayOrientation(ImageVolume v) {
        double[][] d = pixelDirections(v);
        return DisplayOrientation.of(d[0], d[1]);
    }

    /** How many slices this plane has through {@code v} (the extent of the axis it cuts). */
    public int sliceCount(ImageVolume v) {
        return switch (this) {
            case ACQUIRED -> v.nz();
            case ALONG_READ -> v.ny();
            case ALONG_PHASE -> v.nx();
        };
    }

    /** Slice {@code index} of this plane through {@code v}. */
    public SliceImage slice(ImageVolume v, int index) {
        if (index < 0 || index >= sliceCount(v)) {
            throw new IllegalArgumentException("slice " + index + " is outside 0.." + (sliceCount(v) - 1));
        }
        return switch (this) {
            case ACQUIRED -> new SliceImage(v.nx(), v.ny(), v.slice(index), v.dxMm(), v.dyMm());
            case ALONG_READ -> {
                float[] out = new float[v.nx() * v.nz()];
                for (int z = 0; z < v.nz(); z++) {
                    int row = rowOf(v, z);
                    for (int x = 0; x < v.nx(); x++) out[row * v.nx() + x] = v.value(x, index, z);
                }
                yield new SliceImage(v.nx(), v.nz(), out, v.dxMm(), v.dzMm());
            }
            case ALONG_PHASE -> {
                float[] out = new float[v.ny() * v.nz()];
                for (int z = 0; z < v.nz(); z++) {
                    int row = rowOf(v, z);
                    for (int y = 0; y < v.ny(); y++) out[row * v.ny() + y] = v.value(index, y, z);
                }
                yield new SliceImage(v.ny(), v.nz(), out, v.dyMm(), v.dzMm());
            }
        };
    }

    /**
     * Maximum intensity projection along the axis this plane cuts: every pixel is the brightest voxel on its
     * line through the whole volume, laid out as {@link #slice}.
     */
    public SliceImage maximumIntensityProjection(ImageVolume v) {
        SliceImage first = slice(v, 0);
        float[] max = first.pixels().clone();
        for (int i = 1; i < sliceCount(v); i++) {
            float[] next = slice(v, i).pixels();
            for (int p = 0; p < max.length; p++) if (next[p] > max[p]) max[p] = next[p];
        }
        return new SliceImage(first.width(), first.height(), max, first.pixelWidthMm(), first.pixelHeightMm());
    }

    /** Voxel (x, y, z) at pixel (px, py) of slice {@code index} of this plane (the inverse of {@link #slice}). */
    public int[] voxelAt(ImageVolume v, int index, int px, int py) {
        return switch (this) {
            case ACQUIRED -> new int[] {px, py, index};
            case ALONG_READ -> new int[] {px, index, rowOf(v, py)};
            case ALONG_PHASE -> new int[] {index, px, rowOf(v, py)};
        };
    }

    /** Which slice of this plane passes through voxel (x, y, z). */
    public int sliceThrough(int[] voxel) {
        return switch (this) {
            case ACQUIRED -> voxel[2];
            case ALONG_READ -> voxel[1];
            case ALONG_PHASE -> voxel[0];
        };
    }
}
