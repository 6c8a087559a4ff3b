package org.lodestone.console.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import org.lodestone.workflow.Workflow;
import org.lodestone.workflow.patient.Patient;
import org.lodestone.workflow.patient.Patients;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.concurrent.Callable;

/** {@code patients [--json] [--find TEXT]}. */
@Command(name = "patients", mixinStandardHelpOptions = true, description = "List registered patients.")
public final class PatientsCommand implements Callable<Integer> {
    @Option(names = "--json", description = "JSON instead of a table.")
    boolean json;

    @Option(names = "--find", paramLabel = "TEXT", description = "Only patients whose ID or name contains TEXT.")
    String find;

    @picocli.CommandLine.Mixin
    WorkflowAccess access;

    @Override
    public Integer call() throws Exception {
        try (Workflow w = WorkflowAccess.open()) {
            access.login(w, r -> true, "list patients");
            List<Patient> list = w.patients().list(find);
            if (json) {
                ObjectMapper m = new ObjectMapper();
                ArrayNode a = m.createArrayNode();
                list.forEach(p -> a.add(Patients.toJson(p)));
                System.out.println(m.writerWithDefaultPrettyPrinter().writeValueAsString(a));
            } else {
                for (Patient p : list) {
                    System.out.printf("%-16s %-32s %-10s %-1s %s%n", p.id(), p.name(), p.birth() == null ? "" : p.birth(),
                            p.sex() == null ? "" : p.sex(), p.weightKg() == null ? "" : p.weightKg() + " kg");
                }
            }
        }
        return 0;
    }
}
