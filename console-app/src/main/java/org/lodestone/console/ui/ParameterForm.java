package org.lodestone.console.ui;

import org.lodestone.seq.protocol.ParameterException;
import org.lodestone.seq.protocol.ParameterSpec;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parameter form without the widgets: turns what the operator typed into numbers, field by
 * field, with a reason for each field that cannot be used. Cross-parameter limits (min TE, the
 * gradient strength) are the protocol's business and are checked by planning afterwards.
 */
public final class ParameterForm {
    private ParameterForm() {
    }

    /** The numbers parsed, in form order, and a reason per field that could not be parsed or is out of range. */
    public record Parsed(Map<String, Double> values, Map<String, String> errors) {
        public Parsed {
            values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
            errors = Collections.unmodifiableMap(new LinkedHashMap<>(errors));
        }

        public boolean valid() {
            return errors.isEmpty();
        }

        /** All field reasons, one a line, in form order. */
        public String reasons() {
            return String.join("\n", errors.values());
        }
    }

    /** The text shown in a fresh field: the default, without a needless ".0". */
    public static String format(double v) {
        return ParameterSpec.fmt(v);
    }

    /** "50 – 400 mm", the range hint next to a field. */
    public static String rangeHint(ParameterSpec p) {
        return p.range();
    }

    /**
     * Parses the fields' texts (by parameter name) with each parameter's own rules
     * ({@link ParameterSpec#parse}): a missing or blank field, text that is not a number, a fraction
     * where a whole number is needed, or a value out of range is an error for that field.
     */
    public static Parsed parse(List<ParameterSpec> specs, Map<String, String> texts) {
        Map<String, Double> values = new LinkedHashMap<>();
        Map<String, String> errors = new LinkedHashMap<>();
        for (ParameterSpec p : specs) {
            try {
                values.put(p.name(), p.parse(texts.get(p.name())));
            } catch (ParameterException e) {
                errors.put(p.name(), e.getMessage());
            }
        }
        return new Parsed(values, errors);
    }
}
