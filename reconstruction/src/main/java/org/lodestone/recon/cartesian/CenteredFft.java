package org.lodestone.recon.cartesian;

import org.jtransforms.fft.FloatFFT_2D;
import org.jtransforms.fft.FloatFFT_3D;

/**
 * Centred 2D FFTs on interleaved complex arrays ({@code [2*(y*nx+x)] = re}, {@code +1 = im}), x fastest.
 * "Centred" means k-space centre and image centre both sit at index N/2 (ifftshift → FFT → fftshift),
 * the ISMRMRD convention for {@code kspace_encode_step_1} and the readout centre sample.
 * The inverse is scaled by 1/(nx·ny) so {@code ifft2c(fft2c(x)) == x}.
 */
public final class CenteredFft {

    private CenteredFft() {
    }

    /** Image → k-space, unscaled. Returns a new array. */
    public static float[] fft2c(float[] image, int nx, int ny) {
        if (nx % 2 == 0 && ny % 2 == 0) {
            float[] a = image.clone();
            fft2cInPlace(a, new FloatFFT_2D(ny, nx), nx, ny);
            return a;
        }
        float[] a = ifftshift(image, nx, ny);
        new FloatFFT_2D(ny, nx).complexForward(a);
        return fftshift(a, nx, ny);
    }

    /** K-space → image, scaled by 1/(nx·ny). Returns a new array. */
    public static float[] ifft2c(float[] kspace, int nx, int ny) {
        if (nx % 2 == 0 && ny % 2 == 0) {
            float[] a = kspace.clone();
            ifft2cInPlace(a, new FloatFFT_2D(ny, nx), nx, ny, true);
            return a;
        }
        float[] a = ifftshift(kspace, nx, ny);
        new FloatFFT_2D(ny, nx).complexInverse(a, true);
        return fftshift(a, nx, ny);
    }

    /**
     * In-place centred forward FFT for even nx and ny with a caller-owned plan ({@code new FloatFFT_2D(ny, nx)}).
     * For even N, fftshift∘FFT∘ifftshift equals multiplying input and output by (−1)^n and the result by
     * (−1)^(N/2), so no shifted copies are needed (this is also how BART's fftmod centres).
     */
    public static void fft2cInPlace(float[] a, FloatFFT_2D plan, int nx, int ny) {
        requireEven(nx, ny, a);
        checkerboard(a, nx, ny, 1f);
        plan.complexForward(a);
        checkerboard(a, nx, ny, ((nx / 2 + ny / 2) % 2 == 0) ? 1f : -1f);
    }

    /** In-place centred inverse FFT for even nx and ny; {@code scale} divides by nx·ny as {@link #ifft2c} does. */
    public static void ifft2cInPlace(float[] a, FloatFFT_2D plan, int nx, int ny, boolean scale) {
        requireEven(nx, ny, a);
        checkerboard(a, nx, ny, 1f);
        plan.complexInverse(a, scale);
        checkerboard(a, nx, ny, ((nx / 2 + ny / 2) % 2 == 0) ? 1f : -1f);
    }

    /**
     * In-place centred inverse 3D FFT (x fastest, then y, then z) for even sizes, plan {@code new FloatFFT_3D(nz,
     * ny, nx)}; same modulation trick as the 2D version.
     */
    public static void ifft3cInPlace(float[] a, FloatFFT_3D plan, int nx, int ny, int nz, boolean scale) {
        if (nx % 2 != 0 || ny % 2 != 0 || nz % 2 != 0 || a.length != 2L * nx * ny * nz) {
            throw new IllegalArgumentException("in-place centred 3D FFT needs even sizes and 2·nx·ny·nz floats, got "
                    + nx + "×" + ny + "×" + nz + " and " + a.length);
        }
        checkerboard3(a, nx, ny, nz, 1f);
        plan.complexInverse(a, scale);
        checkerboard3(a, nx, ny, nz, ((nx / 2 + ny / 2 + nz / 2) % 2 == 0) ? 1f : -1f);
    }

    /** The sign of the checkerboard after a plain 2D FFT of even size that makes it centred. */
    public static float centringSign(int nx, int ny) {
        return ((nx / 2 + ny / 2) % 2 == 0) ? 1f : -1f;
    }

    static void checkerboard3(float[] a, int nx, int ny, int nz, float sign) {
        int plane = 2 * nx * ny;
        for (int z = 0; z < nz; z++) {
            checkerboard(a, z * plane, nx, ny, (z & 1) == 0 ? sign : -sign);
        }
    }

    /**
     * Multiplies sample (x, y) by {@code sign·(−1)^(x+y)}: before and after a plain FFT of even size (sign 1 before,
     * {@link #centringSign} after) it makes the transform centred, for callers with their own FFT (FFTW plans).
     */
    public static void checkerboard(float[] a, int nx, int ny, float sign) {
        checkerboard(a, 0, nx, ny, sign);
    }

    /** Multiplies sample (x, y) by {@code sign·(−1)^(x+y)}. */
    private static void checkerboard(float[] a, int offset, int nx, int ny, float sign) {
        for (int y = 0; y < ny; y++) {
            int row = offset + 2 * y * nx;
            // Start at x = 1 for odd-sign rows so the negated samples are every other one.
            float s0 = ((y & 1) == 0) ? sign : -sign;
            if (s0 == 1f) {
                for (int i = row + 2; i < row + 2 * nx; i += 4) {
                    a[i] = -a[i];
                    a[i + 1] = -a[i + 1];
                }
            } else {
                for (int i = row; i < row + 2 * nx; i += 4) {
                    a[i] = -a[i];
                    a[i + 1] = -a[i + 1];
                }
            }
        }
    }

    private static void requireEven(int nx, int ny, float[] a) {
        if (nx % 2 != 0 || ny % 2 != 0) {
            throw new IllegalArgumentException("in-place centred FFT needs even sizes, got " + nx + "×" + ny);
        }
        if (a.length != 2 * nx * ny) {
            throw new IllegalArgumentException("complex array has " + a.length + " floats, expected 2*" + nx + "*" + ny);
        }
    }

    /** Moves index 0 to index N/2 in both axes (numpy.fft.fftshift). */
    public static float[] fftshift(float[] a, int nx, int ny) {
        return shift(a, nx, ny, nx / 2, ny / 2);
    }

    /** Inverse of {@link #fftshift}: moves index N/2 to 0 (differs from fftshift for odd N). */
    public static float[] ifftshift(float[] a, int nx, int ny) {
        return shift(a, nx, ny, nx - nx / 2, ny - ny / 2);
    }

    private static float[] shift(float[] a, int nx, int ny, int sx, int sy) {
        if (a.length != 2 * nx * ny) {
            throw new IllegalArgumentException("complex array has " + a.length + " floats, expected 2*" + nx + "*" + ny);
        }
        float[] out = new float[a.length];
        for (int y = 0; y < ny; y++) {
            int ty = (y + sy) % ny;
            for (int x = 0; x < nx; x++) {
                int tx = (x + sx) % nx;
                int src = 2 * (y * nx + x);
                int dst = 2 * (ty * nx + tx);
                out[dst] = a[src];
                out[dst + 1] = a[src + 1];
            }
        }
        return out;
    }
}
