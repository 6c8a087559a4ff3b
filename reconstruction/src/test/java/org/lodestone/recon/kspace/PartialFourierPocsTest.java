package org.lodestone.recon.kspace;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.lodestone.recon.cartesian.CenteredFft;
import org.lodestone.recon.image.ImageMetrics;

class PartialFourierPocsTest {
    @Test
    void fiveEighthsPartialFourierRecoversTheResolutionZeroFillingLoses() {
        int n = 128;
        float[] img = new float[2 * n * n];
        float[] truth = new float[n * n];
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                double u = (x - n / 2.0) / n, v = (y - n / 2.0) / n;
                double m = (Math.hypot(u, v) < 0.35 ? 1 : 0) + (Math.abs(u - 0.1) < 0.05 && Math.abs(v) < 0.2 ? 0.5 : 0);
                double ph = 1.5 * u - 0.8 * v + 0.3; // smooth phase (B0, coil), as POCS assumes
                img[2 * (y * n + x)] = (float) (m * Math.cos(ph));
                img[2 * (y * n + x) + 1] = (float) (m * Math.sin(ph));
                truth[y * n + x] = (float) m;
            }
        }
        float[] k = CenteredFft.fft2c(img, n, n);
        int first = n * 3 / 8; // 5/8 of the lines acquired
        java.util.Arrays.fill(k, 0, 2 * first * n, 0f);
        float[] zeroFilled = magnitude(CenteredFft.ifft2c(k, n, n));
        float[] pocs = magnitude(PartialFourierPocs.reconstruct(k, n, n, first, 15));
        double ez = ImageMetrics.nrmse(truth, zeroFilled);
        double ep = ImageMetrics.nrmse(truth, pocs);
        System.out.printf("5/8 partial Fourier: zero-filled NRMSE %.4f, POCS %.4f%n", ez, ep);
        assertThat(ep).isLessThan(0.5 * ez);
    }

    private static float[] magnitude(float[] c) {
        float[] m = new float[c.length / 2];
        for (int i = 0; i < m.length; i++) m[i] = (float) Math.hypot(c[2 * i], c[2 * i + 1]);
        return m;
    }
}
