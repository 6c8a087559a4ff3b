package org.lodestone.twin.physics;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The voxel box's transform (issue #18): what a gradient moment leaves coherent of a uniform voxel. */
class VoxelDephasingTest {
    private static final double[][] UNIT_EDGES = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
    private static final double[] SIZE = {0.0025, 0.002, 0.005};

    @Test
    void aWholeCycleAcrossAnEdgeLeavesNothingCoherentAtThePulseAndTheMomentStartsAgain() {
        VoxelDephasing d = new VoxelDephasing(UNIT_EDGES, SIZE);
        d.add(0.4 / SIZE[0], 0, 0);
        d.add(0.6 / SIZE[0], 0, 0); // the areas of two free precessions add: one cycle across x
        assertThat(d.atPulse()).isCloseTo(0, within(1e-12));
        assertThat(d.atPulse()).as("nothing since the last pulse").isEqualTo(1);
        d.add(0, 0, 4 / SIZE[2]); // a spoiler of 4 cycles across the partition
        assertThat(d.atPulse()).isCloseTo(0, within(1e-12));
        d.add(0.5 / SIZE[0], 0.5 / SIZE[1], 0);
        assertThat(d.atPulse()).isCloseTo(4 / (Math.PI * Math.PI), within(1e-12)); // sinc(½)²
    }

    @Test
    void aWindowWeighsEachSampleByTheBoxTransformAtItsMomentAndEndsAtItsLastSample() {
        VoxelDephasing d = new VoxelDephasing(UNIT_EDGES, SIZE);
        d.add(-0.5 / SIZE[0], 0, 0); // the prephaser
        double[][] cum = new double[5][3];
        for (int k = 0; k < 5; k++) cum[k][0] = 0.25 * k / SIZE[0];
        SpinOp.Adc a = new SpinOp.Adc(5, 1e-5, SpinOp.AdcMode.EXACT, null, cum, null, null, null, 0, -1, null, null);
        double[] w = d.window(a);
        double[] expected = {2 / Math.PI, VoxelDephasing.sinc(0.25), 1, VoxelDephasing.sinc(0.25), 2 / Math.PI};
        for (int k = 0; k < 5; k++) assertThat(w[k]).as("sample %d", k).isCloseTo(expected[k], within(1e-12));
        assertThat(d.atPulse()).as("half a cycle left after the window").isCloseTo(2 / Math.PI, within(1e-12));
    }

    @Test
    void anObliqueVoxelSeesTheMomentAlongItsOwnEdges() {
        double c = Math.cos(Math.toRadians(30)), s = Math.sin(Math.toRadians(30));
        double[][] edges = {{c, s, 0}, {-s, c, 0}, {0, 0, 1}};
        VoxelDephasing d = new VoxelDephasing(edges, SIZE);
        d.add(1 / SIZE[0], 0, 0); // one cycle per u-edge along x: c cycles along u, −s along v
        assertThat(d.atPulse()).isCloseTo(VoxelDephasing.sinc(c) * VoxelDephasing.sinc(-s * SIZE[1] / SIZE[0]), within(1e-12));
    }
}
