package org.lodestone.calibration.drift;

import org.lodestone.calibration.store.CalibrationProfile;
import org.lodestone.calibration.store.Entry;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When the quick frequency adjustment runs before a scan: when there is no frequency yet, when the
 * last one is older than {@code maxAge}, or when the magnet temperature has moved more than
 * {@code maxTemperatureChangeK} since. Otherwise the tracker's prediction is used as it is.
 */
public record PrescanPolicy(Duration maxAge, double maxTemperatureChangeK) {
    /** 0.01 K of NdFeB at 0.35 T is ~180 Hz, about one pixel of a typical scan: beyond that, measure. */
    public static final PrescanPolicy DEFAULT = new PrescanPolicy(Duration.ofMinutes(10), 0.01);
    /** NdFeB remanence, used until the drift routine has measured this magnet. */
    public static final double DEFAULT_COEFFICIENT_PER_K = -0.0012;

    public record Decision(boolean adjust, String reason, double predictedHz) {
    }

    public Decision decide(CalibrationProfile profile, Instant now, double magnetC) {
        Optional<Entry> f = profile.get(CalibrationProfile.FREQUENCY);
        if (f.isEmpty()) return new Decision(true, "no calibrated frequency yet", Double.NaN);
        Entry e = f.get();
        DriftTracker t = tracker(profile);
        double predicted = t.predictHz(magnetC);
        Duration age = Duration.between(e.time(), now);
        if (age.compareTo(maxAge) > 0) {
            return new Decision(true, "the last frequency is " + age.toMinutes() + " min old (limit " + maxAge.toMinutes() + " min)", predicted);
        }
        if (Double.isNaN(magnetC)) return new Decision(true, "the magnet temperature sensor gives no reading", predicted);
        double dT = Math.abs(magnetC - e.magnetTemperatureC());
        if (!(dT <= maxTemperatureChangeK)) {
            return new Decision(true, String.format("the magnet moved %.3f K since the last frequency (limit %.3f K)", dT, maxTemperatureChangeK), predicted);
        }
        return new Decision(false, String.format("frequency %.0f s old, magnet within %.3f K: predicted from temperature",
                (double) age.toSeconds(), dT), predicted);
    }

    public static DriftTracker tracker(CalibrationProfile profile) {
        Entry f = profile.get(CalibrationProfile.FREQUENCY).orElseThrow();
        double alpha = profile.value(CalibrationProfile.TEMPERATURE_COEFFICIENT, DEFAULT_COEFFICIENT_PER_K);
        return new DriftTracker(f.value(), f.magnetTemperatureC(), alpha);
    }
}
