package org.lodestone.calibration.suite;

import com.fasterxml.jackson.annotation.JsonIgnore;
import org.lodestone.calibration.run.Reason;

import java.util.Map;

/**
 * What one routine did: passed or not (with the reason: the English sentence, and {@code why} for a window
 * that words it in its own language), the values it calibrated, and what it cost in unit time and wall time.
 */
public record RoutineOutcome(String routine, Status status, String reason, Map<String, Object> values,
                             double scanSeconds, double wallSeconds, String plot,
                             @JsonIgnore Reason why) { // calibration.json keeps its fields: the English reason is there
    public enum Status { PASSED, FAILED, NOT_AVAILABLE }

    public RoutineOutcome {
        values = Map.copyOf(values);
        if (why == null) why = reason == null || reason.isEmpty() ? Reason.NONE : Reason.OTHER;
    }

    /** Without a typed reason: a window says only that the routine did not pass. */
    public RoutineOutcome(String routine, Status status, String reason, Map<String, Object> values,
                          double scanSeconds, double wallSeconds, String plot) {
        this(routine, status, reason, values, scanSeconds, wallSeconds, plot, null);
    }
}
