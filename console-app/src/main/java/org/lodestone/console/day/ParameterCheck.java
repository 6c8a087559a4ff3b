package org.lodestone.console.day;

import org.lodestone.seq.protocol.BuiltProtocol;
import org.lodestone.seq.protocol.ParameterException;
import org.lodestone.seq.protocol.ParameterSpec;
import org.lodestone.seq.protocol.Protocol;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks a protocol form as typed: each field on its own, then the protocol as a whole (TE/TR timing, gradient
 * limits) with the fields that are valid. A timing error is found and its field marked even while another field
 * is invalid: the invalid fields take their defaults for that second check (the defect the old form had).
 */
public final class ParameterCheck {
    /** How to build: the unit's planner when connected, else the planning profile. */
    @FunctionalInterface
    public interface Planner {
        BuiltProtocol plan(Protocol p, Map<String, Double> values) throws Exception;
    }

    /** Errors by field (form order), a protocol-level error without a field, and the build when all is well. */
    public record Result(Map<String, String> fieldErrors, String generalError, BuiltProtocol built) {
        public Result {
            fieldErrors = Collections.unmodifiableMap(new LinkedHashMap<>(fieldErrors));
        }

        public boolean valid() {
            return fieldErrors.isEmpty() && generalError == null && built != null;
        }

        /** Every reason, one a line, fields first. */
        public String reasons() {
            List<String> all = new java.util.ArrayList<>(fieldErrors.values());
            if (generalError != null) all.add(generalError);
            return String.join("\n", all);
        }
    }

    private ParameterCheck() {
    }

    public static Result check(Protocol p, Map<String, String> texts, Planner planner) {
        Map<String, Double> values = new LinkedHashMap<>();
        Map<String, String> errors = new LinkedHashMap<>();
        for (ParameterSpec s : p.parameters()) {
            try {
                values.put(s.name(), s.parse(texts.get(s.name())));
            } catch (ParameterException e) {
                errors.put(s.name(), e.getMessage());
            }
        }
        // invalid fields are left out: the protocol uses their defaults for the whole-protocol check
        try {
            BuiltProtocol b = planner.plan(p, values);
            return new Result(errors, null, errors.isEmpty() ? b : null);
        } catch (ParameterException e) {
            String field = e.parameter();
            if (field != null && values.containsKey(field)) {
                errors.putIfAbsent(field, e.getMessage());
                return new Result(errors, null, null);
            }
            return new Result(errors, e.getMessage(), null);
        } catch (Exception e) {
            return new Result(errors, OperatorText.reason(e), null);
        }
    }
}
