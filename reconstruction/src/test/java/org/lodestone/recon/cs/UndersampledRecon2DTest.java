package org.lodestone.recon.cs;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.lodestone.recon.cartesian.CartesianRecon2D;
import org.lodestone.recon.cartesian.CenteredFft;
import org.lodestone.recon.image.ImageMetrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class UndersampledRecon2DTest {
    private static final int N = 128;

    @Test
    void compressedSensingRecoversA3xUndersampledSliceOnTheScaleOfTheRssImage() {
        CsPhantom ph = CsPhantom.create(N, N, 4, 1, N, 0.002, 3);
        boolean[] sampled = variableDensity(43, 20);
        float[][] k = masked(ph.fullKspace(), sampled);
        float[] truth = rssTruth(ph);
        float[] zeroFilled = CartesianRecon2D.rootSumOfSquares(ifft(k));
        float[] cs = UndersampledRecon2D.reconstruct(k, sampled, N, N, UndersampledRecon2D.Settings.of(UndersampledRecon2D.Method.CS), 2);
        float[] sense = UndersampledRecon2D.reconstruct(masked(ph.fullKspace(), sampled), sampled, N, N,
                UndersampledRecon2D.Settings.of(UndersampledRecon2D.Method.SENSE), 2);
        double eZero = ImageMetrics.nrmse(truth, zeroFilled), eCs = ImageMetrics.nrmse(truth, cs), eSense = ImageMetrics.nrmse(truth, sense);
        System.out.printf("3x: NRMSE zero-filled %.4f, SENSE %.4f, CS %.4f; SSIM CS %.4f%n", eZero, eSense, eCs, ImageMetrics.ssim(truth, cs, N, N));
        assertThat(eCs).isLessThan(0.1).isLessThan(eZero / 3);
        assertThat(eSense).isLessThan(eZero);
        assertThat(ImageMetrics.ssim(truth, cs, N, N)).isGreaterThan(ImageMetrics.ssim(truth, zeroFilled, N, N));
        // same intensity scale as the RSS image of the full data (the final image replaces the streamed one)
        float[] fullRss = CartesianRecon2D.rootSumOfSquares(ifft(ph.fullKspace()));
        double ab = 0, bb = 0;
        for (int p = 0; p < cs.length; p++) {
            ab += (double) cs[p] * fullRss[p];
            bb += (double) cs[p] * cs[p];
        }
        assertThat(ab / bb).as("least-squares scale of the CS image onto the full RSS image").isCloseTo(1, within(0.1));
    }

    @Test
    void theCalibrationRegionIsTheFullySampledBlockAroundTheCentre() {
        boolean[] s = new boolean[16];
        for (int y = 5; y < 12; y++) s[y] = true; // 5..11: 3 below the centre (8), 4 from it up
        assertThat(UndersampledRecon2D.calibrationLines(s)).isEqualTo(6);
        assertThat(UndersampledRecon2D.isUndersampled(s)).isTrue();
        Arrays.fill(s, true);
        assertThat(UndersampledRecon2D.calibrationLines(s)).isEqualTo(16);
        assertThat(UndersampledRecon2D.isUndersampled(s)).isFalse();
    }

    @Test
    void tooFewCentreLinesForCoilMapsGiveNoImage() {
        CsPhantom ph = CsPhantom.create(N, N, 2, 1, N, 0, 1);
        boolean[] sampled = new boolean[N];
        for (int y = 0; y < N; y += 2) sampled[y] = true;
        assertThat(UndersampledRecon2D.reconstruct(masked(ph.fullKspace(), sampled), sampled, N, N,
                UndersampledRecon2D.Settings.of(UndersampledRecon2D.Method.CS), 1)).isNull();
    }

    /** {@code count} lines: {@code cal} centre lines, the rest spread with a density falling to the edge. */
    static boolean[] variableDensity(int count, int cal) {
        boolean[] s = new boolean[N];
        for (int y = N / 2 - cal / 2; y < N / 2 + cal / 2; y++) s[y] = true;
        int rest = count - cal;
        for (int i = 0; i < rest; i++) {
            double q = (i + 0.5) / rest * 2 - 1; // −1…1
            int y = (int) Math.round(N / 2.0 + Math.signum(q) * Math.pow(Math.abs(q), 1.5) * (N / 2.0 - 1));
            int step = q < 0 ? -1 : 1;
            while (y >= 0 && y < N && s[y]) y += step;
            if (y < 0 || y >= N) continue; // the edge is full: one line fewer
            s[y] = true;
        }
        return s;
    }

    static float[][] masked(float[][] full, boolean[] sampled) {
        float[][] k = new float[full.length][];
        for (int c = 0; c < k.length; c++) {
            k[c] = full[c].clone();
            for (int y = 0; y < N; y++) if (!sampled[y]) Arrays.fill(k[c], 2 * y * N, 2 * (y + 1) * N, 0f);
        }
        return k;
    }

    static float[][] ifft(float[][] k) {
        float[][] out = new float[k.length][];
        for (int c = 0; c < k.length; c++) out[c] = CenteredFft.ifft2c(k[c], N, N);
        return out;
    }

    static float[] rssTruth(CsPhantom ph) {
        float[] t = new float[N * N];
        for (int p = 0; p < t.length; p++) {
            double s = 0;
            for (float[] c : ph.coilSens()) s += c[2 * p] * c[2 * p] + c[2 * p + 1] * c[2 * p + 1];
            t[p] = (float) (Math.hypot(ph.image()[2 * p], ph.image()[2 * p + 1]) * Math.sqrt(s));
        }
        return t;
    }
}
