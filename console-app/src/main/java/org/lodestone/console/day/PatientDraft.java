package org.lodestone.console.day;

/** What the technician typed into the registration form, field by field, as text. */
public record PatientDraft(String id, String name, String birth, String sex, String weightKg, String heightCm) {
    public static final PatientDraft EMPTY = new PatientDraft("", "", "", "", "", "");

    public PatientDraft {
        id = trim(id);
        name = trim(name);
        birth = trim(birth);
        sex = trim(sex);
        weightKg = trim(weightKg);
        heightCm = trim(heightCm);
    }

    private static String trim(String s) {
        return s == null ? "" : s.trim();
    }
}
