package org.lodestone.console.service.health;

import org.junit.jupiter.api.Test;
import org.lodestone.calibration.store.CalibrationProfile;
import org.lodestone.calibration.store.Entry;
import org.lodestone.calibration.trend.Trend;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Each rule fires on a constructed series that breaks it and stays quiet on one that does not. */
class HealthRulesTest {
    private static final Instant T0 = Instant.parse("2026-12-01T08:00:00Z");

    private static Trend qa(double... snr) {
        List<CalibrationProfile> h = new ArrayList<>();
        CalibrationProfile p = CalibrationProfile.empty();
        for (int i = 0; i < snr.length; i++) {
            Instant t = T0.plusSeconds(3600L * i);
            p = p.with(Map.of(CalibrationProfile.QA_SNR, new Entry(snr[i], 0, "", t, 25, "eng", "qa")), "eng", "", t);
            h.add(p);
        }
        return Trend.of(h, CalibrationProfile.QA_SNR);
    }

    @Test
    void noiseUpFiresAtThreeDecibelsPerChannel() {
        double at3dB = 4 * Math.pow(10, 3.0 / 20);
        var alerts = HealthRules.noiseUp(List.of(new ChannelNoise(0, 4, 4.4), new ChannelNoise(1, 4, at3dB * 1.001), new ChannelNoise(2, 4, at3dB * 0.99)));
        assertThat(alerts).extracting(HealthAlert::subject).containsExactly("channel 1");
        assertThat(alerts.getFirst().value()).isCloseTo(3.0, org.assertj.core.data.Offset.offset(0.01));
        assertThat(alerts.getFirst().message()).startsWith("noise on channel 1 is +3.0 dB over its baseline");
        assertThat(HealthRules.noiseUp(List.of(new ChannelNoise(0, 4, Double.NaN)))).isEmpty();
    }

    @Test
    void driftRateOutOfRangeEitherWay() {
        assertThat(HealthRules.driftRate(99)).isEmpty();
        assertThat(HealthRules.driftRate(-99)).isEmpty();
        assertThat(HealthRules.driftRate(Double.NaN)).isEmpty();
        assertThat(HealthRules.driftRate(-150)).get().extracting(HealthAlert::rule).isEqualTo(HealthAlert.Rule.DRIFT_RATE);
        assertThat(HealthRules.driftRate(101)).isPresent();
    }

    @Test
    void qaSnrFallingAgainstItsBaseline() {
        assertThat(HealthRules.qaSnrFalling(qa(40, 39, 38))).isEmpty(); // 5 % down: scatter
        assertThat(HealthRules.qaSnrFalling(qa(40))).isEmpty(); // nothing to compare with
        assertThat(HealthRules.qaSnrFalling(qa(40, 42, 45))).isEmpty(); // rising
        var a = HealthRules.qaSnrFalling(qa(40, 38, 35.9)).orElseThrow();
        assertThat(a.value()).isCloseTo(10.25, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void reflectionAndDisk() {
        assertThat(HealthRules.reflection(0.01)).isEmpty();
        assertThat(HealthRules.reflection(0.2)).isPresent();
        assertThat(HealthRules.diskLow(50_000_000_000L)).isEmpty();
        assertThat(HealthRules.diskLow(-1)).isEmpty(); // unknown is not low
        assertThat(HealthRules.diskLow(500_000_000L)).get().extracting(HealthAlert::message)
                .isEqualTo("only 0.5 GB free on the data disk (alert under 2.0 GB): send and purge old exams");
    }

    @Test
    void magnetRateIsAStraightLineOverTheWindow() {
        MagnetLog m = new MagnetLog();
        m.add(T0, 30.0);
        m.add(T0.plusSeconds(10), 30.01);
        assertThat(m.rateKPerMin()).isNaN(); // 10 s is too short to call it a rate
        for (int i = 2; i <= 12; i++) m.add(T0.plusSeconds(10L * i), 30.0 + 0.01 * i);
        assertThat(m.rateKPerMin()).isCloseTo(0.06, org.assertj.core.data.Offset.offset(0.01));
        m.add(T0.plusSeconds(3600), 31); // an hour later the old readings are out of the window
        assertThat(m.size()).isEqualTo(1);
    }
}
