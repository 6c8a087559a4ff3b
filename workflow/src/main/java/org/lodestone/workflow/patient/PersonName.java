package org.lodestone.workflow.patient;

import org.lodestone.workflow.InvalidInputException;

/**
 * A DICOM PN value, {@code FAMILY^GIVEN[^MIDDLE^PREFIX^SUFFIX]}, kept exactly as typed (UTF-8: 王^小明,
 * Müller^Jürgen, Ødegård^Åse). Refused: no family name, more than five components, control characters,
 * backslash (the DICOM value separator), the '=' of component groups, or more than 64 characters a group.
 */
public record PersonName(String value) {
    public PersonName {
        value = check("name", value);
    }

    public static String check(String field, String v) {
        if (v == null || v.isBlank()) throw new InvalidInputException(field, "is empty; give it as FAMILY^GIVEN");
        if (v.length() > 64) throw new InvalidInputException(field, "is longer than 64 characters");
        for (int i = 0; i < v.length(); i++) {
            char ch = v.charAt(i);
            if (Character.isISOControl(ch)) throw new InvalidInputException(field, "contains a control character");
            if (ch == '\\' || ch == '=') {
                throw new InvalidInputException(field, "'" + v + "' contains '" + ch + "', not allowed in a DICOM person name");
            }
        }
        String[] parts = v.split("\\^", -1);
        if (parts.length > 5) throw new InvalidInputException(field, "'" + v + "' has more than five ^-separated parts");
        if (parts[0].isBlank()) throw new InvalidInputException(field, "'" + v + "' has no family name before '^'");
        for (String p : parts) {
            if (!p.equals(p.strip())) throw new InvalidInputException(field, "'" + v + "' has spaces around '^'");
        }
        return v;
    }

    public String family() {
        return value.split("\\^", -1)[0];
    }
}
