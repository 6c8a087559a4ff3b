package org.lodestone.seq.protocol;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A protocol's parameter values, complete (defaults where none was given) and each checked
 * against its {@link ParameterSpec}. A protocol reads its values from here by name: a name it did
 * not declare, or a whole number read from a parameter declared fractional, is a programming error.
 */
public final class ParameterValues {
    private final Map<String, ParameterSpec> specs;
    private final Map<String, Double> values;

    private ParameterValues(Map<String, ParameterSpec> specs, Map<String, Double> values) {
        this.specs = specs;
        this.values = values;
    }

    /**
     * The defaults overlaid with {@code given}, each checked against its own range.
     * @throws ParameterException for a name the protocol does not have (its names listed) or a value out of range
     */
    public static ParameterValues resolve(String protocol, List<ParameterSpec> declared, Map<String, Double> given)
            throws ParameterException {
        Map<String, ParameterSpec> specs = new LinkedHashMap<>();
        Map<String, Double> out = new LinkedHashMap<>();
        for (ParameterSpec p : declared) {
            specs.put(p.name(), p);
            out.put(p.name(), p.defaultValue());
        }
        for (var e : given.entrySet()) {
            if (!specs.containsKey(e.getKey())) throw unknown(protocol, e.getKey(), specs);
            out.put(e.getKey(), e.getValue());
        }
        for (ParameterSpec p : declared) p.validate(out.get(p.name()));
        return new ParameterValues(Collections.unmodifiableMap(specs), Collections.unmodifiableMap(out));
    }

    /**
     * Parses {@code NAME=VALUE} assignments (the CLI's {@code --param}) with each parameter's own rules.
     * @throws ParameterException naming the assignment, the parameter and what is allowed
     */
    public static Map<String, Double> parse(String protocol, List<ParameterSpec> declared, List<String> assignments)
            throws ParameterException {
        Map<String, ParameterSpec> specs = new LinkedHashMap<>();
        for (ParameterSpec p : declared) specs.put(p.name(), p);
        Map<String, Double> out = new LinkedHashMap<>();
        for (String a : assignments) {
            int eq = a.indexOf('=');
            if (eq <= 0) throw new ParameterException("", "--param '" + a + "' is not NAME=VALUE");
            String name = a.substring(0, eq).strip();
            ParameterSpec p = specs.get(name);
            if (p == null) throw unknown(protocol, name, specs);
            try {
                out.put(name, p.parse(a.substring(eq + 1)));
            } catch (ParameterException e) {
                throw new ParameterException(name, "--param " + a.strip() + ": " + e.getMessage() + " (allowed: " + p.range()
                        + (p.integer() ? ", whole numbers" : "") + ")");
            }
        }
        return out;
    }

    private static ParameterException unknown(String protocol, String name, Map<String, ParameterSpec> specs) {
        return new ParameterException(name, "protocol " + protocol + " has no parameter '" + name + "' (it has "
                + String.join(", ", specs.keySet()) + ")");
    }

    /** The value of a declared parameter, in its unit. */
    public double get(String name) {
        spec(name);
        return values.get(name);
    }

    /** The value of a parameter declared as a whole number. */
    public int integer(String name) {
        if (!spec(name).integer()) throw new IllegalStateException("parameter " + name + " is not declared a whole number");
        return (int) Math.rint(values.get(name));
    }

    public ParameterSpec spec(String name) {
        ParameterSpec s = specs.get(name);
        if (s == null) throw new IllegalArgumentException("no parameter " + name + " declared (" + String.join(", ", specs.keySet()) + ")");
        return s;
    }

    /** Every value by name, in declaration order. */
    public Map<String, Double> asMap() {
        return values;
    }
}
