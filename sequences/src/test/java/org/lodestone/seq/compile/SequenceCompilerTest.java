package org.lodestone.seq.compile;

import org.lodestone.hw.program.Trapezoid;
import org.lodestone.seq.limits.UnitProfile;
import org.lodestone.seq.model.ArbitraryGradient;
import org.lodestone.seq.model.Block;
import org.lodestone.seq.model.Physics;
import org.lodestone.seq.model.Sequence;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SequenceCompilerTest {
    private final UnitProfile unit = UnitProfile.PLANNING;
    private final double g = Physics.mTPerMToHzPerM(2);

    @Test
    void arbitraryGradientsAreRefusedNamingBlockAndAxis() {
        double[] ramp = {0.1, 0.3, 0.5, 0.7, 0.9, 0.9, 0.7, 0.5, 0.3, 0.1};
        ArbitraryGradient arb = new ArbitraryGradient(g / 4, ramp, null, unit.gradientRaster(), 0, 0, 0);
        Sequence s = new Sequence("arb", List.of(Block.delay(1e-3), new Block(1e-3, null, null, arb, null, null)), Map.of());
        assertThatThrownBy(() -> SequenceCompiler.compile(s, unit)).isInstanceOf(CompileException.class)
                .hasMessageStartingWith("block 1: arbitrary gradient on y — the device program carries trapezoids only");
    }

    @Test
    void anExtendedTrapezoidThatIsATrapezoidCompiles() throws Exception {
        ArbitraryGradient ext = new ArbitraryGradient(g, new double[] {0, 1, 1, 0}, new double[] {0, 10, 60, 70}, unit.gradientRaster(), 0, 0, 0);
        var p = SequenceCompiler.compile(new Sequence("ext", List.of(new Block(1e-3, null, ext, null, null, null)), Map.of()), unit);
        assertThat(((Trapezoid) p.blocks().getFirst().gx()).flatTicks()).isEqualTo(5000);
    }
}
