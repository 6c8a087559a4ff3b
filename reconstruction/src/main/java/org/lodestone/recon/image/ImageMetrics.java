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

    private static void requireSameLength(float[] a, float[] b) {
        if (a.length != b.length || a.length == 0) {
            throw new IllegalArgumentException("images must be non-empty and the same size: " + a.length + " vs "
                    + b.length);
        }
    }
}
