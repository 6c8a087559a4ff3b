package org.lodestone.seq.protocol;

import org.lodestone.hw.program.DeviceProgram;
import org.lodestone.hw.program.ProgramBlock;
import org.lodestone.hw.program.ProgramCodec;
import org.lodestone.seq.compile.CompileException;
import org.lodestone.seq.compile.SequenceCompiler;
import org.lodestone.seq.limits.LimitCheck;
import org.lodestone.seq.limits.UnitProfile;
import org.lodestone.seq.model.Block;
import org.lodestone.seq.model.Sequence;
import org.lodestone.seq.model.Trap;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class SpinEcho2DTest {
    private final UnitProfile unit = UnitProfile.PLANNING;

    @Test
    void defaultsBuildCompileAndRoundTripAsDeviceProgram() throws Exception {
        BuiltProtocol b = new SpinEcho2D().build(Map.of(), unit);
        assertThat(b.expectedLines()).isEqualTo(128);
        assertThat(b.sequence().adcCount()).isEqualTo(128);
        assertThat(LimitCheck.check(b.sequence(), unit)).isEmpty();
        assertThat(b.derived().get("te_actual_ms")).isCloseTo(20.0, within(0.02));
        // (128 lines + 2 dummies) × TR
        assertThat(b.scanTimeSeconds()).isCloseTo(130 * 0.5, within(1e-6));

        DeviceProgram prog = SequenceCompiler.compile(b.sequence(), unit);
        assertThat(prog.durationSeconds()).isCloseTo(b.scanTimeSeconds(), within(1e-9));
        assertThat(ProgramCodec.decode(ProgramCodec.encode(prog)).blocks()).hasSize(prog.blocks().size());
    }

    @Test
    void echoFallsOnTheCentreSampleAtTe() throws Exception {
        BuiltProtocol b = new SpinEcho2D().build(Map.of("te", 30.0, "matrix", 64.0), unit);
        List<Block> blocks = b.sequence().blocks();
        // First TR after the dummies: find the excitation and the readout; integrate the readout gradient.
        int tr = blocks.size() / (64 + SpinEcho2D.DUMMY_SCANS);
        List<Block> one = blocks.subList(SpinEcho2D.DUMMY_SCANS * tr, (SpinEcho2D.DUMMY_SCANS + 1) * tr);
        double t = 0, excCentre = -1, refCentre = -1, echo = -1, kBeforeRefocus = 0, kAfter = 0;
        for (Block blk : one) {
            if (blk.rf() != null && excCentre < 0) excCentre = t + blk.rf().delay() + blk.rf().duration() / 2;
            else if (blk.rf() != null) refCentre = t + blk.rf().delay() + blk.rf().duration() / 2;
            Trap gx = (Trap) blk.gx();
            if (gx != null && blk.adc() == null) kBeforeRefocus += gx.area();
            if (blk.adc() != null) {
                double tc = blk.adc().delay() + (blk.adc().samples() / 2 + 0.5) * blk.adc().dwell();
                echo = t + tc;
                kAfter = -kBeforeRefocus + gx.amplitude() * (gx.rise() / 2 + (tc - gx.rise()));
            }
            t += blk.duration();
        }
        assertThat(echo - excCentre).isCloseTo(0.030, within(1e-5));
        assertThat(refCentre - excCentre).isCloseTo(0.015, within(1e-5));
        assertThat(kAfter).isCloseTo(0, within(1e-6));
    }

    @Test
    void invalidValuesAreRefusedWithAReason() {
        SpinEcho2D se = new SpinEcho2D();
        assertThatThrownBy(() -> se.build(Map.of("te", 2.0), unit)).isInstanceOf(ParameterException.class)
                .hasMessageContaining("shorter than the minimum");
        assertThatThrownBy(() -> se.build(Map.of("matrix", 1000.0), unit)).hasMessageContaining("between 32 and 512");
        assertThatThrownBy(() -> se.build(Map.of("tr", 20.0), unit)).hasMessageContaining("TR 20.0 ms is shorter");
        assertThatThrownBy(() -> se.build(Map.of("slice_thickness", 2.0, "fov", 50.0, "bandwidth", 2000.0), unit))
                .isInstanceOf(ParameterException.class).hasMessageContaining("mT/m");
        assertThatThrownBy(() -> se.build(Map.of("flip", 30.0), unit)).hasMessageContaining("no parameter 'flip'");
    }

    @Test
    void compilerRefusesAnOutOfLimitBlockNamingIt() {
        List<Block> blocks = new ArrayList<>();
        blocks.add(Block.delay(1e-3));
        blocks.add(new Block(1e-3, null, new Trap(0, 1e-4, 5e-4, 1e-4, 50 * unit.maxGradient()), null, null, null));
        Sequence s = new Sequence("bad", blocks, Map.of());
        assertThatThrownBy(() -> SequenceCompiler.compile(s, unit)).isInstanceOf(CompileException.class)
                .hasMessageContaining("block 1: gradient amplitude on x");
    }

    @Test
    void compilerRefusesOffRasterTiming() {
        Sequence s = new Sequence("off", List.of(Block.delay(1.234567e-3)), Map.of());
        assertThatThrownBy(() -> SequenceCompiler.compile(s, unit)).hasMessageContaining("block 0: block duration");
    }

    @Test
    void fidProgramHasOneAdcPerAverage() throws Exception {
        BuiltProtocol b = new FreeInductionDecay().build(Map.of("averages", 4.0), unit);
        DeviceProgram p = SequenceCompiler.compile(b.sequence(), unit);
        assertThat(p.adcCount()).isEqualTo(4);
        ProgramBlock first = p.blocks().getFirst();
        assertThat(first.adc().samples()).isEqualTo(1024);
    }
}
