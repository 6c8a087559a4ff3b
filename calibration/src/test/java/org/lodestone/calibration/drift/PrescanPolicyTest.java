package org.lodestone.calibration.drift;

import org.junit.jupiter.api.Test;
import org.lodestone.calibration.store.CalibrationProfile;
import org.lodestone.calibration.store.Entry;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PrescanPolicyTest {
    private final Instant t0 = Instant.parse("2026-01-01T10:00:00Z");
    private final PrescanPolicy policy = new PrescanPolicy(Duration.ofMinutes(10), 0.02);

    private CalibrationProfile profile(double alpha) {
        return CalibrationProfile.empty().with(Map.of(
                CalibrationProfile.FREQUENCY, new Entry(14.9e6, 1, "Hz", t0, 30.0, "eng", "frequency"),
                CalibrationProfile.TEMPERATURE_COEFFICIENT, new Entry(alpha, 1e-6, "1/K", t0, 30.0, "eng", "drift")), "eng", "", t0);
    }

    @Test
    void predictsWhileRecentAndStill() {
        var d = policy.decide(profile(-0.001), t0.plusSeconds(300), 30.01);
        assertFalse(d.adjust(), d.reason());
        assertEquals(14.9e6 * (1 - 0.001 * 0.01), d.predictedHz(), 1e-6);
    }

    @Test
    void measuresWhenOldWarmUnknownOrSensorless() {
        assertTrue(policy.decide(profile(-0.001), t0.plusSeconds(601), 30.0).adjust());
        var warm = policy.decide(profile(-0.001), t0.plusSeconds(60), 30.05);
        assertTrue(warm.adjust());
        assertTrue(warm.reason().contains("0.050 K"), warm.reason());
        assertTrue(policy.decide(profile(-0.001), t0.plusSeconds(60), Double.NaN).adjust());
        assertTrue(policy.decide(CalibrationProfile.empty(), t0, 30).adjust());
    }
}
