package org.lodestone.recon.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ImageMetricsTest {

    @Test
    void pearsonOfLinearRelationsIsPlusOrMinusOne() {
        float[] a = {1, 2, 3, 4};
        assertThat(ImageMetrics.pearson(a, new float[] {3, 5, 7, 9})).isCloseTo(1.0, within(1e-12));
        assertThat(ImageMetrics.pearson(a, new float[] {4, 3, 2, 1})).isCloseTo(-1.0, within(1e-12));
        assertThat(ImageMetrics.pearson(a, new float[] {1, 1, 1, 1})).isNaN();
    }

    @Test
    void nrmseIsErrorNormOverReferenceNorm() {
        float[] ref = {3, 4};
        assertThat(ImageMetrics.nrmse(ref, ref)).isZero();
        assertThat(ImageMetrics.nrmse(ref, new float[] {3, 5})).isCloseTo(1 / 5.0, within(1e-12));
    }

    @Test
    void ssimIsOneForTheSameImageAndFallsWithNoise() {
        int n = 32;
        float[] a = new float[n * n], noisy = new float[n * n];
        java.util.Random r = new java.util.Random(1);
        for (int i = 0; i < a.length; i++) {
            a[i] = (i % n > 8 && i / n > 8 && i % n < 24 && i / n < 24) ? 1 : 0.2f;
            noisy[i] = a[i] + (float) (0.2 * r.nextGaussian());
        }
        org.assertj.core.api.Assertions.assertThat(ImageMetrics.ssim(a, a, n, n)).isEqualTo(1.0, org.assertj.core.api.Assertions.within(1e-9));
        org.assertj.core.api.Assertions.assertThat(ImageMetrics.ssim(a, noisy, n, n)).isBetween(0.05, 0.9);
    }
}
