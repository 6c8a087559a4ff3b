package org.lodestone.calibration.suite;

import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * How a routine's values read in report.txt and report.html: names in words, numbers rounded to what
 * they mean, units from the name's suffix, no record dumps.
 */
public final class ReportValues {
    private ReportValues() {
    }

    /** "frequency_hz" → "frequency"; the unit goes with the number. */
    public static String name(String key) {
        String k = key;
        for (String suffix : List.of("_hz_per_m", "_hz_per_k", "_per_k", "_hz", "_s", "_percent", "_ppm", "_db")) {
            if (k.endsWith(suffix)) {
                k = k.substring(0, k.length() - suffix.length());
                break;
            }
        }
        return k.replace('_', ' ');
    }

    public static String unit(String key) {
        if (key.endsWith("_hz_per_m")) return "Hz/m";
        if (key.endsWith("_hz_per_k")) return "Hz/K";
        if (key.endsWith("_per_k")) return "/K";
        if (key.endsWith("_hz")) return "Hz";
        if (key.endsWith("_s")) return "s";
        if (key.endsWith("_percent")) return "%";
        if (key.endsWith("_ppm")) return "ppm";
        if (key.endsWith("_db")) return "dB";
        return "";
    }

    /** The value as text, with its unit. */
    public static String text(String key, Object v) {
        String unit = unit(key);
        return switch (v) {
            case null -> "—";
            case Map<?, ?> m when m.containsKey("value") -> {
                String u = String.valueOf(m.get("unit"));
                if (u.isEmpty() || u.equals("null")) u = unit;
                yield number(((Number) m.get("value")).doubleValue()) + " ± " + number(((Number) m.get("uncertainty")).doubleValue())
                        + (u.isEmpty() ? "" : " " + u);
            }
            case Map<?, ?> m -> m.entrySet().stream().map(e -> e.getKey() + " " + text("", e.getValue())).collect(Collectors.joining(", "))
                    + (unit.isEmpty() ? "" : " " + unit);
            case Number n when Double.isNaN(n.doubleValue()) -> "—";
            case Number n -> number(n.doubleValue()) + (unit.isEmpty() ? "" : " " + unit);
            case List<?> l when l.size() > 8 -> l.size() + " entries";
            case List<?> l -> l.stream().map(x -> text("", x)).collect(Collectors.joining(", ")) + (unit.isEmpty() ? "" : " " + unit);
            case Record r -> record(r);
            default -> String.valueOf(v);
        };
    }

    /** Rounded to about four significant digits, never an exponent for everyday magnitudes. */
    public static String number(double x) {
        if (Double.isNaN(x)) return "n/a";
        if (x == Math.rint(x) && Math.abs(x) < 1e9) return String.format(Locale.ROOT, "%.0f", x);
        double a = Math.abs(x);
        if (a >= 1e9 || a < 1e-4) return String.format(Locale.ROOT, "%.3g", x);
        if (a >= 1000) return String.format(Locale.ROOT, "%.1f", x); // a frequency keeps its tenth of a hertz
        return new java.math.BigDecimal(x).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
    }

    private static String record(Record r) {
        StringBuilder sb = new StringBuilder();
        for (RecordComponent c : r.getClass().getRecordComponents()) {
            try {
                if (!sb.isEmpty()) sb.append(", ");
                sb.append(c.getName().replaceAll("([A-Z])", " $1").toLowerCase(Locale.ROOT)).append(' ')
                        .append(text("", c.getAccessor().invoke(r)));
            } catch (ReflectiveOperationException e) {
                sb.append('?');
            }
        }
        return sb.toString();
    }
}
