package org.lodestone.seq.compile;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.lodestone.hw.program.DeviceProgram;
import org.lodestone.hw.program.GradientWaveform;
import org.lodestone.hw.program.ProgramBlock;
import org.lodestone.seq.limits.LimitCheck;
import org.lodestone.seq.limits.UnitProfile;
import org.lodestone.seq.model.Block;
import org.lodestone.seq.model.Sequence;
import org.lodestone.seq.pulseq.PulseqReader;
import org.lodestone.seq.pulseq.PulseqRoundTripTest;

import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * For every shared Pulseq file within a profile's limits: every compiled block lasts exactly as long as
 * the sequence's block (to the nanosecond, i.e. on the raster), and every event starts and ends where the
 * sequence says.
 */
class CompiledTimingTest {
    static Stream<Path> files() throws Exception {
        return PulseqRoundTripTest.files();
    }

    @ParameterizedTest
    @MethodSource("files")
    void everyCompiledBlockHasTheSequencesTiming(Path file) throws Exception {
        Sequence seq = PulseqReader.read(file).sequence();
        UnitProfile unit = LimitCheck.check(seq, UnitProfile.PLANNING).isEmpty() ? UnitProfile.PLANNING : UnitProfile.RESEARCH;
        assumeThat(LimitCheck.check(seq, unit)).as("%s is outside both profiles' limits", file.getFileName()).isEmpty();
        DeviceProgram p = SequenceCompiler.compile(seq, unit);
        assertThat(p.blocks()).hasSameSizeAs(seq.blocks());
        double tick = p.tickNs() * 1e-9;
        double total = 0;
        for (int i = 0; i < p.blocks().size(); i++) {
            Block b = seq.blocks().get(i);
            ProgramBlock c = p.blocks().get(i);
            String at = file.getFileName() + " block " + i;
            assertThat(Math.abs(c.durationTicks() * tick - b.duration())).as(at).isLessThan(1e-9);
            total += b.duration();
            if (b.rf() != null) {
                assertThat(Math.abs(c.rf().delayTicks() * tick - b.rf().delay())).as(at + " RF delay").isLessThan(1e-9);
                assertThat(Math.abs(c.rf().endTicks() * tick - b.rf().end())).as(at + " RF end").isLessThan(1e-9);
            }
            for (int axis = 0; axis < 3; axis++) {
                if (b.gradient(axis) == null) continue;
                GradientWaveform w = c.gradient(axis);
                assertThat(Math.abs(w.endTicks() * tick - b.gradient(axis).duration())).as(at + " gradient end").isLessThan(1e-9);
                assertThat(w.totalArea(p.tickNs())).as(at + " gradient area")
                        .isCloseTo(b.gradient(axis).area(), org.assertj.core.api.Assertions.within(1e-6 * (1 + Math.abs(b.gradient(axis).area()))));
            }
            if (b.adc() != null) {
                assertThat(Math.abs(c.adc().delayTicks() * tick - b.adc().delay())).as(at + " ADC delay").isLessThan(1e-9);
                assertThat(Math.abs(c.adc().durationNs() * 1e-9 - b.adc().duration())).as(at + " ADC duration").isLessThan(1e-9);
            }
        }
        assertThat(Math.abs(p.durationSeconds() - total)).isLessThan(1e-9 * p.blocks().size());
        // What the board receives decodes to the same timing.
        DeviceProgram back = org.lodestone.hw.program.ProgramCodec.decode(org.lodestone.hw.program.ProgramCodec.encode(p));
        assertThat(back.durationTicks()).isEqualTo(p.durationTicks());
        assertThat(back.blocks()).hasSameSizeAs(p.blocks());
        System.out.printf("%s: %d blocks compiled for the %s, timing equal%n", file.getFileName(), p.blocks().size(), unit.model());
    }
}
