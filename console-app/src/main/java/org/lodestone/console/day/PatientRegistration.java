package org.lodestone.console.day;

import org.lodestone.workflow.InvalidInputException;
import org.lodestone.workflow.audit.AuditTrail;
import org.lodestone.workflow.patient.Patient;
import org.lodestone.workflow.patient.PatientInput;
import org.lodestone.workflow.patient.Patients;
import org.lodestone.workflow.patient.PersonName;
import org.lodestone.workflow.user.Actor;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Registering a patient by hand: every field is checked at once (not only the first bad one), each with its own
 * reason, so the form can mark them all. Weight is required: the SAR check of every scan uses it.
 */
public final class PatientRegistration {
    public static final List<String> FIELDS = List.of("id", "name", "birth", "sex", "weight", "height");

    /** The reasons by field (message keys and the offending text), empty when the draft can be registered. */
    public record Check(Map<String, Reason> reasons) {
        public Check {
            reasons = Collections.unmodifiableMap(new LinkedHashMap<>(reasons));
        }

        public boolean valid() {
            return reasons.isEmpty();
        }
    }

    /** Why one field is refused: a key in messages.properties and the text it refers to. */
    public record Reason(String key, String value) {
        public String text(Texts t) {
            return t.get(key, value);
        }
    }

    private final Patients patients;
    private final DayAudit audit;

    public PatientRegistration(Patients patients, AuditTrail audit) {
        this.patients = patients;
        this.audit = new DayAudit(audit);
    }

    public static Check check(PatientDraft d) {
        Map<String, Reason> r = new LinkedHashMap<>();
        field(r, "id", d.id(), "patients.invalid.id", PatientInput::id, true);
        field(r, "name", d.name(), "patients.invalid.name", v -> PersonName.check("patient name", v), true);
        field(r, "birth", d.birth(), "patients.invalid.birth", PatientInput::birth, false);
        field(r, "sex", d.sex(), "patients.invalid.sex", PatientInput::sex, false);
        field(r, "weight", d.weightKg(), "patients.invalid.weight", PatientInput::weightKg, true);
        field(r, "height", d.heightCm(), "patients.invalid.height", PatientInput::heightCm, false);
        return new Check(r);
    }

    private static void field(Map<String, Reason> r, String name, String text, String key, Function<String, ?> parse, boolean required) {
        if (text.isEmpty()) {
            if (required) r.put(name, new Reason("patients.required", ""));
            return;
        }
        try {
            parse.apply(text);
        } catch (InvalidInputException | IllegalArgumentException e) {
            r.put(name, new Reason(key, text));
        }
    }

    /** Registers the patient (audited); refused with the field reasons when a field is bad or the ID is taken. */
    public Check register(PatientDraft d, Actor by) {
        Check c = check(d);
        if (!c.valid()) return c;
        if (patients.get(d.id()).isPresent()) return new Check(Map.of("id", new Reason("patients.invalid.taken", d.id())));
        Patient p = new Patient(d.id(), PersonName.check("patient name", d.name()), PatientInput.birth(blank(d.birth())),
                PatientInput.sex(blank(d.sex())), PatientInput.weightKg(d.weightKg()), PatientInput.heightCm(blank(d.heightCm())), null);
        patients.add(p);
        audit.record(by, "patient.create", "patient " + p.id(), Map.of("source", "console"));
        return c;
    }

    /** Patients whose ID or name contains the text (the workflow's search). */
    public List<Patient> search(String text) {
        return patients.list(text == null ? "" : text.trim());
    }

    public Optional<Patient> get(String id) {
        return patients.get(id);
    }

    private static String blank(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
