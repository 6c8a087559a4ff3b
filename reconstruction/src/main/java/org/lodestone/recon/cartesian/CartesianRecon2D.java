package org.lodestone.recon.cartesian;

import org.lodestone.recon.image.ImageVolume;
import org.lodestone.recon.image.PixelDirections;
import org.lodestone.recon.mrd.AcquisitionHeader;
import org.lodestone.recon.mrd.EncodingSpec;

/**
 * 2D Cartesian reconstruction: per channel a centred inverse FFT ({@link CenteredFft#ifft2c}), then
 * root-sum-of-squares coil combination into a magnitude image. Lines not (yet) acquired are zero, so this
 * also gives live previews of a partial scan.
 */
public final class CartesianRecon2D {

    private CartesianRecon2D() {
    }

    /** RSS magnitude of one slice/contrast, {@code nx × ny}, x fastest. */
    public static float[] reconstructSlice(KSpaceBuffer buffer, int slice, int contrast) {
        int nx = buffer.nx();
        int ny = buffer.ny();
        float[][] coils = new float[buffer.channels()][];
        // One plan for all coils; kspace() already returns a fresh array, so transform it in place.
        org.jtransforms.fft.FloatFFT_2D plan = nx % 2 == 0 && ny % 2 == 0
                ? new org.jtransforms.fft.FloatFFT_2D(ny, nx) : null;
        for (int c = 0; c < coils.length; c++) {
            float[] k = buffer.kspace(slice, contrast, c);
            if (plan != null) {
                CenteredFft.ifft2cInPlace(k, plan, nx, ny, true);
                coils[c] = k;
            } else {
                coils[c] = CenteredFft.ifft2c(k, nx, ny);
            }
        }
        return rootSumOfSquares(coils);
    }

    /** As {@link #reconstructSlice(KSpaceBuffer, int, int)} with a caller-owned reconstructor (reused plans, FFTW). */
    public static float[] reconstructSlice(KSpaceBuffer buffer, int slice, int contrast, RssReconstructor rss) {
        int nx = buffer.nx();
        int ny = buffer.ny();
        if (nx % 2 != 0 || ny % 2 != 0) {
            return reconstructSlice(buffer, slice, contrast);
        }
        float[][] coils = new float[buffer.channels()][];
        for (int c = 0; c < coils.length; c++) {
            coils[c] = buffer.kspace(slice, contrast, c); // fresh arrays: transformed in place
        }
        return rss.rss2D(coils, nx, ny, true);
    }

    /** √(Σ_c |I_c|²) per pixel of interleaved complex coil images. */
    public static float[] rootSumOfSquares(float[][] coilImages) {
        int pixels = coilImages[0].length / 2;
        float[] out = new float[pixels];
        for (float[] coil : coilImages) {
            for (int p = 0; p < pixels; p++) {
                float re = coil[2 * p];
                float im = coil[2 * p + 1];
                out[p] += re * re + im * im;
            }
        }
        for (int p = 0; p < pixels; p++) {
            out[p] = (float) Math.sqrt(out[p]);
        }
        return out;
    }

    /**
     * All slices of one contrast as a volume with scanner geometry: voxel size = FOV / matrix in x and y;
     * slice spacing from the positions of slices 0 and 1 if both were acquired, else the z field of view
     * (slice thickness); orientation and position from the first readout of slice 0 (identity at the
     * origin if none arrived).
     */
    public static ImageVolume reconstruct(KSpaceBuffer buffer, int contrast, EncodingSpec spec) {
        int nx = buffer.nx();
        int ny = buffer.ny();
        int nz = buffer.slices();
        float[] data = new float[nx * ny * nz];
        for (int s = 0; s < nz; s++) {
            System.arraycopy(reconstructSlice(buffer, s, contrast), 0, data, s * nx * ny, nx * ny);
        }
        return volume(buffer, spec, data);
    }

    /** Magnitude slices {@code data} (nx·ny·slices, x fastest) with the geometry of the buffer's readouts. */
    public static ImageVolume volume(KSpaceBuffer buffer, EncodingSpec spec, float[] data) {
        int nx = buffer.nx();
        int ny = buffer.ny();
        int nz = buffer.slices();
        double dx = positiveOr(spec.fovXmm() / nx, 1);
        double dy = positiveOr(spec.fovYmm() / ny, 1);
        double dz = positiveOr(spec.fovZmm(), 1);
        AcquisitionHeader first = buffer.sliceGeometry(0);
        // no geometry, or none recorded (ismrmrd_generate_cartesian_shepp_logan leaves the directions zero)
        if (first == null || isZero(first.readDir()) || isZero(first.phaseDir()) || isZero(first.sliceDir())) {
            return ImageVolume.withIdentityGeometry(nx, ny, nz, data, dx, dy, dz);
        }
        AcquisitionHeader second = nz > 1 ? buffer.sliceGeometry(1) : null;
        double[] slice = toDouble(first.sliceDir());
        if (second != null) {
            double[] p0 = toDouble(first.position()), p1 = toDouble(second.position());
            dz = positiveOr(distance(p0, p1), dz);
            // the stack's axis runs from slice 0 to slice 1, whichever way the headers' normal points
            if ((p1[0] - p0[0]) * slice[0] + (p1[1] - p0[1]) * slice[1] + (p1[2] - p0[2]) * slice[2] < 0) {
                for (int ax = 0; ax < 3; ax++) slice[ax] = slice[ax] == 0 ? 0 : -slice[ax];
            }
        }
        return new ImageVolume(nx, ny, nz, data, dx, dy, dz, toDouble(first.position()),
                PixelDirections.ofEncodedAxis(first.readDir()), PixelDirections.ofEncodedAxis(first.phaseDir()), slice);
    }

    private static boolean isZero(float[] v) {
        return v[0] == 0 && v[1] == 0 && v[2] == 0;
    }

    private static double positiveOr(double v, double fallback) {
        return v > 0 && Double.isFinite(v) ? v : fallback;
    }

    private static double distance(double[] a, double[] b) {
        double dx = a[0] - b[0];
        double dy = a[1] - b[1];
        double dz = a[2] - b[2];
        return Math.sqrt(dx * dx + dy * dy + dz * dz);
    }

    private static double[] toDouble(float[] v) {
        return new double[] {v[0], v[1], v[2]};
    }
}
