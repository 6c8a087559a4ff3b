package org.lodestone.twin.physics;

import org.junit.jupiter.api.Test;
import org.lodestone.twin.phantom.EllipsoidPhantom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The receive coils as a parameter: their count, the first pair kept, and the noise correlation the data show. */
class CoilArrayTest {
    @Test
    void twoCoilsAreTheFirstTwinsPairAndMoreKeepEveryOtherHiddenParameter() {
        HiddenParameters two = HiddenParameters.fromSeed(5), eight = two.withReceiveCoils(8);
        assertThat(eight.receiveCoils()).isEqualTo(8);
        assertThat(eight.coilPhasesRad()[0]).isEqualTo(two.coilPhasesRad()[0]);
        assertThat(eight.coilPhasesRad()[1]).isEqualTo(two.coilPhasesRad()[1]);
        assertThat(eight.trueLarmorHz()).isEqualTo(two.trueLarmorHz());
        CoilArray pair = new CoilArray(two.coilPhasesRad());
        // coil 0 at x = −110 mm: strongest there, weakest on the far side
        double near = Math.hypot(pair.sensitivity(0, -0.09, 0, 0)[0], pair.sensitivity(0, -0.09, 0, 0)[1]);
        double far = Math.hypot(pair.sensitivity(0, 0.09, 0, 0)[0], pair.sensitivity(0, 0.09, 0, 0)[1]);
        assertThat(near).isGreaterThan(3 * far);
        assertThatThrownBy(() -> two.withReceiveCoils(33)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> two.withReceiveCoils(0)).isInstanceOf(IllegalArgumentException.class);
        new CoilArray(HiddenParameters.fromSeed(5).withReceiveCoils(32).coilPhasesRad()); // positive definite at 32
    }

    @Test
    void neighbouringCoilsShareNoiseAndOppositeOnesHardly() {
        HiddenParameters hp = HiddenParameters.fromSeed(2).withReceiveCoils(8);
        try (ScannerModel model = new ScannerModel(hp, EllipsoidPhantom.head(), ScannerModel.DEFAULT_NOISE_STD, 1)) {
            double[][] expected = model.coils().noiseCorrelation();
            int ns = 4096, channels = 8;
            double[] sum01 = new double[3];
            double[] sum04 = new double[3];
            for (int line = 0; line < 8; line++) {
                float[] data = new float[2 * channels * ns];
                new NoiseAndInterference(model, 0).addNoiseAndDigitise(data, channels, 10e-6, 100.0, line);
                accumulate(data, 2 * ns, 0, 1, sum01);
                accumulate(data, 2 * ns, 0, 4, sum04);
            }
            double r01 = sum01[0] / Math.sqrt(sum01[1] * sum01[2]), r04 = sum04[0] / Math.sqrt(sum04[1] * sum04[2]);
            System.out.printf("8 coils: noise correlation neighbours %.3f (model %.3f), opposite %.3f (model %.3f)%n",
                    r01, expected[0][1], r04, expected[0][4]);
            assertThat(expected[0][1]).isBetween(0.1, 0.3);
            assertThat(r01).isCloseTo(expected[0][1], within(0.03));
            assertThat(r04).isCloseTo(expected[0][4], within(0.03));
        }
    }

    private static void accumulate(float[] data, int perChannel, int a, int b, double[] s) {
        for (int j = 0; j < perChannel; j++) {
            double x = data[a * perChannel + j], y = data[b * perChannel + j];
            s[0] += x * y;
            s[1] += x * x;
            s[2] += y * y;
        }
    }
}
