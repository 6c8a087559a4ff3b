package org.lodestone.console.service.health;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The magnet sensor's readings over the last {@link #WINDOW}: its temperature's rate of change, by a
 * straight line through them (a single pair of readings would turn sensor noise into a rate).
 */
public final class MagnetLog {
    public static final Duration WINDOW = Duration.ofMinutes(10);
    /** Readings must span this long before a rate is stated. */
    public static final Duration MIN_SPAN = Duration.ofSeconds(20);

    private record Reading(Instant time, double celsius) {
    }

    private final Deque<Reading> readings = new ArrayDeque<>();

    public synchronized void add(Instant time, double celsius) {
        if (!Double.isFinite(celsius)) return;
        readings.addLast(new Reading(time, celsius));
        while (!readings.isEmpty() && readings.peekFirst().time().isBefore(time.minus(WINDOW))) readings.removeFirst();
    }

    /** K per minute by least squares, NaN until the readings span {@link #MIN_SPAN}. */
    public synchronized double rateKPerMin() {
        if (readings.size() < 2 || Duration.between(readings.peekFirst().time(), readings.peekLast().time()).compareTo(MIN_SPAN) < 0) {
            return Double.NaN;
        }
        Instant t0 = readings.peekFirst().time();
        double n = readings.size(), sx = 0, sy = 0, sxx = 0, sxy = 0;
        for (Reading r : readings) {
            double x = Duration.between(t0, r.time()).toMillis() / 60_000.0;
            sx += x;
            sy += r.celsius();
            sxx += x * x;
            sxy += x * r.celsius();
        }
        return (n * sxy - sx * sy) / (n * sxx - sx * sx);
    }

    public synchronized int size() {
        return readings.size();
    }
}
