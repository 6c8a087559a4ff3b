package org.lodestone.recon.cartesian;

/**
 * SNR of a magnitude image from a single image (no separate noise scan).
 *
 * <p>Signal: the mean of the brightest {@code w × w} window, {@code w = max(3, min(nx, ny) / 8)}, found with
 * a summed-area table. Noise: the standard deviation of the {@code w × w} corner with the lowest mean (the
 * corner least likely to hold object or ghosting). In a magnitude image, pure Gaussian noise of standard
 * deviation σ per channel becomes Rayleigh distributed with standard deviation 0.655 σ, so
 * {@code σ = std_background / 0.655} and {@code SNR = signal / σ}.
 *
 * <p>The 0.655 factor holds for a single channel. For a root-sum-of-squares image of several coils the
 * background follows a non-central χ distribution and this estimate is biased (somewhat high); use it
 * to compare scans taken with the same coil, not as an absolute figure.
 */
public final class NoiseEstimate {

    /** std of Rayleigh-distributed magnitude noise / σ of the underlying Gaussian: √(2 − π/2). */
    public static final double RAYLEIGH_STD_FACTOR = 0.655;

    /** Result in image units; {@code snr} is {@code +∞} if the background is exactly constant. */
    public record Snr(double signalMean, double backgroundStd, double noiseSigma, double snr) {
    }

    private NoiseEstimate() {
    }

    public static Snr estimate(float[] magnitude, int nx, int ny) {
        if (magnitude.length != nx * ny) {
            throw new IllegalArgumentException("image has " + magnitude.length + " pixels, expected " + nx + "×" + ny);
        }
        int w = Math.max(3, Math.min(nx, ny) / 8);
        if (w > nx || w > ny) {
            throw new IllegalArgumentException("image " + nx + "×" + ny + " is too small for an SNR estimate");
        }
        double signal = brightestWindowMean(magnitude, nx, ny, w);
        double bestMean = Double.POSITIVE_INFINITY;
        double bestStd = 0;
        for (int[] corner : new int[][] {{0, 0}, {nx - w, 0}, {0, ny - w}, {nx - w, ny - w}}) {
            double sum = 0;
            double sumSq = 0;
            for (int y = corner[1]; y < corner[1] + w; y++) {
                for (int x = corner[0]; x < corner[0] + w; x++) {
                    double v = magnitude[y * nx + x];
                    sum += v;
                    sumSq += v * v;
                }
            }
            int n = w * w;
            double mean = sum / n;
            if (mean < bestMean) {
                bestMean = mean;
                bestStd = Math.sqrt(Math.max(0, (sumSq - n * mean * mean) / (n - 1)));
            }
        }
        double sigma = bestStd / RAYLEIGH_STD_FACTOR;
        double snr = sigma > 0 ? signal / sigma : Double.POSITIVE_INFINITY;
        return new Snr(signal, bestStd, sigma, snr);
    }

    private static double brightestWindowMean(float[] img, int nx, int ny, int w) {
        double[] sat = new double[(nx + 1) * (ny + 1)];
        for (int y = 0; y < ny; y++) {
            for (int x = 0; x < nx; x++) {
                sat[(y + 1) * (nx + 1) + x + 1] = img[y * nx + x] + sat[y * (nx + 1) + x + 1]
                        + sat[(y + 1) * (nx + 1) + x] - sat[y * (nx + 1) + x];
            }
        }
        double best = Double.NEGATIVE_INFINITY;
        for (int y = 0; y + w <= ny; y++) {
            for (int x = 0; x + w <= nx; x++) {
                double s = sat[(y + w) * (nx + 1) + x + w] - sat[y * (nx + 1) + x + w]
                        - sat[(y + w) * (nx + 1) + x] + sat[y * (nx + 1) + x];
                best = Math.max(best, s);
            }
        }
        return best / (w * w);
    }
}
