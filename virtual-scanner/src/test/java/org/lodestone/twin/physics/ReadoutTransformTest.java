package org.lodestone.twin.physics;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The binned Taylor transform against the direct sum Σ b·e^{i2πνj}, including frequencies outside ±½ (aliasing),
 * also for a segment much shorter than the grid with the fewer terms it is given ({@code termsFor}).
 */
class ReadoutTransformTest {
    @Test
    void equalsTheDirectSumToTenDigits() {
        int[][] gridAndSegment = {{1, 1}, {2, 2}, {37, 37}, {128, 128}, {256, 256}, {256, 37}, {128, 9}};
        for (int[] gs : gridAndSegment) {
            int samples = gs[1];
            ReadoutTransform rt = new ReadoutTransform(1, 1, gs[0]);
            int terms = rt.termsFor(samples);
            if (gs[0] == samples && samples > 2) assertThat(terms).as("a segment of the grid's size").isGreaterThanOrEqualTo(9);
            if (gs[0] > 4 * samples) assertThat(terms).as("a short segment on a large grid").isLessThan(ReadoutTransform.TERMS);
            double worst = worstRelativeError(rt, samples, terms);
            assertThat(worst).as("relative error, %d samples on a grid for %d, %d terms", samples, gs[0], terms).isLessThan(1e-10);
            for (double v : rt.grid[0][0]) assertThat(v).as("grids cleared").isZero();
        }
    }

    /** The 3D gradient echo's bound (issue #18): gre3d's segments of 61 and 35 samples with fewer terms, within 1e-6. */
    @Test
    void theVoxelModelsBoundKeepsSixDigitsWithFewerTerms() {
        int[][] gridAndSegment = {{61, 61, 7}, {35, 35, 6}, {128, 128, 7}, {256, 37, 4}};
        for (int[] gs : gridAndSegment) {
            ReadoutTransform rt = new ReadoutTransform(1, 1, gs[0], ReadoutTransform.VOXEL_MODEL_TRUNCATION);
            int terms = rt.termsFor(gs[1]);
            assertThat(terms).as("terms for %d samples", gs[1]).isEqualTo(gs[2]);
            assertThat(terms).isLessThan(new ReadoutTransform(1, 1, gs[0]).termsFor(gs[1]));
            double worst = worstRelativeError(rt, gs[1], terms);
            System.out.printf("voxel model: %d samples on a grid for %d, %d terms, relative error %.2e%n", gs[1], gs[0], terms, worst);
            assertThat(worst).as("relative error, %d samples, %d terms", gs[1], terms).isLessThan(ReadoutTransform.VOXEL_MODEL_TRUNCATION);
        }
    }

    /** Worst |transform − direct sum| over the samples, relative to Σ|b|, for 500 seeded isochromats. */
    private static double worstRelativeError(ReadoutTransform rt, int samples, int terms) {
        SplittableRandom rng = new SplittableRandom(samples);
        int count = 500;
        double[] nu = new double[count], br = new double[count], bi = new double[count];
        double scale = 0;
        double[] rem = new double[1];
        for (int i = 0; i < count; i++) {
            nu[i] = rng.nextDouble(-1.3, 1.3);
            br[i] = rng.nextGaussian();
            bi[i] = rng.nextGaussian();
            scale += Math.hypot(br[i], bi[i]);
            int bin = rt.bin(nu[i], rem);
            double h = (samples - 1) / 2.0;
            double phase = 2 * Math.PI * rem[0] * h;
            double c = Math.cos(phase), s = Math.sin(phase);
            ReadoutTransform.spread(rt.grid[0][0], bin, br[i] * c - bi[i] * s, br[i] * s + bi[i] * c,
                    2 * Math.PI * rem[0] * h, 0, 0, 0, 0, terms);
        }
        double[] out = new double[2 * samples];
        rt.evaluate(rt.grid[0][0], 0, 0, samples, terms, out);
        double worst = 0;
        for (int j = 0; j < samples; j++) {
            double sr = 0, si = 0;
            for (int i = 0; i < count; i++) {
                double p = 2 * Math.PI * nu[i] * j;
                sr += br[i] * Math.cos(p) - bi[i] * Math.sin(p);
                si += br[i] * Math.sin(p) + bi[i] * Math.cos(p);
            }
            worst = Math.max(worst, Math.hypot(out[2 * j] - sr, out[2 * j + 1] - si));
        }
        return worst / scale;
    }
}
