package org.lodestone.workflow.patient;

import org.lodestone.workflow.InvalidInputException;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * Checks the operator's text for each patient field and turns it into a value; every refusal names the field.
 * Null means "not given".
 */
public final class PatientInput {
    private static final Pattern ID = Pattern.compile("[\\p{L}\\p{N}._\\-]{1,64}");

    private PatientInput() {
    }

    public static String id(String v) {
        if (v == null || !ID.matcher(v).matches()) {
            throw new InvalidInputException("--id", "'" + v + "' is not a patient ID (1–64 letters, digits, '.', '_' or '-')");
        }
        return v;
    }

    public static LocalDate birth(String v) {
        if (v == null) return null;
        try {
            LocalDate d = LocalDate.parse(v);
            if (d.isAfter(LocalDate.now()) || d.getYear() < 1880) {
                throw new InvalidInputException("--birth", "'" + v + "' is not a plausible birth date");
            }
            return d;
        } catch (DateTimeParseException e) {
            throw new InvalidInputException("--birth", "'" + v + "' is not a date YYYY-MM-DD");
        }
    }

    public static String sex(String v) {
        if (v == null) return null;
        String s = v.trim().toUpperCase(java.util.Locale.ROOT);
        if (!s.equals("F") && !s.equals("M") && !s.equals("O")) throw new InvalidInputException("--sex", "'" + v + "' is not F, M or O");
        return s;
    }

    public static Double weightKg(String v) {
        Double w = number("--weight", v);
        if (w != null && (w < 0.5 || w > 350)) throw new InvalidInputException("--weight", v + " kg is outside 0.5–350 kg");
        return w;
    }

    public static Double heightCm(String v) {
        Double h = number("--height", v);
        if (h != null && (h < 20 || h > 280)) throw new InvalidInputException("--height", v + " cm is outside 20–280 cm");
        return h;
    }

    private static Double number(String field, String v) {
        if (v == null) return null;
        try {
            double d = Double.parseDouble(v.trim());
            if (!Double.isFinite(d)) throw new NumberFormatException();
            return d;
        } catch (NumberFormatException e) {
            throw new InvalidInputException(field, "'" + v + "' is not a number");
        }
    }
}
