package org.lodestone.seq.protocol;

import org.lodestone.hw.program.DeviceProgram;
import org.lodestone.seq.compile.SequenceCompiler;
import org.lodestone.seq.limits.LimitCheck;
import org.lodestone.seq.limits.UnitProfile;
import org.lodestone.seq.model.Sequence;
import org.lodestone.seq.pulseq.PulseqReader;
import org.lodestone.seq.pulseq.PulseqWriter;
import org.lodestone.seq.report.SequenceReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ProtocolLibraryTest {
    static List<Protocol> protocols() {
        return ProtocolLibrary.all();
    }

    @ParameterizedTest
    @MethodSource("protocols")
    void defaultsPassTheUnitsLimitsCompileAndExportToACheckedSeqFile(Protocol protocol) throws Exception {
        BuiltProtocol b = protocol.build(Map.of(), UnitProfile.PLANNING);
        assertThat(LimitCheck.check(b.sequence(), UnitProfile.PLANNING)).as(protocol.name()).isEmpty();
        // the realised parameters keep the protocol's own order (scan.json lists them so)
        assertThat(b.parameters().keySet()).as(protocol.name())
                .containsExactlyElementsOf(protocol.parameters().stream().map(ParameterSpec::name).filter(b.parameters()::containsKey).toList());
        DeviceProgram program = SequenceCompiler.compile(b.sequence(), UnitProfile.PLANNING);
        assertThat(program.durationSeconds()).isCloseTo(b.scanTimeSeconds(), within(1e-6));
        assertThat(b.sequence().adcCount()).isEqualTo(b.expectedLines());
        byte[] seq = PulseqWriter.toBytes(b.sequence());
        Sequence back = PulseqReader.parse(seq, protocol.name() + ".seq").sequence();
        assertThat(back.blocks()).hasSameSizeAs(b.sequence().blocks());
        SequenceReport r = SequenceReport.of(back, UnitProfile.PLANNING);
        assertThat(r.violations()).as(r.format()).isEmpty();
        // MRD counters survive the file as labels.
        for (int i = 0; i < back.blocks().size(); i++) {
            if (b.sequence().blocks().get(i).adc() != null) {
                assertThat(back.blocks().get(i).adc().counters()).isEqualTo(b.sequence().blocks().get(i).adc().counters());
                assertThat(back.blocks().get(i).adc().flags()).isEqualTo(b.sequence().blocks().get(i).adc().flags());
            }
        }
        // The exported pulses are the same physics: flip angles agree.
        for (int i = 0; i < back.blocks().size(); i++) {
            if (back.blocks().get(i).rf() != null) {
                assertThat(back.blocks().get(i).rf().flipAngleRad()).isCloseTo(b.sequence().blocks().get(i).rf().flipAngleRad(), within(1e-3));
                break;
            }
        }
    }

    @Test
    void multiSliceSpinEchoInterleavesSlicesAndFillsTheGeometry() throws Exception {
        BuiltProtocol b = new SpinEcho2D().build(Map.of("slices", 5.0, "slice_gap", 1.0, "tr", 1000.0, "matrix", 64.0), UnitProfile.PLANNING);
        assertThat(b.geometry().slices()).isEqualTo(5);
        assertThat(b.expectedLines()).isEqualTo(5 * 64);
        assertThat(b.sequence().blocks().stream().filter(x -> x.adc() != null).map(x -> x.adc().counters().slice()).distinct().count()).isEqualTo(5);
        assertThat(b.derived().get("slice_spacing_mm")).isCloseTo(6.0, within(1e-9));
        assertThat(LimitCheck.check(b.sequence(), UnitProfile.PLANNING)).isEmpty();
        assertThatThrownBy(() -> new SpinEcho2D().build(Map.of("slices", 20.0), UnitProfile.PLANNING))
                .isInstanceOf(ParameterException.class).hasMessageContaining("TR");
    }

    @Test
    void gradientEchoReportsMinimaAndRefusesTooShortTiming() throws Exception {
        BuiltProtocol b = GradientEcho.twoD().build(Map.of(), UnitProfile.PLANNING);
        assertThat(b.derived()).containsKeys("te_min_ms", "tr_min_ms", "scan_time_s", "snr_relative");
        assertThat(b.derived().get("te_actual_ms")).isCloseTo(10.0, within(0.011));
        double minTe = b.derived().get("te_min_ms");
        assertThatThrownBy(() -> GradientEcho.twoD().build(Map.of("te", Math.floor(minTe) - 0.5), UnitProfile.PLANNING))
                .isInstanceOf(ParameterException.class).hasMessageContaining("shorter than the minimum");
        BuiltProtocol se = new SpinEcho2D().build(Map.of(), UnitProfile.PLANNING);
        assertThat(se.derived().get("snr_relative")).isCloseTo(1.0, within(1e-3)); // dwell rounded to the tick
        BuiltProtocol g3 = GradientEcho.threeD().build(Map.of(), UnitProfile.PLANNING);
        assertThat(g3.geometry().slices()).isEqualTo(32);
        assertThat(g3.sequence().blocks().stream().filter(x -> x.adc() != null).map(x -> x.adc().counters().partition()).distinct().count()).isEqualTo(32);
    }
}
