package org.lodestone.seq.protocol;

import org.junit.jupiter.api.Test;
import org.lodestone.seq.limits.UnitProfile;
import org.lodestone.seq.model.Block;
import org.lodestone.seq.sampling.VariableDensityLines;

import java.util.Map;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** acceleration, calibration, partial_fourier and recon on the 2D imaging protocols. */
class AcceleratedProtocols2DTest {
    private final UnitProfile unit = UnitProfile.PLANNING;

    @Test
    void everyTwoDImagingProtocolUndersamplesItsPhaseEncodesAroundAFullCentre() throws Exception {
        for (String name : new String[] {"se2d", "gre2d", "tse2d", "ir-se", "ir-tse"}) {
            Protocol p = ProtocolLibrary.find(name).orElseThrow();
            BuiltProtocol full = p.build(Map.of(), unit);
            BuiltProtocol fast = p.build(Map.of("acceleration", 3.0), unit);
            TreeSet<Integer> lines = acquiredLines(fast);
            assertThat(lines).as(name).hasSize(fast.expectedLines());
            assertThat(fast.derived().get("acceleration_actual")).as(name).isBetween(2.5, 3.5);
            assertThat(fast.derived().get("lines_per_slice")).as(name).isEqualTo((double) lines.size());
            for (int y = 64 - 12; y < 64 + 12; y++) assertThat(lines).as(name + " calibration line " + y).contains(y);
            // the edges of k-space are reached, sparsely
            assertThat(lines.first()).as(name).isLessThan(20);
            assertThat(lines.last()).as(name).isGreaterThan(108);
            assertThat(fast.derived().get("scan_time_s")).as(name).isLessThan(0.5 * full.derived().get("scan_time_s"));
            assertThat(acquiredLines(full)).as(name).hasSize(128);
        }
    }

    @Test
    void acceleratedTseFillsWholeEchoTrainsAndTakesAtMostFourTenthsOfTheTime() throws Exception {
        BuiltProtocol full = TurboSpinEcho.tse2d().build(Map.of(), unit);
        BuiltProtocol fast = TurboSpinEcho.tse2d().build(Map.of("acceleration", 3.0), unit);
        assertThat(fast.expectedLines() % 8).isZero();
        assertThat(fast.derived().get("shots")).isEqualTo(fast.expectedLines() / 8.0);
        double ratio = fast.derived().get("scan_time_s") / full.derived().get("scan_time_s");
        System.out.printf("tse2d acceleration 3: %d lines, scan time %.1f s of %.1f s (%.3f)%n", fast.expectedLines(),
                fast.derived().get("scan_time_s"), full.derived().get("scan_time_s"), ratio);
        assertThat(ratio).isLessThanOrEqualTo(0.4);
    }

    @Test
    void theLinePatternIsAPureFunctionOfTheParameters() throws Exception {
        Map<String, Double> v = Map.of("acceleration", 2.5, "calibration", 16.0);
        assertThat(acquiredLines(new SpinEcho2D().build(v, unit))).isEqualTo(acquiredLines(new SpinEcho2D().build(v, unit)));
        assertThat(acquiredLines(new SpinEcho2D().build(v, unit)))
                .isNotEqualTo(acquiredLines(new SpinEcho2D().build(Map.of("acceleration", 2.5, "calibration", 32.0), unit)));
    }

    @Test
    void partialFourierAndAccelerationCombine() throws Exception {
        BuiltProtocol b = new SpinEcho2D().build(Map.of("partial_fourier", 0.75, "acceleration", 2.0), unit);
        TreeSet<Integer> lines = acquiredLines(b);
        assertThat(lines.first()).isGreaterThanOrEqualTo(32);
        assertThat(lines).hasSize(48);
        assertThat(b.derived().get("acceleration_actual")).isEqualTo(128.0 / 48);
    }

    @Test
    void moreCalibrationLinesThanTheAccelerationLeavesIsRefusedWithTheReason() {
        assertThatThrownBy(() -> new SpinEcho2D().build(Map.of("acceleration", 8.0, "calibration", 24.0), unit))
                .isInstanceOf(ParameterException.class)
                .hasMessageContaining("24 calibration lines are more than the 16 lines acceleration 8 leaves");
    }

    @Test
    void reconIsTypedByNameOrNumber() throws Exception {
        Protocol p = TurboSpinEcho.tse2d();
        assertThat(p.parse(java.util.List.of("recon=sense"))).containsEntry("recon", 1.0);
        assertThat(p.parse(java.util.List.of("recon=CS"))).containsEntry("recon", 0.0);
        assertThat(p.parse(java.util.List.of("recon=1"))).containsEntry("recon", 1.0);
        assertThat(p.parse(java.util.List.of("recon=grappa"))).containsEntry("recon", 2.0);
        assertThatThrownBy(() -> p.parse(java.util.List.of("recon=espirit"))).isInstanceOf(ParameterException.class)
                .hasMessageContaining("'espirit' is not one of cs, sense, grappa");
    }

    @Test
    void variableDensityLinesAreDenseInTheCentreAndSparseAtTheEdge() {
        var m = VariableDensityLines.draw(256, 0, 64, 24, 5);
        int[] lines = VariableDensityLines.lines(m);
        assertThat(lines).hasSize(64);
        int centre = 0, edge = 0;
        for (int y : lines) {
            if (Math.abs(y - 128) < 64) centre++;
            else edge++;
        }
        assertThat(centre).isGreaterThan(3 * edge);
        assertThat(edge).isGreaterThan(3);
    }

    private static TreeSet<Integer> acquiredLines(BuiltProtocol b) {
        TreeSet<Integer> lines = new TreeSet<>();
        for (Block x : b.sequence().blocks()) {
            if (x.adc() != null && x.adc().counters().slice() == 0 && x.adc().counters().average() == 0) lines.add(x.adc().counters().line());
        }
        return lines;
    }
}
