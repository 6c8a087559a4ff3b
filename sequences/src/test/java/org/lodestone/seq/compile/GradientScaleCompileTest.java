package org.lodestone.seq.compile;

import org.junit.jupiter.api.Test;
import org.lodestone.hw.program.DeviceProgram;
import org.lodestone.hw.program.GradientWaveform;
import org.lodestone.hw.program.ProgramBlock;
import org.lodestone.hw.program.SampledGradient;
import org.lodestone.hw.program.Trapezoid;
import org.lodestone.seq.limits.UnitProfile;
import org.lodestone.seq.model.ArbitraryGradient;
import org.lodestone.seq.model.Block;
import org.lodestone.seq.model.Sequence;
import org.lodestone.seq.model.Trap;
import org.lodestone.seq.protocol.ProtocolLibrary;

import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The calibrated gradient scale is applied by the compile step, once, on every axis and gradient kind. */
class GradientScaleCompileTest {
    private final UnitProfile unit = UnitProfile.PLANNING;
    private final GradientScale scale = new GradientScale(1.004, 0.985, 0.995);

    @Test
    void everyGradientOfACompiledProtocolCarriesItsAxisScaleOnceAndNothingElseChanges() throws Exception {
        Sequence planned = ProtocolLibrary.find("se2d").orElseThrow().build(Map.of("orientation", 1.0, "tilt_read", 20.0), unit).sequence();
        DeviceProgram nominal = SequenceCompiler.compile(planned, unit);
        DeviceProgram calibrated = SequenceCompiler.compile(planned, unit, scale);
        assertThat(calibrated.blocks()).hasSameSizeAs(nominal.blocks());
        int gradients = 0;
        for (int b = 0; b < nominal.blocks().size(); b++) {
            ProgramBlock n = nominal.blocks().get(b), c = calibrated.blocks().get(b);
            assertThat(c.durationTicks()).isEqualTo(n.durationTicks());
            assertThat(c.rf()).isEqualTo(n.rf());
            assertThat(c.adc()).isEqualTo(n.adc());
            for (int a = 0; a < 3; a++) {
                GradientWaveform gn = n.gradient(a), gc = c.gradient(a);
                if (gn == null) {
                    assertThat(gc).isNull();
                    continue;
                }
                gradients++;
                Trapezoid tn = (Trapezoid) gn, tc = (Trapezoid) gc;
                assertThat(new long[] {tc.delayTicks(), tc.riseTicks(), tc.flatTicks(), tc.fallTicks()})
                        .containsExactly(tn.delayTicks(), tn.riseTicks(), tn.flatTicks(), tn.fallTicks());
                // divided by the scale exactly once: scaled twice would be 1/s² (0.4 % … 3 % further off)
                assertThat(tc.amplitudeHzPerM()).as("block %d axis %d", b, a)
                        .isCloseTo(tn.amplitudeHzPerM() / scale.axis(a), within(1e-9 * Math.abs(tn.amplitudeHzPerM()) + 1e-12));
            }
        }
        assertThat(gradients).as("an oblique se2d uses all three axes").isGreaterThan(10);
    }

    @Test
    void aSampledGradientIsDividedPointByPoint() throws Exception {
        double[] shape = {0.1, 0.5, 0.9, 0.5, 0.1};
        ArbitraryGradient arb = new ArbitraryGradient(1e4, shape, null, unit.gradientRaster(), 0, 0, 0);
        Sequence s = new Sequence("arb", List.of(new Block(1e-3, null, null, null, arb, null)), Map.of());
        SampledGradient n = (SampledGradient) SequenceCompiler.compile(s, unit).blocks().getFirst().gz();
        SampledGradient c = (SampledGradient) SequenceCompiler.compile(s, unit, scale).blocks().getFirst().gz();
        int nonZero = 0;
        for (int i = 0; i < n.points(); i++) {
            assertThat(c.point(i)).isCloseTo(n.point(i) / 0.995, within(1e-3));
            if (n.point(i) > 1000) nonZero++;
        }
        assertThat(nonZero).isGreaterThan(3);
    }

    @Test
    void theLimitsAreCheckedOnWhatTheUnitIsCommanded() throws Exception {
        // planned at 99 % of the unit's maximum: nominal fits; a unit 2 % weak must be commanded 101 %, which is refused
        double g = 0.99 * unit.maxGradient();
        Trap t = Trap.withFlat(g, 1e-3, unit.maxSlew(), unit.gradientRaster());
        Sequence s = new Sequence("strong", List.of(new Block(Trap.ceil(t.duration(), unit.blockRaster()), null, t, null, null, null),
                Block.delay(0.1)), Map.of());
        SequenceCompiler.compile(s, unit);
        assertThatThrownBy(() -> SequenceCompiler.compile(s, unit, new GradientScale(0.98, 1, 1)))
                .isInstanceOf(CompileException.class).hasMessageContaining("limits");
    }

    @Test
    void theCorrectionCannotBeAppliedOutsideTheCompileStep() {
        // the one way to scale a sequence is package-private: no caller can correct a sequence and then compile it again
        assertThat(Arrays.stream(GradientScale.class.getDeclaredMethods())
                .filter(m -> Modifier.isPublic(m.getModifiers()) && m.getReturnType() == Sequence.class)).isEmpty();
        assertThatThrownBy(() -> new GradientScale(1, 0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new GradientScale(Double.NaN, 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(GradientScale.NOMINAL.isNominal()).isTrue();
    }
}
