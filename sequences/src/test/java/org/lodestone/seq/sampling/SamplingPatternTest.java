package org.lodestone.seq.sampling;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SamplingPatternTest {
    @Test
    void poissonDiscReachesTheAccelerationWithAFullCentreAndNoClusters() {
        int ny = 128, nz = 32;
        SamplingMask m = PoissonDisc.variableDensity(ny, nz, 4, 16, 5);
        assertThat(m.acceleration()).isCloseTo(4, within(0.1));
        for (int y = ny / 2 - 8; y < ny / 2 + 8; y++) for (int z = nz / 2 - 8; z < nz / 2 + 8; z++) assertThat(m.isSampled(y, z)).isTrue();
        // Variable density: the centre half of k-space is denser than the outer half.
        int inner = 0, innerAll = 0, outer = 0, outerAll = 0;
        for (int y = 0; y < ny; y++) {
            for (int z = 0; z < nz; z++) {
                boolean in = Math.hypot((y - ny / 2.0) / (ny / 2.0), (z - nz / 2.0) / (nz / 2.0)) < 0.5;
                if (in) { innerAll++; if (m.isSampled(y, z)) inner++; } else { outerAll++; if (m.isSampled(y, z)) outer++; }
            }
        }
        assertThat((double) inner / innerAll).isGreaterThan(2.0 * outer / outerAll);
        // Poisson disc: no two points outside the calibration square are neighbours in the sparse outer band.
        int adjacent = 0;
        for (int y = 0; y < ny - 1; y++) {
            for (int z = 0; z < nz; z++) {
                double r = Math.hypot((y - ny / 2.0) / (ny / 2.0), (z - nz / 2.0) / (nz / 2.0));
                if (r > 0.9 && m.isSampled(y, z) && m.isSampled(y + 1, z)) adjacent++;
            }
        }
        assertThat(adjacent).isZero();
        assertThat(PoissonDisc.variableDensity(ny, nz, 4, 16, 5)).isEqualTo(m); // same seed, same mask
        assertThat(PoissonDisc.variableDensity(ny, nz, 1, 16, 5).count()).isEqualTo(ny * nz);
    }

    @Test
    void partialFourierKeepsTheCentreAndTheLaterLines() {
        assertThat(SamplingMask.partialFourierFirstLine(128, 1)).isZero();
        assertThat(SamplingMask.partialFourierFirstLine(128, 0.625)).isEqualTo(48);
        SamplingMask m = SamplingMask.full(128, 1).withLinesFrom(48);
        assertThat(m.count()).isEqualTo(80);
        assertThat(m.isSampled(64, 0)).isTrue();
        assertThat(m.isSampled(47, 0)).isFalse();
    }
}
