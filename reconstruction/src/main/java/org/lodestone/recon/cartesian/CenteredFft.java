package org.lodestone.recon.cartesian;

import org.jtransforms.fft.FloatFFT_2D;

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
        float[] a = ifftshift(image, nx, ny);
        new FloatFFT_2D(ny, nx).complexForward(a);
        return fftshift(a, nx, ny);
    }

    /** K-space → image, scaled by 1/(nx·ny). Returns a new array. */
    public static float[] ifft2c(float[] kspace, int nx, int ny) {
        float[] a = ifftshift(kspace, nx, ny);
        new FloatFFT_2D(ny, nx).complexInverse(a, true);
        return fftshift(a, nx, ny);
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
