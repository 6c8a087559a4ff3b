package org.lodestone.seq.compile;

import org.junit.jupiter.api.Test;
import org.lodestone.hw.program.DeviceProgram;
import org.lodestone.hw.program.ProgramBlock;
import org.lodestone.hw.program.ProgramCodec;
import org.lodestone.hw.program.RfPulse;
import org.lodestone.hw.program.SampledGradient;
import org.lodestone.hw.program.Trapezoid;
import org.lodestone.seq.limits.UnitProfile;
import org.lodestone.seq.model.ArbitraryGradient;
import org.lodestone.seq.model.Block;
import org.lodestone.seq.model.Physics;
import org.lodestone.seq.model.Rf;
import org.lodestone.seq.model.Sequence;
import org.lodestone.seq.protocol.BuiltProtocol;
import org.lodestone.seq.protocol.Protocol;
import org.lodestone.seq.protocol.ProtocolLibrary;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class SequenceCompilerTest {
    private final UnitProfile unit = UnitProfile.PLANNING;
    private final double g = Physics.mTPerMToHzPerM(2);

    @Test
    void anArbitraryGradientBecomesASampledWaveformEqualToItEverywhere() throws Exception {
        double[] ramp = {0.1, 0.3, 0.5, 0.7, 0.9, 0.9, 0.7, 0.5, 0.3, 0.1};
        ArbitraryGradient arb = new ArbitraryGradient(g / 4, ramp, null, unit.gradientRaster(), 20e-6, 0, 0);
        Sequence s = new Sequence("arb", List.of(Block.delay(1e-3), new Block(1e-3, null, null, arb, null, null)), Map.of());
        DeviceProgram p = SequenceCompiler.compile(s, unit);
        SampledGradient sg = (SampledGradient) p.blocks().get(1).gy();
        assertThat(sg.delayTicks()).isEqualTo(200);
        assertThat(sg.points()).isEqualTo(2 * ramp.length + 1);
        var w = arb.waveform();
        for (int tick = 0; tick <= 10_000; tick += 7) {
            assertThat(sg.valueAt(tick)).as("tick %d", tick).isCloseTo(w.valueAt(tick * 1e-7), within(1e-3 * g));
        }
        assertThat(sg.totalArea(p.tickNs())).isCloseTo(arb.area(), within(1e-6 * Math.abs(arb.area())));
    }

    @Test
    void aPhaseModulatedPulseKeepsItsPhaseInRadians() throws Exception {
        int n = 100;
        float[] mag = new float[n];
        double[] phase = new double[n];
        for (int i = 0; i < n; i++) {
            mag[i] = 1f;
            phase[i] = 0.25 * i / n; // a quarter turn sweep
        }
        Rf rf = new Rf(0, 100, 0, 0, 10e-6, mag, Rf.Use.EXCITATION, phase, null, Double.NaN, 0, 0);
        DeviceProgram p = SequenceCompiler.compile(new Sequence("pm", List.of(new Block(2e-3, rf, null, null, null, null), Block.delay(0.1)), Map.of()), unit);
        RfPulse out = p.blocks().getFirst().rf();
        assertThat(out.isPhaseModulated()).isTrue();
        assertThat(out.phaseShape()[50]).isCloseTo((float) (2 * Math.PI * 0.125), within(1e-6f));
        assertThat(out.areaTurns(p.tickNs()) * 2 * Math.PI).isCloseTo(rf.flipAngleRad(), within(1e-4));
    }

    @Test
    void anExtendedTrapezoidThatIsATrapezoidCompiles() throws Exception {
        ArbitraryGradient ext = new ArbitraryGradient(g, new double[] {0, 1, 1, 0}, new double[] {0, 10, 60, 70}, unit.gradientRaster(), 0, 0, 0);
        var p = SequenceCompiler.compile(new Sequence("ext", List.of(new Block(1e-3, null, ext, null, null, null)), Map.of()), unit);
        assertThat(((Trapezoid) p.blocks().getFirst().gx()).flatTicks()).isEqualTo(5000);
    }

    @Test
    void offRasterTimingIsRefusedNamingTheBlock() {
        Sequence s = new Sequence("bad", List.of(Block.delay(1e-3), Block.delay(1.005e-3)), Map.of());
        assertThatThrownBy(() -> SequenceCompiler.compile(s, unit)).isInstanceOf(CompileException.class)
                .hasMessageContaining("block 1").hasMessageContaining("raster");
    }

    @Test
    void theSizeModelIsTheCodecsForEveryProtocol() throws Exception {
        for (Protocol proto : ProtocolLibrary.all()) {
            DeviceProgram p = SequenceCompiler.compile(proto.build(Map.of(), unit).sequence(), unit);
            long sum = org.lodestone.hw.program.ProgramSegments.HEADER_BYTES;
            for (ProgramBlock b : p.blocks()) sum += org.lodestone.hw.program.ProgramSegments.blockBytes(b);
            assertThat(sum).as(proto.name()).isEqualTo(ProgramCodec.encode(p).length);
        }
    }

    @Test
    void aSequenceLongerThanTheMemoryBecomesChunksThatEachFitAndJoinToTheWhole() throws Exception {
        BuiltProtocol b = ProtocolLibrary.find("tse2d").orElseThrow().build(Map.of(), unit);
        DeviceProgram whole = SequenceCompiler.compile(b.sequence(), unit);
        int size = ProgramCodec.encode(whole).length;
        int memory = size / 5;
        List<DeviceProgram> chunks = SequenceCompiler.compileChunks(b.sequence(), unit.withProgramMemory(memory));
        assertThat(chunks).hasSizeBetween(5, 7);
        List<ProgramBlock> joined = new ArrayList<>();
        long ticks = 0;
        for (DeviceProgram c : chunks) {
            assertThat(ProgramCodec.encode(c).length).isLessThanOrEqualTo(memory);
            joined.addAll(c.blocks());
            ticks += c.durationTicks();
        }
        assertThat(joined).isEqualTo(whole.blocks());
        assertThat(ticks).isEqualTo(whole.durationTicks());
        assertThat(SequenceCompiler.compileChunks(b.sequence(), unit, 64L << 20)).hasSize(1);
        assertThatThrownBy(() -> SequenceCompiler.compileChunks(b.sequence(), unit, 200)).isInstanceOf(CompileException.class)
                .hasMessageContaining("bytes of program memory");
    }
}
