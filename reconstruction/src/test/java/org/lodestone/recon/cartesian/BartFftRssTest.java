package org.lodestone.recon.cartesian;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lodestone.recon.testing.ExternalTools.cmd;

import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lodestone.recon.image.ImageMetrics;
import org.lodestone.recon.testing.Cfl;
import org.lodestone.recon.testing.ExternalTools;

/**
 * Lodestone's centred inverse FFT + RSS against BART 0.8 on the same k-space. BART's {@code fft} centres with
 * fftmod by default (same result as our ifftshift/FFT/fftshift for even sizes), is unnormalised unless
 * {@code -u}, and takes a bitmask of dimensions (1|2 = x,y; 1|2|4 = x,y,z); {@code rss 8} combines dimension
 * 3, the coil dimension. We scale by nx·ny(·nz) to undo our 1/N.
 */
class BartFftRssTest {

    @TempDir
    Path dir;

    @Test
    void fftPlusRss2DMatchesBart() throws Exception {
        ExternalTools.require("bart");
        int nx = 128;
        int ny = 96;
        int coils = 8;
        float[][] k = randomKspace(coils, nx * ny, 3);
        Cfl.write(dir.resolve("k"), concat(k), nx, ny, 1, coils);
        ExternalTools.run(dir, cmd("bart", "fft", "-i", 3, "k", "img"));
        ExternalTools.run(dir, cmd("bart", "rss", 8, "img", "rss"));
        float[] bart = Cfl.magnitude(Cfl.read(dir.resolve("rss")));
        for (RssReconstructor.FftEngine engine : availableEngines()) {
            float[] ours;
            try (RssReconstructor r = new RssReconstructor(2, engine)) {
                ours = r.rss2D(k, nx, ny, false);
            }
            scale(ours, nx * ny);
            double nrmse = ImageMetrics.nrmse(bart, ours);
            System.out.printf("NRMSE Lodestone FFT+RSS (%s) vs bart fft -i 3 + rss 8 (%dx%dx%d): %.3g%n", engine, nx, ny,
                    coils, nrmse);
            assertThat(nrmse).isLessThanOrEqualTo(1e-4);
        }

        float[][] single = new float[coils][];
        for (int c = 0; c < coils; c++) {
            single[c] = CenteredFft.ifft2c(k[c], nx, ny);
        }
        float[] plain = CartesianRecon2D.rootSumOfSquares(single);
        scale(plain, nx * ny);
        assertThat(ImageMetrics.nrmse(bart, plain)).isLessThanOrEqualTo(1e-4);
    }

    @Test
    void fftPlusRss3DMatchesBart() throws Exception {
        ExternalTools.require("bart");
        int nx = 32;
        int ny = 24;
        int nz = 16;
        int coils = 4;
        float[][] k = randomKspace(coils, nx * ny * nz, 5);
        Cfl.write(dir.resolve("k3"), concat(k), nx, ny, nz, coils);
        ExternalTools.run(dir, cmd("bart", "fft", "-i", 7, "k3", "img3"));
        ExternalTools.run(dir, cmd("bart", "rss", 8, "img3", "rss3"));
        float[] bart = Cfl.magnitude(Cfl.read(dir.resolve("rss3")));
        for (RssReconstructor.FftEngine engine : availableEngines()) {
            float[] ours;
            try (RssReconstructor r = new RssReconstructor(1, engine)) {
                ours = r.rss3D(k, nx, ny, nz, false);
            }
            scale(ours, nx * ny * nz);
            double nrmse = ImageMetrics.nrmse(bart, ours);
            System.out.printf("NRMSE Lodestone 3D FFT+RSS (%s) vs bart fft -i 7 + rss 8: %.3g%n", engine, nrmse);
            assertThat(nrmse).isLessThanOrEqualTo(1e-4);
        }
    }

    /** JTransforms always; FFTW where libfftw3f is installed (it is wherever bart is: bart links it). */
    static java.util.List<RssReconstructor.FftEngine> availableEngines() {
        return org.lodestone.recon.fft.Fftw.load().isPresent()
                ? java.util.List.of(RssReconstructor.FftEngine.JTRANSFORMS, RssReconstructor.FftEngine.FFTW)
                : java.util.List.of(RssReconstructor.FftEngine.JTRANSFORMS);
    }

    /** Gaussian random k-space per coil (no dominant DC term, a hard case for float precision). */
    static float[][] randomKspace(int coils, int n, long seed) {
        Random rnd = new Random(seed);
        float[][] k = new float[coils][2 * n];
        for (float[] c : k) {
            for (int i = 0; i < c.length; i++) {
                c[i] = (float) rnd.nextGaussian();
            }
        }
        return k;
    }

    static float[] concat(float[][] parts) {
        float[] out = new float[parts.length * parts[0].length];
        for (int i = 0; i < parts.length; i++) {
            System.arraycopy(parts[i], 0, out, i * parts[0].length, parts[0].length);
        }
        return out;
    }

    private static void scale(float[] a, float s) {
        for (int i = 0; i < a.length; i++) {
            a[i] *= s;
        }
    }
}
