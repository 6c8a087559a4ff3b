package org.lodestone.seq.report;

import org.lodestone.seq.limits.UnitProfile;
import org.lodestone.seq.limits.Violation;
import org.lodestone.seq.model.Sequence;
import org.lodestone.seq.protocol.SpinEcho2D;
import org.lodestone.seq.pulseq.PulseqReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SequenceReportTest {
    static Stream<Path> files() throws Exception {
        return org.lodestone.seq.pulseq.PulseqRoundTripTest.files();
    }

    @ParameterizedTest
    @MethodSource("files")
    void everyFileIsReportedForBothProfilesWithNamedViolations(Path file) throws Exception {
        Sequence s = PulseqReader.read(file).sequence();
        for (UnitProfile p : new UnitProfile[] {UnitProfile.RESEARCH, UnitProfile.PLANNING}) {
            SequenceReport r = SequenceReport.of(s, p);
            String text = r.format();
            System.out.println("== " + file.getFileName() + " / " + p.model() + "\n" + text);
            assertThat(r.blocks()).isEqualTo(s.blocks().size());
            assertThat(r.durationSeconds()).isCloseTo(s.duration(), within(1e-12));
            if (r.withinLimits()) {
                assertThat(text).contains("within limits");
            } else {
                for (Violation v : r.violations()) {
                    assertThat(v.block()).isBetween(0, s.blocks().size() - 1);
                    assertThat(v.limit()).isNotBlank();
                    assertThat(v.value()).isGreaterThan(v.allowed());
                }
                assertThat(text).contains("block " + r.violations().getFirst().block() + ": " + r.violations().getFirst().limit());
            }
        }
    }

    @Test
    void se2dDefaultsAreWithinTheUnitsLimitsAndCoverTheirKSpace() throws Exception {
        var built = new SpinEcho2D().build(Map.of(), UnitProfile.PLANNING);
        SequenceReport r = SequenceReport.of(built.sequence(), UnitProfile.PLANNING);
        assertThat(r.violations()).isEmpty();
        assertThat(r.adcEvents()).isEqualTo(128);
        // Readout and phase extent: N/2 · Δk = 64 / 0.24 m ≈ 267 1/m.
        assertThat(r.kExtent()[0]).isCloseTo(64 / 0.24, within(3.0));
        assertThat(r.kExtent()[1]).isCloseTo(64 / 0.24, within(3.0));
        assertThat(r.sarWPerKg()).isLessThan(0.5);
    }
}
