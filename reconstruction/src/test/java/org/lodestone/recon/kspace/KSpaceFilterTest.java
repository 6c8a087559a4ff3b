package org.lodestone.recon.kspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.lodestone.recon.cartesian.CenteredFft;

class KSpaceFilterTest {
    @Test
    void hannKeepsTheMeanAndCutsWhiteNoiseByItsNoisePowerFactor() {
        int n = 128;
        Random rnd = new Random(1);
        float[] k = new float[2 * n * n];
        for (int i = 0; i < k.length; i++) k[i] = (float) rnd.nextGaussian();
        double before = power(CenteredFft.ifft2c(k, n, n));
        KSpaceFilter hann = KSpaceFilter.hann();
        hann.apply(k, n, n);
        double after = power(CenteredFft.ifft2c(k, n, n));
        // white noise: image power scales by mean(w²) per axis; Hann: 3/8 each
        double expected = 0;
        for (int i = 0; i < n; i++) expected += hann.weight(i, n) * hann.weight(i, n);
        expected = Math.pow(expected / n, 2);
        assertThat(expected).isCloseTo(9.0 / 64, within(0.01));
        assertThat(after / before).isCloseTo(expected, within(0.05 * expected));

        // a constant image (DC only) is unchanged
        float[] dc = new float[2 * n * n];
        dc[2 * (n / 2 * n + n / 2)] = 1;
        hann.apply(dc, n, n);
        assertThat(dc[2 * (n / 2 * n + n / 2)]).isEqualTo(1f);
        assertThat(hann.weight(0, n)).isCloseTo(0, within(1e-12));
        assertThat(new KSpaceFilter(KSpaceFilter.Shape.TUKEY, 0.25).weight(n / 2 + n / 4, n)).isEqualTo(1.0);
    }

    private static double power(float[] a) {
        double s = 0;
        for (float v : a) s += v * (double) v;
        return s;
    }
}
