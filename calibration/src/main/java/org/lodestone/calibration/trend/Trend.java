package org.lodestone.calibration.trend;

import org.lodestone.calibration.store.CalibrationProfile;
import org.lodestone.calibration.store.Entry;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One calibration value or QA metric over the accepted versions: one point per measurement (a version
 * that carried a value over unchanged adds none), its baseline (the first accepted measurement) and its
 * limit with the lines resolved for that baseline.
 */
public record Trend(String key, List<Point> points, TrendLimit limit) {
    /** One accepted measurement: the version that made it current, when it was measured, its value. */
    public record Point(int version, Instant time, double value) {
    }

    public Trend {
        points = List.copyOf(points);
    }

    /** The trend of {@code key} over a store's history (oldest first); failed, rejected and pending versions are left out. */
    public static Trend of(List<CalibrationProfile> history, String key) {
        List<Point> pts = new ArrayList<>();
        Instant last = null;
        for (CalibrationProfile p : history) {
            if (!p.accepted()) continue;
            Entry e = p.get(key).orElse(null);
            if (e == null || e.time().equals(last)) continue;
            last = e.time();
            pts.add(new Point(p.version(), e.time(), e.value()));
        }
        return new Trend(key, pts, TrendLimits.of(key));
    }

    public double baseline() {
        return points.isEmpty() ? Double.NaN : points.getFirst().value();
    }

    public double latest() {
        return points.isEmpty() ? Double.NaN : points.getLast().value();
    }

    public double lowLine() {
        return limit.lowFor(baseline());
    }

    public double highLine() {
        return limit.highFor(baseline());
    }

    /** The measurements outside the limit. */
    public List<Point> outside() {
        double b = baseline();
        return points.stream().filter(p -> limit.outside(p.value(), b)).toList();
    }
}
