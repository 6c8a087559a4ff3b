package org.lodestone.console.cli;

import org.lodestone.workflow.InvalidInputException;
import org.lodestone.workflow.Workflow;
import org.lodestone.workflow.patient.Patient;
import org.lodestone.workflow.patient.PatientInput;
import org.lodestone.workflow.patient.PersonName;
import org.lodestone.workflow.user.Actor;
import org.lodestone.workflow.user.Role;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code patient add} and {@code patient edit}: every field checked before anything is written. */
@Command(name = "patient", mixinStandardHelpOptions = true, description = "Register or edit a patient.",
        subcommands = {PatientCommand.Add.class, PatientCommand.Edit.class})
public final class PatientCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    /** The fields both subcommands take. */
    static final class Fields {
        @Option(names = "--name", paramLabel = "FAMILY^GIVEN", description = "Name as DICOM PN, e.g. \"Müller^Jürgen\".")
        String name;
        @Option(names = "--birth", paramLabel = "YYYY-MM-DD")
        String birth;
        @Option(names = "--sex", paramLabel = "F|M|O")
        String sex;
        @Option(names = "--weight", paramLabel = "KG", description = "0.5–350 kg; feeds the SAR check.")
        String weight;
        @Option(names = "--height", paramLabel = "CM")
        String height;
        @Option(names = "--notes")
        String notes;

        Patient apply(String id, Patient old) {
            String n = name != null ? PersonName.check("--name", name) : old != null ? old.name() : null;
            if (n == null) throw new InvalidInputException("--name", "needed (FAMILY^GIVEN)");
            return new Patient(id, n,
                    birth != null ? PatientInput.birth(birth) : old != null ? old.birth() : null,
                    sex != null ? PatientInput.sex(sex) : old != null ? old.sex() : null,
                    weight != null ? PatientInput.weightKg(weight) : old != null ? old.weightKg() : null,
                    height != null ? PatientInput.heightCm(height) : old != null ? old.heightCm() : null,
                    notes != null ? notes : old != null ? old.notes() : null);
        }
    }

    static Map<String, String> details(Patient p) {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("name", p.name());
        if (p.birth() != null) d.put("birth", p.birth().toString());
        if (p.sex() != null) d.put("sex", p.sex());
        if (p.weightKg() != null) d.put("weight_kg", p.weightKg().toString());
        if (p.heightCm() != null) d.put("height_cm", p.heightCm().toString());
        return d;
    }

    /** What add and edit both take: the patient's fields and who is changing them. */
    private abstract static class Change implements Callable<Integer> {
        @Mixin
        Fields fields;
        @Mixin
        WorkflowAccess access;
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Register a patient.")
    static final class Add extends Change {
        @Option(names = "--id", required = true, description = "Patient ID (unique).")
        String id;

        @Override
        public Integer call() {
            String pid = PatientInput.id(id);
            Patient p = fields.apply(pid, null);
            try (WorkflowAccess.Session session = access.session(Role::mayScan, "register patients")) {
                session.workflow().patients().add(p);
                session.audit("patient.create", "patient " + pid, details(p));
                System.out.println("Patient " + pid + " registered: " + p.name());
            }
            return 0;
        }
    }

    @Command(name = "edit", mixinStandardHelpOptions = true, description = "Change a patient's record (the old values are kept).")
    static final class Edit extends Change {
        @Parameters(paramLabel = "ID")
        String id;

        @Override
        public Integer call() {
            try (Workflow w = access.open()) {
                Patient old = w.patients().get(id).orElseThrow(() -> new InvalidInputException("ID", "no patient " + id));
                Patient p = fields.apply(id, old);
                Actor a = access.login(w, Role::mayScan, "edit patients");
                w.patients().edit(p, a.name());
                w.audit().append(a.name(), a.role().text(), "patient.edit", "patient " + id, details(p));
                System.out.println("Patient " + id + " updated");
            }
            return 0;
        }
    }
}
