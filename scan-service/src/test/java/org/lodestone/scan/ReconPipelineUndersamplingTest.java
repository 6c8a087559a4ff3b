package org.lodestone.scan;

import org.junit.jupiter.api.Test;
import org.lodestone.hw.program.DeviceProgram;
import org.lodestone.recon.cs.UndersampledRecon2D;
import org.lodestone.seq.compile.SequenceCompiler;
import org.lodestone.seq.limits.UnitProfile;
import org.lodestone.seq.protocol.BuiltProtocol;
import org.lodestone.seq.protocol.ProtocolLibrary;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Which scans the pipeline reconstructs as undersampled, from the program it plays and the recon parameter. */
class ReconPipelineUndersamplingTest {
    private final UnitProfile unit = UnitProfile.PLANNING;

    @Test
    void anAcceleratedScanCarriesItsLinesAndItsMethod() throws Exception {
        BuiltProtocol b = ProtocolLibrary.find("tse2d").orElseThrow().build(Map.of("acceleration", 3.0, "recon", 1.0), unit);
        DeviceProgram program = SequenceCompiler.compile(b.sequence(), unit);
        ReconPipeline.Undersampling u = ReconPipeline.Undersampling.of(b, program, 128);
        assertThat(u).isNotNull();
        assertThat(u.settings().method()).isEqualTo(UndersampledRecon2D.Method.SENSE);
        int lines = 0;
        for (boolean l : u.lines()) if (l) lines++;
        assertThat(lines).isEqualTo(b.expectedLines());
        assertThat(UndersampledRecon2D.calibrationLines(u.lines())).isGreaterThanOrEqualTo(24);

        BuiltProtocol cs = ProtocolLibrary.find("gre2d").orElseThrow().build(Map.of("acceleration", 2.0), unit);
        assertThat(ReconPipeline.Undersampling.of(cs, SequenceCompiler.compile(cs.sequence(), unit), 128).settings().method())
                .isEqualTo(UndersampledRecon2D.Method.CS);
    }

    @Test
    void aFullySampledOrThreeDScanIsNotUndersampled() throws Exception {
        BuiltProtocol full = ProtocolLibrary.find("se2d").orElseThrow().build(Map.of(), unit);
        assertThat(ReconPipeline.Undersampling.of(full, SequenceCompiler.compile(full.sequence(), unit), 128)).isNull();
        BuiltProtocol slab = ProtocolLibrary.find("gre3d").orElseThrow().build(Map.of("acceleration", 2.0), unit);
        assertThat(ReconPipeline.Undersampling.of(slab, SequenceCompiler.compile(slab.sequence(), unit), 96)).isNull();
    }
}
