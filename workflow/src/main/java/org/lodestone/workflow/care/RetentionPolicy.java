package org.lodestone.workflow.care;

import org.lodestone.workflow.InvalidInputException;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Period;
import java.util.Properties;

/** Minimum keep periods: defaults 15 years outpatient, 30 years inpatient; retention.properties may raise them. */
public record RetentionPolicy(Period outpatient, Period inpatient) {
    public static final RetentionPolicy DEFAULT = new RetentionPolicy(Period.ofYears(15), Period.ofYears(30));

    /** Reads {@code outpatient.years} and {@code inpatient.years} from the file when it exists. */
    public static RetentionPolicy load(Path file) {
        if (!Files.isRegularFile(file)) return DEFAULT;
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
        } catch (IOException e) {
            throw new InvalidInputException(file.toString(), "cannot be read: " + e.getMessage());
        }
        return new RetentionPolicy(years(file, p, "outpatient.years", DEFAULT.outpatient()), years(file, p, "inpatient.years", DEFAULT.inpatient()));
    }

    private static Period years(Path file, Properties p, String key, Period dflt) {
        String v = p.getProperty(key);
        if (v == null) return dflt;
        try {
            int y = Integer.parseInt(v.trim());
            if (y < 1 || y > 200) throw new NumberFormatException();
            return Period.ofYears(y);
        } catch (NumberFormatException e) {
            throw new InvalidInputException(file + " " + key, "'" + v + "' is not a number of years (1–200)");
        }
    }

    public Period keepFor(String patientClass) {
        return "inpatient".equals(patientClass) ? inpatient : outpatient;
    }
}
