package org.lodestone.seq.protocol;

import java.util.List;

/**
 * One protocol parameter as a technician sees it: name, unit, default and allowed range, whole
 * number or not. The one definition the form, {@code --param}, scan.json and the checks all read.
 * A parameter with {@code choices} is a whole number 0…n−1 that may also be typed by its choice's name
 * ({@code recon=sense}).
 */
public record ParameterSpec(String name, String label, String unit, double defaultValue, double min, double max,
                            boolean integer, String help, List<String> choices) {

    public ParameterSpec {
        choices = choices == null ? List.of() : List.copyOf(choices);
    }

    public ParameterSpec(String name, String label, String unit, double defaultValue, double min, double max,
                         boolean integer, String help) {
        this(name, label, unit, defaultValue, min, max, integer, help, List.of());
    }

    /** A named choice: values 0…n−1, each also typed by its name. */
    public static ParameterSpec choice(String name, String label, int defaultIndex, String help, String... choices) {
        return new ParameterSpec(name, label, "", defaultIndex, 0, choices.length - 1, true, help, List.of(choices));
    }

    /** What an operator may type for a number: digits, one point, an exponent (no NaN, Infinity, 1d). */
    private static final String NUMBER = "[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?";

    /** Checks one value on its own; cross-parameter limits are the protocol's business. */
    public void validate(double v) throws ParameterException {
        if (!Double.isFinite(v)) throw new ParameterException(name, label + " must be a number");
        if (integer && v != Math.rint(v)) throw new ParameterException(name, label + " must be a whole number");
        if (v < min || v > max) {
            throw new ParameterException(name, String.format("%s must be between %s and %s %s", label, fmt(min), fmt(max), unit).strip());
        }
    }

    /**
     * Parses what an operator typed (a decimal comma accepted) and checks it.
     * @throws ParameterException naming the parameter and, for a value out of range, the range
     */
    public double parse(String text) throws ParameterException {
        if (text == null || text.isBlank()) throw new ParameterException(name, label + ": enter a value");
        String t = text.strip().replace(',', '.');
        for (int i = 0; i < choices.size(); i++) if (choices.get(i).equalsIgnoreCase(text.strip())) return i;
        if (!t.matches(NUMBER) && !choices.isEmpty()) {
            throw new ParameterException(name, label + ": '" + text.strip() + "' is not one of " + String.join(", ", choices));
        }
        if (!t.matches(NUMBER)) throw new ParameterException(name, label + ": '" + text.strip() + "' is not a number");
        double v = Double.parseDouble(t);
        validate(v);
        return v;
    }

    /** "50 – 400 mm": the allowed range in the parameter's unit. */
    public String range() {
        if (!choices.isEmpty()) return String.join(", ", choices) + " (or 0 – " + (choices.size() - 1) + ")";
        String u = unit == null || unit.isBlank() ? "" : " " + unit;
        return fmt(min) + " – " + fmt(max) + u;
    }

    /** A value as an operator would type it, without a needless ".0". */
    public static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
