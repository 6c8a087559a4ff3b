package org.lodestone.calibration.trend;

import org.junit.jupiter.api.Test;
import org.lodestone.calibration.store.CalibrationProfile;
import org.lodestone.calibration.store.Entry;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrendTest {
    private static Entry e(double v, int minute) {
        return new Entry(v, 0, "", Instant.parse("2026-12-01T08:00:00Z").plusSeconds(60L * minute), 25, "eng", "test");
    }

    private static List<CalibrationProfile> history(CalibrationProfile.Status... statuses) {
        List<CalibrationProfile> h = new ArrayList<>();
        CalibrationProfile p = CalibrationProfile.empty();
        double[] snr = {40, 38, 12, 35};
        for (int i = 0; i < statuses.length; i++) {
            p = p.with(Map.of(CalibrationProfile.QA_SNR, e(snr[i], i)), "eng", "", e(0, i).time(), i + 1, statuses[i]);
            h.add(p);
        }
        return h;
    }

    @Test
    void onlyAcceptedMeasurementsWithTheQaCriterionAsLowerLine() {
        var h = new ArrayList<>(history(CalibrationProfile.Status.ACCEPTED, CalibrationProfile.Status.ACCEPTED,
                CalibrationProfile.Status.FAILED, CalibrationProfile.Status.ACCEPTED));
        // a version that carries the value over unchanged (another routine ran) adds no point
        h.add(h.getLast().with(Map.of(CalibrationProfile.FREQUENCY, e(1.5e7, 9)), "eng", "", e(0, 9).time(), 5, CalibrationProfile.Status.ACCEPTED));
        Trend t = Trend.of(h, CalibrationProfile.QA_SNR);
        assertEquals(List.of(40.0, 38.0, 35.0), t.points().stream().map(Trend.Point::value).toList());
        assertEquals(List.of(1, 2, 4), t.points().stream().map(Trend.Point::version).toList());
        assertEquals(20, t.lowLine());
        assertTrue(Double.isNaN(t.highLine()));
        assertTrue(t.outside().isEmpty());
        assertEquals(40, t.baseline());
        assertEquals(35, t.latest());
    }

    @Test
    void aValueOutsideItsLimitIsListed() {
        Trend t = Trend.of(history(CalibrationProfile.Status.ACCEPTED, CalibrationProfile.Status.ACCEPTED, CalibrationProfile.Status.ACCEPTED),
                CalibrationProfile.QA_SNR);
        assertEquals(List.of(12.0), t.outside().stream().map(Trend.Point::value).toList());
    }

    @Test
    void relativeLimitsResolveAroundTheFirstAcceptedValue() {
        TrendLimit noise = TrendLimits.of(CalibrationProfile.noiseStd(3));
        assertEquals(2 * Math.pow(10, 3.0 / 20), noise.highFor(2), 1e-12);
        assertTrue(noise.outside(2 * 1.42, 2));
        assertFalse(noise.outside(2 * 1.40, 2));
        TrendLimit f = TrendLimits.of(CalibrationProfile.FREQUENCY);
        assertEquals(15_060_000, f.highFor(15_000_000));
        assertEquals(14_940_000, f.lowFor(15_000_000));
        assertFalse(TrendLimits.of(CalibrationProfile.GRADIENT_DELAY[0]).stated());
        for (String k : List.of(CalibrationProfile.QA_SNR, CalibrationProfile.QA_PIU, CalibrationProfile.QA_GHOSTING, CalibrationProfile.QA_DIAMETER,
                CalibrationProfile.FREQUENCY, CalibrationProfile.TRANSMIT_SCALE, CalibrationProfile.SHIM_X, CalibrationProfile.REFLECTION,
                CalibrationProfile.TEMPERATURE_COEFFICIENT, CalibrationProfile.GRADIENT_SCALE[2], CalibrationProfile.TUNE)) {
            assertTrue(TrendLimits.of(k).stated(), k + " has a limit");
        }
    }
}
