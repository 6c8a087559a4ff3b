package org.lodestone.seq.protocol;

import org.junit.jupiter.api.Test;
import org.lodestone.seq.limits.LimitCheck;
import org.lodestone.seq.limits.UnitProfile;
import org.lodestone.seq.model.Block;
import org.lodestone.seq.model.Gradient;
import org.lodestone.seq.model.Rf;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class TurboSpinEchoTest {
    private final UnitProfile unit = UnitProfile.PLANNING;

    @Test
    void echoesAreEvenlySpacedAndTheCentreLineFallsWhereTheOrderingSays() throws Exception {
        BuiltProtocol linear = TurboSpinEcho.tse2d().build(Map.of(), unit);
        double esp = linear.derived().get("esp_ms");
        // Linear ordering, ETL 8: the centre (line 64) is in band 4, the fifth echo.
        assertThat(linear.derived().get("te_effective_ms")).isCloseTo(5 * esp, within(1e-9));
        assertThat(echoOf(linear, 64)).isEqualTo(4);
        BuiltProtocol centric = TurboSpinEcho.tse2d().build(Map.of("ordering", 1.0), unit);
        assertThat(centric.derived().get("te_effective_ms")).isCloseTo(esp, within(1e-9));
        assertThat(echoOf(centric, 64)).isEqualTo(0);

        // Refocusing pulse centres esp apart, the first esp/2 after the excitation, echoes midway.
        List<Double> rf = new ArrayList<>(), echoes = new ArrayList<>();
        double t = 0;
        for (Block b : linear.sequence().blocks()) {
            if (b.rf() != null) rf.add(t + b.rf().delay() + b.rf().duration() / 2);
            if (b.adc() != null) echoes.add(t + b.adc().delay() + (b.adc().samples() / 2 + 0.5) * b.adc().dwell());
            t += b.duration();
            if (rf.size() > 9 * 3) break;
        }
        // The first train is the dummy shot (no ADC); the second starts at rf index 9.
        assertThat(rf.get(1) - rf.get(0)).isCloseTo(esp / 2e3, within(1e-9));
        for (int k = 2; k < 9; k++) assertThat(rf.get(k) - rf.get(k - 1)).isCloseTo(esp / 1e3, within(1e-9));
        for (int k = 0; k < 8; k++) assertThat(echoes.get(k) - rf.get(10 + k)).isCloseTo(esp / 2e3, within(1e-7));
    }

    @Test
    void echoIndexIsTheSegmentCounterAndEveryLineIsReadOnce() throws Exception {
        BuiltProtocol b = TurboSpinEcho.tse2d().build(Map.of("slices", 3.0, "tr", 3000.0), unit);
        Set<String> seen = new HashSet<>();
        for (Block x : b.sequence().blocks()) {
            if (x.adc() == null) continue;
            var c = x.adc().counters();
            assertThat(c.segment()).isBetween(0, 7);
            assertThat(c.contrast()).isZero();
            assertThat(seen.add(c.line() + "/" + c.slice())).isTrue();
        }
        assertThat(seen).hasSize(3 * 128);
        assertThat(b.geometry().plane(0).positionLps()[2]).isCloseTo(-5, within(1e-9));
        assertThat(b.geometry().plane(2).positionLps()[2]).isCloseTo(5, within(1e-9));
    }

    @Test
    void atEveryEchoTheGradientMomentIsTheLinesKSpacePointOnEachAxisAlsoOblique() throws Exception {
        for (Map<String, Double> params : List.of(Map.<String, Double>of(),
                Map.of("tilt_read", 25.0, "tilt_phase", -10.0, "orientation", 1.0))) {
            BuiltProtocol b = TurboSpinEcho.tse2d().build(params, unit);
            assertThat(LimitCheck.check(b.sequence(), unit)).as(params.toString()).isEmpty();
            var o = org.lodestone.seq.geometry.SliceOrientation.oblique(b.parameters().get("orientation").intValue(),
                    b.parameters().get("tilt_read"), b.parameters().get("tilt_phase"));
            double dk = 1 / (b.parameters().get("fov") * 1e-3);
            int echoes = EchoMoments.walk(b.sequence(), (x, atEcho) -> {
                double[] expected = o.toPhysical(0, (x.adc().counters().line() - 64) * dk, 0);
                for (int a = 0; a < 3; a++) {
                    assertThat(atEcho[a]).as("axis %d, line %d", a, x.adc().counters().line()).isCloseTo(expected[a], within(1e-3 * dk));
                }
            });
            assertThat(echoes).isEqualTo(128);
        }
    }

    @Test
    void threeDAccelerationAndPartialFourierReduceTheLines() throws Exception {
        BuiltProtocol full = TurboSpinEcho.tse3d().build(Map.of("matrix", 64.0, "partitions", 16.0), unit);
        assertThat(full.expectedLines()).isEqualTo(64 * 16);
        BuiltProtocol acc = TurboSpinEcho.tse3d().build(Map.of("matrix", 64.0, "partitions", 16.0, "acceleration", 3.0, "calibration", 8.0), unit);
        assertThat(acc.derived().get("acceleration_actual")).isCloseTo(3, within(0.15));
        assertThat(acc.expectedLines()).isEqualTo(acc.sequence().adcCount());
        BuiltProtocol pf = TurboSpinEcho.tse2d().build(Map.of("partial_fourier", 0.625), unit);
        assertThat(pf.expectedLines()).isEqualTo(80);
        assertThat(pf.derived().get("snr_relative")).isLessThan(TurboSpinEcho.tse2d().build(Map.of(), unit).derived().get("snr_relative"));
    }

    @Test
    void inversionRecoveryReportsNullingTimesAndRefusesAShortTi() throws Exception {
        BuiltProtocol stir = TurboSpinEcho.irse().build(Map.of(), unit);
        assertThat(stir.parameters().get("ti")).isCloseTo(stir.derived().get("ti_stir_ms"), within(0.5));
        BuiltProtocol flair = TurboSpinEcho.irtse().build(Map.of(), unit);
        assertThat(flair.parameters().get("ti")).isCloseTo(flair.derived().get("ti_flair_ms"), within(0.5));
        assertThat(InversionTiming.nullingTiMs(200, 1e9)).isCloseTo(200 * Math.log(2), within(1e-9));
        assertThatThrownBy(() -> TurboSpinEcho.irse().build(Map.of("ti", 2.0), unit)).isInstanceOf(ParameterException.class)
                .hasMessageContaining("TI must be between");
        assertThatThrownBy(() -> TurboSpinEcho.tse2d().build(Map.of("esp", 3.0), unit)).isInstanceOf(ParameterException.class)
                .hasMessageContaining("Echo spacing");
        assertThatThrownBy(() -> TurboSpinEcho.tse2d().build(Map.of("etl", 32.0, "tr", 300.0), unit)).isInstanceOf(ParameterException.class)
                .hasMessageContaining("TR");
    }

    @Test
    void theLocalizerGivesEachPlaneItsDirections() throws Exception {
        BuiltProtocol b = new Localizer().build(Map.of(), unit);
        assertThat(b.geometry().slices()).isEqualTo(3);
        assertThat(b.geometry().plane(1).sliceDir()).containsExactly(0, 1, 0);
        assertThat(b.geometry().plane(2).sliceDir()).containsExactly(1, 0, 0);
        // The sagittal plane's slice-select gradient is on x.
        Block last = b.sequence().blocks().stream().filter(x -> x.rf() != null).reduce((x, y) -> y).orElseThrow();
        assertThat(last.gx()).isNotNull();
        assertThat(last.gz()).isNull();
    }

    private static int echoOf(BuiltProtocol b, int line) {
        return b.sequence().blocks().stream().filter(x -> x.adc() != null && x.adc().counters().line() == line)
                .findFirst().orElseThrow().adc().counters().segment();
    }
}
