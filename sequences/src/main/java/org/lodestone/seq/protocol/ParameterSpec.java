package org.lodestone.seq.protocol;

/** One protocol parameter as a technician sees it: name, unit, default and allowed range. */
public record ParameterSpec(String name, String label, String unit, double defaultValue, double min, double max,
                            boolean integer, String help) {

    /** Checks one value on its own; cross-parameter limits are the protocol's business. */
    public void validate(double v) throws ParameterException {
        if (!Double.isFinite(v)) throw new ParameterException(name, label + " must be a number");
        if (integer && v != Math.rint(v)) throw new ParameterException(name, label + " must be a whole number");
        if (v < min || v > max) {
            throw new ParameterException(name, String.format("%s must be between %s and %s %s", label, fmt(min), fmt(max), unit));
        }
    }

    static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
