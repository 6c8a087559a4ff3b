package org.lodestone.recon.kspace;

import org.lodestone.recon.cartesian.CenteredFft;

/**
 * Partial Fourier along ky by POCS (Haacke et al. 1991): the image phase is estimated from the symmetric,
 * fully sampled centre band (Hann-filtered), then alternately the magnitude is given that phase in image space
 * and the acquired lines are restored in k-space. Recovers the resolution a zero-filled partial acquisition loses.
 */
public final class PartialFourierPocs {
    private PartialFourierPocs() {
    }

    /**
     * @param k          one coil's k-space (nx × ny, interleaved, centre at ny/2); lines not acquired are zero
     * @param firstLine  lines {@code firstLine..ny-1} were acquired (lines before it are missing), firstLine < ny/2
     * @param iterations POCS iterations (10–20 usually converge)
     * @return the complex image
     */
    public static float[] reconstruct(float[] k, int nx, int ny, int firstLine, int iterations) {
        if (firstLine <= 0 || firstLine >= ny / 2) {
            throw new IllegalArgumentException("partial Fourier needs 0 < first acquired line < ny/2, got " + firstLine);
        }
        // symmetric band around the centre: lines firstLine .. ny - firstLine (exclusive)
        int half = ny / 2 - firstLine;
        float[] low = new float[k.length];
        for (int y = ny / 2 - half; y < ny / 2 + half; y++) {
            double w = 0.5 + 0.5 * Math.cos(Math.PI * (y - ny / 2) / (double) half);
            for (int x = 0; x < 2 * nx; x++) low[2 * y * nx + x] = (float) (k[2 * y * nx + x] * w);
        }
        float[] phaseImg = CenteredFft.ifft2c(low, nx, ny);
        float[] unit = new float[k.length];
        for (int p = 0; p < nx * ny; p++) {
            double re = phaseImg[2 * p], im = phaseImg[2 * p + 1], m = Math.hypot(re, im);
            unit[2 * p] = m > 0 ? (float) (re / m) : 1;
            unit[2 * p + 1] = m > 0 ? (float) (im / m) : 0;
        }
        float[] current = k.clone();
        float[] img = CenteredFft.ifft2c(current, nx, ny);
        for (int it = 0; it < iterations; it++) {
            // image with the low-resolution phase: Re(x·e^{-iφ})·e^{iφ}
            for (int p = 0; p < nx * ny; p++) {
                double ur = unit[2 * p], ui = unit[2 * p + 1];
                double proj = img[2 * p] * ur + img[2 * p + 1] * ui;
                img[2 * p] = (float) (proj * ur);
                img[2 * p + 1] = (float) (proj * ui);
            }
            current = CenteredFft.fft2c(img, nx, ny);
            // data consistency: the acquired lines are what was measured
            System.arraycopy(k, 2 * firstLine * nx, current, 2 * firstLine * nx, 2 * (ny - firstLine) * nx);
            img = CenteredFft.ifft2c(current, nx, ny);
        }
        return img;
    }
}
