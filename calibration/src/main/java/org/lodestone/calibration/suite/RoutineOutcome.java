package org.lodestone.calibration.suite;

import java.util.Map;

/**
 * What one routine did: passed or not (with the reason), the values it calibrated, and what it
 * cost in unit time and wall time.
 */
public record RoutineOutcome(String routine, Status status, String reason, Map<String, Object> values,
                             double scanSeconds, double wallSeconds, String plot) {
    public enum Status { PASSED, FAILED, NOT_AVAILABLE }

    public RoutineOutcome {
        values = Map.copyOf(values);
    }
}
