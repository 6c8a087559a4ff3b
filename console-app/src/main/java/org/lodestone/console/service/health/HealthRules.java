package org.lodestone.console.service.health;

import org.lodestone.calibration.trend.Trend;
import org.lodestone.calibration.trend.TrendLimits;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every equipment-health rule and its threshold, in one place. Each rule looks at one measured thing and
 * either fires (an alert with the value and the threshold) or stays quiet; a value not measured yet (NaN)
 * never fires.
 */
public final class HealthRules {
    /** Noise amplitude over the channel's baseline (first accepted noise survey); same number as the trend limit. */
    public static final double NOISE_UP_DB = TrendLimits.NOISE_UP_DB;
    /**
     * Magnet frequency drift. At 100 Hz/min a 5-minute scan's line moves 500 Hz, a few pixels at the usual
     * bandwidths, more than the prescan's frequency tracking is meant to absorb: the magnet is not settled.
     */
    public static final double DRIFT_RATE_MAX_HZ_PER_MIN = 100;
    /** QA SNR below its baseline (first accepted QA), in percent: a slow loss the QA's absolute limit (SNR ≥ 20) would see too late. */
    public static final double QA_SNR_FALL_PERCENT = 10;
    /** |Γ| at Larmor: the tune routine's target. */
    public static final double MAX_REFLECTION = TrendLimits.MAX_REFLECTION;
    /** Free space for raw data and images: about two days of scanning on a small unit. */
    public static final long DISK_LOW_BYTES = 2_000_000_000L;
    /** When no drift calibration is stored: NdFeB's typical temperature coefficient of the field (−0.12 %/K). */
    public static final double NOMINAL_COEFFICIENT_PER_K = -1.2e-3;

    private HealthRules() {
    }

    public static List<HealthAlert> noiseUp(List<ChannelNoise> channels) {
        List<HealthAlert> out = new ArrayList<>();
        for (ChannelNoise c : channels) {
            if (c.excessDb() >= NOISE_UP_DB) out.add(new HealthAlert(HealthAlert.Rule.NOISE_UP, "channel " + c.channel(), c.excessDb(), NOISE_UP_DB));
        }
        return out;
    }

    public static Optional<HealthAlert> driftRate(double hzPerMin) {
        return Math.abs(hzPerMin) > DRIFT_RATE_MAX_HZ_PER_MIN
                ? Optional.of(new HealthAlert(HealthAlert.Rule.DRIFT_RATE, "magnet", hzPerMin, DRIFT_RATE_MAX_HZ_PER_MIN)) : Optional.empty();
    }

    /** Fires when the latest accepted QA SNR is at least {@link #QA_SNR_FALL_PERCENT} below the first accepted one. */
    public static Optional<HealthAlert> qaSnrFalling(Trend qaSnr) {
        if (qaSnr.points().size() < 2) return Optional.empty();
        double fall = 100 * (1 - qaSnr.latest() / qaSnr.baseline());
        return fall >= QA_SNR_FALL_PERCENT
                ? Optional.of(new HealthAlert(HealthAlert.Rule.QA_SNR_FALLING, "QA SNR", fall, QA_SNR_FALL_PERCENT)) : Optional.empty();
    }

    public static Optional<HealthAlert> reflection(double gamma) {
        return gamma > MAX_REFLECTION ? Optional.of(new HealthAlert(HealthAlert.Rule.REFLECTION_HIGH, "RF coil", gamma, MAX_REFLECTION))
                : Optional.empty();
    }

    public static Optional<HealthAlert> diskLow(long freeBytes) {
        return freeBytes >= 0 && freeBytes < DISK_LOW_BYTES
                ? Optional.of(new HealthAlert(HealthAlert.Rule.DISK_LOW, "data disk", freeBytes, DISK_LOW_BYTES)) : Optional.empty();
    }
}
