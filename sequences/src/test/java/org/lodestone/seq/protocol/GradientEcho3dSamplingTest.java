package org.lodestone.seq.protocol;

import org.junit.jupiter.api.Test;
import org.lodestone.seq.limits.LimitCheck;
import org.lodestone.seq.limits.UnitProfile;
import org.lodestone.seq.model.Block;
import org.lodestone.seq.sampling.PoissonDisc;
import org.lodestone.seq.sampling.SamplingMask;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** gre3d undersampling: the ADCs acquire exactly the Poisson-disc mask cut by partial Fourier, once each. */
class GradientEcho3dSamplingTest {
    private final UnitProfile unit = UnitProfile.PLANNING;

    @Test
    void theAcquiredPointsAreThePoissonDiscMaskWithoutThePartialFourierLines() throws Exception {
        int n = 48, parts = 16;
        BuiltProtocol b = GradientEcho.threeD().build(Map.of("matrix", (double) n, "partitions", (double) parts,
                "acceleration", 3.0, "calibration", 8.0, "partial_fourier", 0.75), unit);
        assertThat(LimitCheck.check(b.sequence(), unit)).isEmpty();
        SamplingMask expected = PoissonDisc.variableDensity(n, parts, 3.0, 8, GradientEcho.MASK_SEED)
                .withLinesFrom(SamplingMask.partialFourierFirstLine(n, 0.75));
        Set<Long> seen = new HashSet<>();
        for (Block x : b.sequence().blocks()) {
            if (x.adc() == null) continue;
            int y = x.adc().counters().line(), z = x.adc().counters().partition();
            assertThat(expected.isSampled(y, z)).as("line %d partition %d is in the mask", y, z).isTrue();
            assertThat(seen.add((long) y * parts + z)).as("line %d partition %d once", y, z).isTrue();
        }
        assertThat(seen).hasSize(expected.count());
        assertThat(b.expectedLines()).isEqualTo(expected.count());
        for (int y = n / 2 - 4; y < n / 2 + 4; y++) {
            for (int z = parts / 2 - 4; z < parts / 2 + 4; z++) assertThat(seen).as("calibration region").contains((long) y * parts + z);
        }
        assertThat(b.derived().get("acceleration_actual")).isGreaterThan(3.0);
        // unaccelerated: the full grid, as before
        BuiltProtocol full = GradientEcho.threeD().build(Map.of("matrix", (double) n, "partitions", (double) parts), unit);
        assertThat(full.expectedLines()).isEqualTo(n * parts);
        assertThat(b.sequence().duration()).isLessThan(full.sequence().duration() / 3);
    }
}
