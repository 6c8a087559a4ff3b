package org.lodestone.console.service.health;

import java.util.Locale;

/**
 * One rule that fires: which, about what (a channel, the magnet), the value that broke it and the threshold.
 * The window words it from its messages by {@link Rule}; {@link #message} is the log's English line.
 */
public record HealthAlert(Rule rule, String subject, double value, double threshold) {
    public enum Rule {
        /** A receive channel's noise is at least {@link HealthRules#NOISE_UP_DB} over its baseline. */
        NOISE_UP,
        /** The magnet's frequency drifts faster than {@link HealthRules#DRIFT_RATE_MAX_HZ_PER_MIN}. */
        DRIFT_RATE,
        /** The QA SNR fell at least {@link HealthRules#QA_SNR_FALL_PERCENT} below its baseline. */
        QA_SNR_FALLING,
        /** The coil reflects more than {@link HealthRules#MAX_REFLECTION} at Larmor. */
        REFLECTION_HIGH,
        /** Less than {@link HealthRules#DISK_LOW_BYTES} free for raw data and images. */
        DISK_LOW
    }

    /** Identifies the condition: the same rule on the same subject is one alert until it clears. */
    public String key() {
        return rule + "/" + subject;
    }

    public String message() {
        return switch (rule) {
            case NOISE_UP -> String.format(Locale.ROOT, "noise on %s is %+.1f dB over its baseline (alert at +%.1f dB): look for interference "
                    + "or a receive fault, then run a noise survey", subject, value, threshold);
            case DRIFT_RATE -> String.format(Locale.ROOT, "magnet frequency drifts %.0f Hz/min (limit %.0f Hz/min): let the magnet settle "
                    + "before calibrating or scanning; check its heater", value, threshold);
            case QA_SNR_FALLING -> String.format(Locale.ROOT, "QA SNR fell %.0f %% below its baseline (alert at %.0f %%): check the coil and "
                    + "the tuning, then repeat QA", value, threshold);
            case REFLECTION_HIGH -> String.format(Locale.ROOT, "coil reflection |Γ| %.3f at Larmor (limit %.2f): run tune", value, threshold);
            case DISK_LOW -> String.format(Locale.ROOT, "only %.1f GB free on the data disk (alert under %.1f GB): send and purge old exams",
                    value / 1e9, threshold / 1e9);
        };
    }
}
