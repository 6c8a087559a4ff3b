package org.lodestone.recon.cartesian;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.lodestone.recon.image.ImageMetrics;
import org.lodestone.recon.mrd.Acquisition;
import org.lodestone.recon.mrd.AcquisitionFlag;
import org.lodestone.recon.mrd.AcquisitionHeader;
import org.lodestone.recon.mrd.EncodingCounters;
import org.lodestone.recon.mrd.EncodingSpec;
import org.lodestone.recon.mrd.IsmrmrdHeaderXml;
import org.lodestone.recon.mrd.MrdStreamReader;
import org.lodestone.recon.mrd.MrdStreamWriter;
import org.lodestone.recon.preprocess.NoisePrewhitener;
import org.lodestone.recon.preprocess.ReadoutOversamplingRemoval;

class OfflineReconTest {

    @org.junit.jupiter.api.io.TempDir
    java.nio.file.Path dir;

    @Test
    void truncatedMultiSliceStreamStillYieldsEveryCompleteSlice() throws Exception {
        int nx = 32;
        int ny = 32;
        int slices = 4;
        EncodingSpec spec = new EncodingSpec(nx, ny, 1, 200, 200, 5, ny - 1, 0, slices - 1, 0, 0, 2, 2.1e6, 0.05,
                "t", "twin");
        float[] obj = Phantoms.toComplex(Phantoms.discAndSquare(nx, ny));
        float[] k = CenteredFft.fft2c(obj, nx, ny);
        java.nio.file.Path file = dir.resolve("truncated.mrd");
        try (MrdStreamWriter w = MrdStreamWriter.create(file, IsmrmrdHeaderXml.build(spec))) {
            for (int s = 0; s < slices; s++) {
                for (Acquisition a : Phantoms.readouts(new float[][] {k, k}, nx, ny, s)) {
                    w.append(a);
                }
            }
        }
        byte[] full = java.nio.file.Files.readAllBytes(file);
        int acquisitionBytes = 2 + 340 + 4 * 2 * 2 * nx;
        int after = (ny - 11) + ny; // readouts after slice 2 line 10
        // Cut 100 bytes into the readout of slice 2, line 11 (the stream ends with a 2-byte close message).
        byte[] cut = Arrays.copyOf(full, full.length - 2 - after * acquisitionBytes + 100);
        MrdStreamReader.Result r = MrdStreamReader.read(new ByteArrayInputStream(cut));
        assertThat(r.complete()).isFalse();
        assertThat(r.problem()).contains("truncated");
        OfflineRecon.Output out = OfflineRecon.reconstruct(r, OfflineRecon.Options.defaults());
        assertThat(out.slices()).containsExactly(0, 1);
        assertThat(out.skippedSlices()).containsExactly(2, 3);
        assertThat(out.volume().nz()).isEqualTo(2);
        float[] expected = Phantoms.discAndSquare(nx, ny);
        for (int i = 0; i < expected.length; i++) {
            expected[i] *= (float) Math.sqrt(2);
        }
        assertThat(ImageMetrics.nrmse(expected, out.volume().slice(1))).isLessThan(1e-5);
    }

    @Test
    void oversamplingRemovalEqualsCroppingTheFullWidthImage() {
        int nx = 64;
        int ny = 32;
        int recon = 32;
        Random rnd = new Random(1);
        float[] img = new float[2 * nx * ny];
        for (int i = 0; i < img.length; i++) {
            img[i] = (float) rnd.nextGaussian();
        }
        float[] k = CenteredFft.fft2c(img, nx, ny);
        ReadoutOversamplingRemoval step = new ReadoutOversamplingRemoval(nx, recon);
        KSpaceBuffer buffer = new KSpaceBuffer(recon, ny, 1, 1, 1, 1);
        for (Acquisition a : Phantoms.readouts(new float[][] {k}, nx, ny, 0)) {
            Acquisition cropped = step.apply(a);
            assertThat(cropped.header().numberOfSamples()).isEqualTo(recon);
            assertThat(cropped.header().centerSample()).isEqualTo(recon / 2);
            buffer.add(cropped);
        }
        float[] ours = CartesianRecon2D.reconstructSlice(buffer, 0, 0);
        float[] expected = new float[recon * ny];
        for (int y = 0; y < ny; y++) {
            for (int x = 0; x < recon; x++) {
                int src = 2 * (y * nx + x + (nx - recon) / 2);
                expected[y * recon + x] = (float) Math.hypot(img[src], img[src + 1]);
            }
        }
        assertThat(ImageMetrics.nrmse(expected, ours)).isLessThan(1e-5);
    }

    @Test
    void prewhiteningGivesIdentityNoiseCovariance() {
        int channels = 4;
        int samples = 4096;
        Random rnd = new Random(7);
        // Correlated noise: n = M z with a fixed mixing matrix and unequal gains.
        double[][] mix = {{1, 0, 0, 0}, {0.5, 2, 0, 0}, {0.2, -0.3, 0.7, 0}, {0.1, 0.4, 0.2, 3}};
        List<Acquisition> noise = new ArrayList<>();
        for (int line = 0; line < 4; line++) {
            noise.add(correlatedNoise(mix, samples, rnd, true));
        }
        NoisePrewhitener w = NoisePrewhitener.fromNoise(noise);
        Acquisition test = w.apply(correlatedNoise(mix, samples, rnd, false));
        for (int i = 0; i < channels; i++) {
            for (int j = 0; j < channels; j++) {
                double re = 0;
                double im = 0;
                for (int s = 0; s < samples; s++) {
                    re += test.re(i, s) * test.re(j, s) + test.im(i, s) * test.im(j, s);
                    im += test.im(i, s) * test.re(j, s) - test.re(i, s) * test.im(j, s);
                }
                double expected = i == j ? 1 : 0;
                assertThat(Math.hypot(re / samples - expected, im / samples)).as("cov[%d][%d]", i, j)
                        .isLessThan(0.08);
            }
        }
    }

    private static Acquisition correlatedNoise(double[][] mix, int samples, Random rnd, boolean flagAsNoise) {
        int ch = mix.length;
        float[] data = new float[2 * ch * samples];
        for (int s = 0; s < samples; s++) {
            double[] zr = new double[ch];
            double[] zi = new double[ch];
            for (int c = 0; c < ch; c++) {
                zr[c] = rnd.nextGaussian() / Math.sqrt(2);
                zi[c] = rnd.nextGaussian() / Math.sqrt(2);
            }
            for (int c = 0; c < ch; c++) {
                double re = 0;
                double im = 0;
                for (int k = 0; k < ch; k++) {
                    re += mix[c][k] * zr[k];
                    im += mix[c][k] * zi[k];
                }
                data[2 * (c * samples + s)] = (float) re;
                data[2 * (c * samples + s) + 1] = (float) im;
            }
        }
        AcquisitionHeader.Builder b = AcquisitionHeader.builder().numberOfSamples(samples).channels(ch)
                .idx(EncodingCounters.ZERO);
        if (flagAsNoise) {
            b.setFlag(AcquisitionFlag.IS_NOISE_MEASUREMENT);
        }
        return new Acquisition(b.build(), null, data);
    }
}
