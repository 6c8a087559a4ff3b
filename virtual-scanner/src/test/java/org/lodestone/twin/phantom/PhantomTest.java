package org.lodestone.twin.phantom;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class PhantomTest {
    @Test
    void headHasSixTissuesAndItsCentralPlaneIsTheTwoDimensionalHead() {
        EllipsoidPhantom head = EllipsoidPhantom.head();
        assertThat(head.tissues()).hasSizeGreaterThanOrEqualTo(5);
        EllipsePhantom flat = EllipsePhantom.head();
        for (double x = -0.08; x <= 0.08; x += 0.004) {
            for (double y = -0.09; y <= 0.09; y += 0.004) assertThat(head.tissueAt(x, y, 0)).isEqualTo(flat.tissueAt(x, y));
        }
        assertThat(head.tissueAt(0, 0, 0.074)).isNotNull();
        assertThat(head.tissueAt(0, 0, 0.08)).isNull();
    }

    @Test
    void geometryPhantomHasRodsAtTheStatedSpacing() {
        GeometryPhantom g = new GeometryPhantom();
        double p = GeometryPhantom.GRID_PITCH_MM * 1e-3;
        assertThat(g.tissueAt(0, 0, 0)).isNull(); // rod at the centre
        assertThat(g.tissueAt(p, 0, 0)).isNull();
        assertThat(g.tissueAt(p / 2, 0, 0)).isEqualTo(Tissue.DOPED_WATER);
        assertThat(g.tissueAt(0, 2 * p, 0.05)).isNull();
        assertThat(g.rods().stream().filter(r -> Math.abs(r.y() + 0.075) < 1e-9).count()).isEqualTo(12);
    }

    @Test
    void placedPhantomIsMovedAndTurned() {
        GeometryPhantom g = new GeometryPhantom();
        PlacedPhantom moved = new PlacedPhantom(g, new double[] {0.01, 0, 0}, new double[] {0, 0, 0});
        assertThat(moved.tissueAt(0.01, 0, 0)).isNull();
        assertThat(moved.tissueAt(0, 0, 0)).isEqualTo(Tissue.DOPED_WATER);
        // 90° about x: the cylinder axis (z) lies along y, so (0, 0.07, 0) is inside and (0, 0, 0.08) too
        PlacedPhantom turned = new PlacedPhantom(g, new double[3], new double[] {90, 0, 0});
        assertThat(turned.tissueAt(0.0075, 0.055, 0)).isEqualTo(Tissue.DOPED_WATER);
        assertThat(turned.tissueAt(0.0075, 0.065, 0)).isNull();
        assertThat(turned.tissueAt(0.0075, 0, 0.085)).isEqualTo(Tissue.DOPED_WATER);
    }

    @Test
    void relaxationTimesFollowTheField() {
        Tissue wm = Tissue.WHITE_MATTER.atField(0.064);
        assertThat(wm.t1S()).isCloseTo(0.44 * Math.pow(0.064 / 0.35, 0.35), within(1e-12));
        assertThat(wm.t2S()).isEqualTo(Tissue.WHITE_MATTER.t2S());
        assertThat(wm.t2PrimeS()).isCloseTo(Tissue.WHITE_MATTER.t2PrimeS() * 0.35 / 0.064, within(1e-9));
        assertThat(Tissue.CSF.atField(0.1).t1S()).isEqualTo(Tissue.CSF.t1S());
    }
}
