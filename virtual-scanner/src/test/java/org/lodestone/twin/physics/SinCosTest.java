package org.lodestone.twin.physics;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** The kernels' cos/sin of 2π·u agrees with Math.cos/sin of the same angle reduced to one turn, in every quadrant. */
class SinCosTest {
    @Test
    void matchesMathCosAndSinOverManyTurnsAndEveryQuadrant() {
        SplittableRandom rnd = new SplittableRandom(7);
        int n = 200_000;
        double[] u = new double[n], cos = new double[n], sin = new double[n];
        for (int j = 0; j < n; j++) {
            // phases up to 10^4 turns, plus the quadrant boundaries and their neighbours
            u[j] = j < 64 ? (j / 8 - 4) * 0.25 + (j % 8 - 4) * 1e-17 * (1 + j) : (rnd.nextDouble() - 0.5) * Math.pow(10, rnd.nextInt(5));
        }
        SinCos.of(u, n, 1, cos, sin);
        double worst = 0;
        for (int j = 0; j < n; j++) {
            double a = 2 * Math.PI * (u[j] - Math.rint(u[j])); // Math's reference on the same reduced angle
            worst = Math.max(worst, Math.max(Math.abs(cos[j] - Math.cos(a)), Math.abs(sin[j] - Math.sin(a))));
        }
        assertThat(worst).isLessThan(1e-15);
        SinCos.of(new double[] {0.125, -0.375}, 2, 2, cos, sin); // scaled: 2·e^{iπ/4}, 2·e^{−i3π/4}
        assertThat(cos[0]).isCloseTo(Math.sqrt(2), org.assertj.core.api.Assertions.within(1e-15));
        assertThat(sin[1]).isCloseTo(-Math.sqrt(2), org.assertj.core.api.Assertions.within(1e-15));
        assertThat(cos[1]).isCloseTo(-Math.sqrt(2), org.assertj.core.api.Assertions.within(1e-15));
    }
}
