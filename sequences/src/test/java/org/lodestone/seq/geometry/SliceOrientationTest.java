package org.lodestone.seq.geometry;

import org.junit.jupiter.api.Test;
import org.lodestone.seq.model.Block;
import org.lodestone.seq.model.Trap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class SliceOrientationTest {
    @Test
    void obliqueAxesAreOrthonormalAndRightHanded() {
        SliceOrientation o = SliceOrientation.oblique(0, 20, -15);
        double[] r = o.read(), p = o.phase(), s = o.slice();
        assertThat(dot(r, r)).isCloseTo(1, within(1e-12));
        assertThat(dot(p, p)).isCloseTo(1, within(1e-12));
        assertThat(dot(s, s)).isCloseTo(1, within(1e-12));
        assertThat(dot(r, p)).isCloseTo(0, within(1e-12));
        assertThat(dot(r, s)).isCloseTo(0, within(1e-12));
        assertThat(dot(p, s)).isCloseTo(0, within(1e-12));
        double[] c = {r[1] * p[2] - r[2] * p[1], r[2] * p[0] - r[0] * p[2], r[0] * p[1] - r[1] * p[0]};
        assertThat(dot(c, s)).isCloseTo(1, within(1e-12));
        // 20° about read: the slice normal leans from S toward P by 20°.
        SliceOrientation tilt = SliceOrientation.oblique(0, 20, 0);
        assertThat(tilt.slice()[2]).isCloseTo(Math.cos(Math.toRadians(20)), within(1e-12));
        assertThat(tilt.slice()[1]).isCloseTo(-Math.sin(Math.toRadians(20)), within(1e-12));
        assertThat(SliceOrientation.oblique(2, 0, 0)).isEqualTo(SliceOrientation.SAGITTAL);
    }

    @Test
    void rotatingABlockRotatesItsGradientMomentsAndKeepsTrapezoids() {
        Trap shape = new Trap(0, 1e-4, 5e-4, 1e-4, 1000);
        Block logical = new Block(1e-3, null, shape, shape.scaled(-0.5), shape.scaled(0.25), null);
        SliceOrientation o = SliceOrientation.oblique(1, 30, 10);
        Block phys = o.rotate(logical);
        double[] expected = o.toPhysical(shape.area(), -0.5 * shape.area(), 0.25 * shape.area());
        for (int axis = 0; axis < 3; axis++) {
            assertThat(phys.gradient(axis)).isInstanceOf(Trap.class);
            assertThat(phys.gradient(axis).area()).isCloseTo(expected[axis], within(1e-9));
        }
        Block mixed = new Block(1e-3, null, shape, new Trap(0, 2e-4, 1e-4, 2e-4, 10), null, null);
        assertThatThrownBy(() -> o.rotate(mixed)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("different timings");
    }

    private static double dot(double[] a, double[] b) {
        return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    }
}
