package org.lodestone.recon.cartesian;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.lodestone.recon.image.ImageMetrics;
import org.lodestone.recon.image.ImageVolume;
import org.lodestone.recon.mrd.Acquisition;
import org.lodestone.recon.mrd.AcquisitionFlag;
import org.lodestone.recon.mrd.EncodingCounters;
import org.lodestone.recon.mrd.EncodingSpec;

class CartesianRecon2DTest {

    // Non-square on purpose, so swapped axes would fail.
    static final int NX = 64;
    static final int NY = 48;

    @Test
    void constantKSpaceGivesAPointAtTheImageCentre() {
        float[] k = new float[2 * NX * NY];
        for (int i = 0; i < k.length; i += 2) {
            k[i] = 1;
        }
        float[] img = CenteredFft.ifft2c(k, NX, NY);
        int centre = (NY / 2) * NX + NX / 2;
        assertThat(img[2 * centre]).isCloseTo(1f, within(1e-5f));
        assertThat(img[2 * centre + 2]).isCloseTo(0f, within(1e-5f));
    }

    @Test
    void centredFftRoundTripsForOddSizes() {
        float[] img = Phantoms.toComplex(Phantoms.discAndSquare(15, 9));
        float[] back = CenteredFft.ifft2c(CenteredFft.fft2c(img, 15, 9), 15, 9);
        for (int i = 0; i < img.length; i++) {
            assertThat(back[i]).isCloseTo(img[i], within(1e-5f));
        }
    }

    @Test
    void linesInRandomOrderReconstructTheObject() {
        float[] object = Phantoms.discAndSquare(NX, NY);
        float[] k = CenteredFft.fft2c(Phantoms.toComplex(object), NX, NY);
        List<Acquisition> lines = new ArrayList<>(Phantoms.readouts(new float[][] {k}, NX, NY, 0));
        Collections.shuffle(lines, new Random(3));

        KSpaceBuffer buffer = KSpaceBuffer.forSpec(EncodingSpec.cartesian2D(NX, NY, 200, 150, 5, 1, 2e6, 0.05));
        assertThat(buffer.missingLines(0, 0)).hasSize(NY);
        for (Acquisition a : lines) {
            assertThat(buffer.add(a)).isTrue();
        }
        assertThat(buffer.allLinesPresent()).isTrue();
        assertThat(buffer.receivedReadouts()).isEqualTo(buffer.expectedReadouts());

        float[] image = CartesianRecon2D.reconstructSlice(buffer, 0, 0);
        assertThat(ImageMetrics.pearson(image, object)).isGreaterThan(0.999);
        assertThat(ImageMetrics.nrmse(object, image)).isLessThan(1e-4);
    }

    @Test
    void twoCoilsWithSmoothSensitivitiesCombineToTheObject() {
        float[] object = Phantoms.discAndSquare(NX, NY);
        float[][] sens = {new float[2 * NX * NY], new float[2 * NX * NY]};
        float[] expectedRss = new float[NX * NY];
        for (int y = 0; y < NY; y++) {
            for (int x = 0; x < NX; x++) {
                int p = y * NX + x;
                // Coil 0 strongest on the left, coil 1 on the right, each with a slow phase ramp.
                double m0 = Math.exp(-Math.pow(x / (double) NX, 2) * 1.5);
                double m1 = Math.exp(-Math.pow((NX - x) / (double) NX, 2) * 1.5);
                double ph0 = 0.8 * y / NY;
                double ph1 = -1.1 * x / NX + 0.3;
                sens[0][2 * p] = (float) (m0 * Math.cos(ph0));
                sens[0][2 * p + 1] = (float) (m0 * Math.sin(ph0));
                sens[1][2 * p] = (float) (m1 * Math.cos(ph1));
                sens[1][2 * p + 1] = (float) (m1 * Math.sin(ph1));
                expectedRss[p] = (float) (object[p] * Math.sqrt(m0 * m0 + m1 * m1));
            }
        }
        float[][] kspace = new float[2][];
        for (int c = 0; c < 2; c++) {
            float[] coilImage = new float[2 * NX * NY];
            for (int p = 0; p < NX * NY; p++) {
                coilImage[2 * p] = object[p] * sens[c][2 * p];
                coilImage[2 * p + 1] = object[p] * sens[c][2 * p + 1];
            }
            kspace[c] = CenteredFft.fft2c(coilImage, NX, NY);
        }
        KSpaceBuffer buffer = new KSpaceBuffer(NX, NY, 1, 1, 2, 1);
        List<Acquisition> lines = new ArrayList<>(Phantoms.readouts(kspace, NX, NY, 0));
        Collections.shuffle(lines, new Random(11));
        lines.forEach(buffer::add);

        float[] rss = CartesianRecon2D.reconstructSlice(buffer, 0, 0);
        assertThat(ImageMetrics.pearson(rss, expectedRss)).isGreaterThan(0.999);
        assertThat(ImageMetrics.pearson(rss, object)).isGreaterThan(0.95);
    }

    @Test
    void repeatedLinesAreAveragedAndMissingLinesAreZero() {
        KSpaceBuffer buffer = new KSpaceBuffer(4, 4, 1, 1, 1, 2);
        float[] line = {1, 0, 2, 0, 3, 0, 4, 0};
        float[] doubled = {3, 0, 6, 0, 9, 0, 12, 0};
        buffer.add(lineAt(1, 0, line));
        buffer.add(lineAt(1, 1, doubled));
        float[] k = buffer.kspace(0, 0, 0);
        assertThat(k[2 * 4]).isEqualTo(2f);       // (1 + 3) / 2
        assertThat(k[2 * 4 + 6]).isEqualTo(8f);   // (4 + 12) / 2
        assertThat(k[0]).isZero();
        assertThat(buffer.missingLines(0, 0)).containsExactly(0, 2, 3);
        assertThat(buffer.receivedReadouts()).isEqualTo(2);
        assertThat(buffer.expectedReadouts()).isEqualTo(8);
    }

    @Test
    void noiseReadoutsAreIgnoredAndBadCountersExplained() {
        KSpaceBuffer buffer = new KSpaceBuffer(4, 4, 1, 1, 1, 1);
        Acquisition noise = new Acquisition(lineAt(0, 0, new float[8]).header().toBuilder()
                .setFlag(AcquisitionFlag.IS_NOISE_MEASUREMENT).build(), null, new float[8]);
        assertThat(buffer.add(noise)).isFalse();
        assertThat(buffer.receivedReadouts()).isZero();
        assertThatThrownBy(() -> buffer.add(lineAt(9, 0, new float[8])))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("kspace_encode_step_1 = 9 is outside 0..3");
    }

    @Test
    void multiSliceVolumeCarriesGeometryFromTheReadouts() {
        float[] object = Phantoms.discAndSquare(NX, NY);
        float[] k = CenteredFft.fft2c(Phantoms.toComplex(object), NX, NY);
        EncodingSpec spec = new EncodingSpec(NX, NY, 1, 200, 150, 5, NY - 1, 0, 1, 0, 0, 1, 2e6, 0.05, "", "");
        KSpaceBuffer buffer = KSpaceBuffer.forSpec(spec);
        for (int slice = 0; slice < 2; slice++) {
            for (Acquisition a : Phantoms.readouts(new float[][] {k}, NX, NY, slice)) {
                buffer.add(new Acquisition(a.header().toBuilder().position(10, -20, 30 + 7 * slice)
                        .sliceDir(0, 0, 1).build(), null, a.data()));
            }
        }
        ImageVolume v = CartesianRecon2D.reconstruct(buffer, 0, spec);
        assertThat(v.nz()).isEqualTo(2);
        assertThat(v.dxMm()).isCloseTo(200.0 / NX, within(1e-9));
        assertThat(v.dyMm()).isCloseTo(150.0 / NY, within(1e-9));
        assertThat(v.dzMm()).isCloseTo(7.0, within(1e-6)); // spacing from positions, not the 5 mm thickness
        assertThat(v.positionLps()).containsExactly(10, -20, 30);
        assertThat(ImageMetrics.pearson(v.slice(1), object)).isGreaterThan(0.999);
    }

    /**
     * Issue #16: the unit's signal is s(k) = ∫ m(r) e^{+i2πk·r}. A point put at a read and phase offset on an oblique
     * slice comes out of the volume's own geometry at that patient point (the centred FFT mirrors it in pixels; the
     * volume states the mirrored directions). Two slices stacked against the headers' normal: the stack axis follows them.
     */
    @Test
    void aPointSitsWhereItWasInPatientCoordinates() {
        double[] read = {0.8, 0.6, 0}, phase = {0, 0, 1}, normal = {0.6, -0.8, 0};
        int a = 5, b = -7; // pixels along read and phase
        EncodingSpec spec = new EncodingSpec(NX, NY, 1, 192, 144, 5, NY - 1, 0, 1, 0, 0, 1, 2e6, 0.05, "", "");
        KSpaceBuffer buffer = KSpaceBuffer.forSpec(spec);
        for (int slice = 0; slice < 2; slice++) {
            for (int ky = 0; ky < NY; ky++) {
                float[] d = new float[2 * NX];
                for (int kx = 0; kx < NX; kx++) {
                    double ph = 2 * Math.PI * ((kx - NX / 2) * a / (double) NX + (ky - NY / 2) * b / (double) NY);
                    d[2 * kx] = (float) Math.cos(ph);
                    d[2 * kx + 1] = (float) Math.sin(ph);
                }
                double z = -6 * slice; // slice 1 lies 6 mm against the normal
                buffer.add(new Acquisition(org.lodestone.recon.mrd.AcquisitionHeader.builder().numberOfSamples(NX).channels(1)
                        .centerSample(NX / 2).idx(EncodingCounters.of(ky, slice))
                        .position((float) (10 + z * normal[0]), (float) (-20 + z * normal[1]), (float) (30 + z * normal[2]))
                        .readDir((float) read[0], (float) read[1], (float) read[2])
                        .phaseDir((float) phase[0], (float) phase[1], (float) phase[2])
                        .sliceDir((float) normal[0], (float) normal[1], (float) normal[2]).build(), null, d));
            }
        }
        ImageVolume v = CartesianRecon2D.reconstruct(buffer, 0, spec);
        for (int z = 0; z < 2; z++) {
            int best = 0;
            float[] img = v.slice(z);
            for (int i = 1; i < img.length; i++) if (img[i] > img[best]) best = i;
            int x = best % NX, y = best / NX;
            double dx = 192.0 / NX, dy = 144.0 / NY;
            for (int ax = 0; ax < 3; ax++) {
                double world = v.positionLps()[ax] + (x - NX / 2) * dx * v.readDir()[ax] + (y - NY / 2) * dy * v.phaseDir()[ax]
                        + z * v.dzMm() * v.sliceDir()[ax];
                double truth = new double[] {10, -20, 30}[ax] - 6 * z * normal[ax] + a * dx * read[ax] + b * dy * phase[ax];
                assertThat(world).as("slice %d axis %d (mm)", z, ax).isCloseTo(truth, within(1e-4));
            }
        }
        assertThat(v.sliceDir()[0]).isCloseTo(-normal[0], within(1e-6));
    }

    @Test
    void snrOfAMagnitudeImageWithKnownNoise() {
        int n = 128;
        double sigma = 5;
        double signal = 100;
        Random rnd = new Random(5);
        float[] img = new float[n * n];
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                boolean inside = Math.hypot(x - n / 2.0, y - n / 2.0) < n * 0.3;
                double re = (inside ? signal : 0) + sigma * rnd.nextGaussian();
                double im = sigma * rnd.nextGaussian();
                img[y * n + x] = (float) Math.hypot(re, im);
            }
        }
        NoiseEstimate.Snr snr = NoiseEstimate.estimate(img, n, n);
        assertThat(snr.noiseSigma()).isCloseTo(sigma, within(sigma * 0.15));
        assertThat(snr.signalMean()).isCloseTo(signal, within(signal * 0.05));
        assertThat(snr.snr()).isCloseTo(signal / sigma, within(signal / sigma * 0.2));
    }

    private static Acquisition lineAt(int ky, int average, float[] data) {
        var h = org.lodestone.recon.mrd.AcquisitionHeader.builder().numberOfSamples(data.length / 2)
                .idx(EncodingCounters.of(ky, 0).withAverage(average)).build();
        return new Acquisition(h, null, data);
    }
}
