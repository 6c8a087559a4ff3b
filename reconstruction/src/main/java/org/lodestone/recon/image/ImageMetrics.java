package org.lodestone.recon.image;

/** Similarity measures for comparing a reconstruction with a reference. */
public final class ImageMetrics {

    private ImageMetrics() {
    }

    /** Pearson correlation coefficient; NaN if either image is constant. */
    public static double pearson(float[] a, float[] b) {
        requireSameLength(a, b);
        double meanA = 0;
        double meanB = 0;
        for (int i = 0; i < a.length; i++) {
            meanA += a[i];
            meanB += b[i];
        }
        meanA /= a.length;
        meanB /= b.length;
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int i = 0; i < a.length; i++) {
            double da = a[i] - meanA;
            double db = b[i] - meanB;
            sab += da * db;
            saa += da * da;
            sbb += db * db;
        }
        return sab / Math.sqrt(saa * sbb);
    }

    /**
     * Normalised root-mean-square error {@code ‖test − reference‖₂ / ‖reference‖₂} (the "Euclidean"
     * normalisation, as scikit-image's default). 0 is identical; not symmetric in its arguments.
     */
    public static double nrmse(float[] reference, float[] test) {
        requireSameLength(reference, test);
        double err = 0;
        double ref = 0;
        for (int i = 0; i < reference.length; i++) {
            double d = (double) test[i] - reference[i];
            err += d * d;
            ref += (double) reference[i] * reference[i];
        }
        return Math.sqrt(err / ref);
    }

    /**
     * The factor {@code a} minimising {@code ‖a·image − reference‖₂}: puts an image on the reference's intensity scale
     * before it is scored (0 for an all-zero image).
     */
    public static double leastSquaresScale(float[] reference, float[] image) {
        requireSameLength(reference, image);
        double ab = 0;
        double bb = 0;
        for (int i = 0; i < image.length; i++) {
            ab += (double) reference[i] * image[i];
            bb += (double) image[i] * image[i];
        }
        return bb == 0 ? 0 : ab / bb;
    }

    /**
     * Mean structural similarity (Wang et al. 2004) of two {@code nx × ny} images: 7 × 7 uniform windows (as
     * scikit-image's default), constants K1 = 0.01, K2 = 0.03 of the reference's data range (max − min).
     * 1 is identical.
     */
    public static double ssim(float[] reference, float[] test, int nx, int ny) {
        requireSameLength(reference, test);
        if (reference.length != nx * ny) throw new IllegalArgumentException("images are not " + nx + "×" + ny);
        double min = Double.MAX_VALUE, max = -Double.MAX_VALUE;
        for (float v : reference) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        double range = max - min;
        double c1 = Math.pow(0.01 * range, 2), c2 = Math.pow(0.03 * range, 2);
        int w = 7, h = w / 2;
        double sum = 0;
        int windows = 0;
        for (int y = h; y < ny - h; y++) {
            for (int x = h; x < nx - h; x++) {
                double ma = 0, mb = 0, aa = 0, bb = 0, ab = 0;
                for (int dy = -h; dy <= h; dy++) {
                    for (int dx = -h; dx <= h; dx++) {
                        double a = reference[(y + dy) * nx + x + dx], b = test[(y + dy) * nx + x + dx];
                        ma += a;
                        mb += b;
                        aa += a * a;
                        bb += b * b;
                        ab += a * b;
                    }
                }
                int n = w * w;
                ma /= n;
                mb /= n;
                // sample (co)variances, as scikit-image
                double va = (aa - n * ma * ma) / (n - 1), vb = (bb - n * mb * mb) / (n - 1), cov = (ab - n * ma * mb) / (n - 1);
                sum += (2 * ma * mb + c1) * (2 * cov + c2) / ((ma * ma + mb * mb + c1) * (va + vb + c2));
                windows++;
            }
        }
        return sum / windows;
    }

    private static void requireSameLength(float[] a, float[] b) {
        if (a.length != b.length || a.length == 0) {
            throw new IllegalArgumentException("images must be non-empty and the same size: " + a.length + " vs "
                    + b.length);
        }
    }
}
