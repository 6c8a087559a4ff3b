package org.lodestone.console.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.lodestone.workflow.Workflow;
import org.lodestone.workflow.patient.Patient;
import org.lodestone.workflow.patient.Patients;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.List;

/** {@code patients [--json] [--find TEXT]}. */
@Command(name = "patients", mixinStandardHelpOptions = true, description = "List registered patients.")
public final class PatientsCommand extends ListingCommand<Patient> {
    @Option(names = "--find", paramLabel = "TEXT", description = "Only patients whose ID or name contains TEXT.")
    String find;

    PatientsCommand() {
        super("list patients");
    }

    @Override
    List<Patient> items(Workflow w) {
        return w.patients().list(find);
    }

    @Override
    JsonNode toJson(Patient p) {
        return Patients.toJson(p);
    }

    @Override
    void printRow(Patient p) {
        System.out.printf("%-16s %-32s %-10s %-1s %s%n", p.id(), p.name(), p.birth() == null ? "" : p.birth(),
                p.sex() == null ? "" : p.sex(), p.weightKg() == null ? "" : p.weightKg() + " kg");
    }
}
