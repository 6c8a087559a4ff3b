package org.lodestone.recon.grappa;

import java.util.Arrays;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lodestone.recon.cartesian.CartesianRecon2D;
import org.lodestone.recon.cartesian.CenteredFft;
import org.lodestone.recon.cs.CsPhantom;
import org.lodestone.recon.cs.UndersampledRecon2D;
import org.lodestone.recon.image.ImageMetrics;
import org.lodestone.seq.sampling.VariableDensityLines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * GRAPPA on a synthetic four-coil phantom (smooth complex coil profiles, a little noise), its lines removed with
 * the protocols' own variable-density draw (24 calibration lines, the seed the protocols use).
 */
class Grappa2DTest {
    private static final int N = 128;
    private static final int CALIBRATION = 24;
    private static final CsPhantom PHANTOM = CsPhantom.create(N, N, 4, 1, N, 0.002, 3);
    /** The same object and coils without noise: what the filled lines are scored against. */
    private static final CsPhantom NOISELESS = CsPhantom.create(N, N, 4, 1, N, 0, 3);

    @ParameterizedTest
    @ValueSource(ints = {2, 3})
    void fillsTheMissingLinesFarCloserToTheFullKspaceThanZeros(int acceleration) {
        boolean[] sampled = lines(0, acceleration);
        float[][] k = PHANTOM.withLines(sampled);
        float[][] filled = Grappa2D.fill(k, sampled, N, N, UndersampledRecon2D.calibrationLines(sampled), 2);
        float[][] fromNoiseless = Grappa2D.fill(NOISELESS.withLines(sampled), sampled, N, N, UndersampledRecon2D.calibrationLines(sampled), 2);
        double zero = missingLinesNrmse(sampled, k), grappa = missingLinesNrmse(sampled, filled), noiseless = missingLinesNrmse(sampled, fromNoiseless);
        System.out.printf(Locale.ROOT, "%d×, %d kernels: NRMSE of the missing lines against the noiseless k-space: zero-filled %.4f, "
                + "GRAPPA %.4f (%.4f from noiseless lines)%n", acceleration, Grappa2D.linesByPattern(sampled, CALIBRATION, Grappa2D.Shape.MEASURED).size(), zero, grappa, noiseless);
        // the sparse edge of a variable-density mask has gaps wider than four coils can bridge: those lines stay near zero
        assertThat(grappa).isLessThan(0.7 * zero);
        assertThat(noiseless).isLessThan(0.7 * zero);
        for (int c = 0; c < k.length; c++) {
            for (int y = 0; y < N; y++) {
                float[] in = Arrays.copyOfRange(k[c], 2 * y * N, 2 * (y + 1) * N), out = Arrays.copyOfRange(filled[c], 2 * y * N, 2 * (y + 1) * N);
                // Arrays.equals on floats compares bit patterns
                if (sampled[y]) assertThat(Arrays.equals(in, out)).as("acquired line %d of coil %d kept as measured", y, c).isTrue();
            }
        }
        assertThat(k[0][2 * (N / 2 * N + N / 2)]).as("the input is not modified").isEqualTo(PHANTOM.fullKspace()[0][2 * (N / 2 * N + N / 2)]);
    }

    @Test
    void theCombinedImageBeatsZeroFillingOnTheScaleOfTheOtherMethods() {
        boolean[] sampled = lines(0, 3);
        float[][] k = PHANTOM.withLines(sampled);
        float[] full = CartesianRecon2D.rootSumOfSquares(images(NOISELESS.fullKspace()));
        float[] zeroFilled = CartesianRecon2D.rootSumOfSquares(images(k));
        float[] grappa = UndersampledRecon2D.reconstruct(k, sampled, N, N, UndersampledRecon2D.Settings.of(UndersampledRecon2D.Method.GRAPPA), 2);
        float[] sense = UndersampledRecon2D.reconstruct(k, sampled, N, N, UndersampledRecon2D.Settings.of(UndersampledRecon2D.Method.SENSE), 2);
        double eZero = ImageMetrics.nrmse(full, zeroFilled), eGrappa = ImageMetrics.nrmse(full, grappa), eSense = ImageMetrics.nrmse(full, sense);
        System.out.printf(Locale.ROOT, "3× image NRMSE against the noiseless full RSS: zero-filled %.4f, SENSE %.4f, GRAPPA %.4f%n", eZero, eSense, eGrappa);
        assertThat(eGrappa).isLessThan(0.6 * eZero).isLessThan(1.2 * eSense);
        assertThat(ImageMetrics.leastSquaresScale(sense, grappa)).as("least-squares scale of the GRAPPA image onto the SENSE image").isCloseTo(1, within(0.1));
    }

    @Test
    void oneCoilIsRefusedByGrappaAndReconstructedWithSense() {
        CsPhantom one = CsPhantom.create(N, N, 1, 1, N, 0.002, 4);
        boolean[] sampled = lines(0, 2);
        float[][] k = one.withLines(sampled);
        assertThatThrownBy(() -> Grappa2D.fill(k, sampled, N, N, CALIBRATION, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least two coils");
        float[] asGrappa = UndersampledRecon2D.reconstruct(k, sampled, N, N, UndersampledRecon2D.Settings.of(UndersampledRecon2D.Method.GRAPPA), 1);
        float[] sense = UndersampledRecon2D.reconstruct(k, sampled, N, N, UndersampledRecon2D.Settings.of(UndersampledRecon2D.Method.SENSE), 1);
        assertThat(asGrappa).isEqualTo(sense);
    }

    @Test
    void partialFourierLinesStayZeroAndTooFewCentreLinesGiveNoImage() {
        int first = 40;
        boolean[] sampled = lines(first, 2);
        float[][] filled = Grappa2D.fill(PHANTOM.withLines(sampled), sampled, N, N, UndersampledRecon2D.calibrationLines(sampled), 1);
        for (float[] coil : filled) {
            for (int i = 0; i < 2 * first * N; i++) assertThat(coil[i]).as("never acquired, not extrapolated").isZero();
        }
        int lastMissing = -1;
        for (int y = first; y < N; y++) if (!sampled[y] && y < N - 1 && sampled[y + 1]) lastMissing = y;
        assertThat(lastMissing).isPositive();
        assertThat(Math.abs(filled[0][2 * (lastMissing * N + N / 2)])).as("a missing line inside the acquired range is filled").isPositive();

        boolean[] sparse = new boolean[N];
        for (int y = 0; y < N; y += 2) sparse[y] = true;
        assertThat(UndersampledRecon2D.reconstruct(PHANTOM.withLines(sparse), sparse, N, N,
                UndersampledRecon2D.Settings.of(UndersampledRecon2D.Method.GRAPPA), 1)).isNull();
    }

    /** The lines an accelerated scan of this size acquires: VariableDensityLines as the protocols draw them. */
    private static boolean[] lines(int firstLine, int acceleration) {
        int count = (int) Math.round((double) (N - firstLine) / acceleration);
        return VariableDensityLines.draw(N, firstLine, count, CALIBRATION, 5).sampled();
    }

    private static float[][] images(float[][] k) {
        float[][] out = new float[k.length][];
        for (int c = 0; c < k.length; c++) out[c] = CenteredFft.ifft2c(k[c], N, N);
        return out;
    }

    /** NRMSE over the lines the mask left out, against the noiseless k-space (zero-filled: exactly 1). */
    private static double missingLinesNrmse(boolean[] sampled, float[][] test) {
        double err = 0, ref = 0;
        for (int c = 0; c < test.length; c++) {
            for (int y = 0; y < N; y++) {
                for (int i = 2 * y * N; i < 2 * (y + 1) * N && !sampled[y]; i++) {
                    double r = NOISELESS.fullKspace()[c][i], d = test[c][i] - r;
                    err += d * d;
                    ref += r * r;
                }
            }
        }
        return Math.sqrt(err / ref);
    }
}
