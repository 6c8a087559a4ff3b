package org.lodestone.console.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import org.lodestone.workflow.Workflow;
import org.lodestone.workflow.patient.Patients;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

/** {@code patients [--json] [--find TEXT]}. */
@Command(name = "patients", mixinStandardHelpOptions = true, description = "List registered patients.")
public final class PatientsCommand implements Callable<Integer> {
    @picocli.CommandLine.Mixin
    JsonListing listing;

    @Option(names = "--find", paramLabel = "TEXT", description = "Only patients whose ID or name contains TEXT.")
    String find;

    @picocli.CommandLine.Mixin
    WorkflowAccess access;

    @Override
    public Integer call() throws Exception {
        try (WorkflowAccess.Session session = access.session(r -> true, "list patients")) {
            listing.print(session.workflow().patients().list(find), Patients::toJson, p -> System.out.printf("%-16s %-32s %-10s %-1s %s%n",
                    p.id(), p.name(), p.birth() == null ? "" : p.birth(), p.sex() == null ? "" : p.sex(),
                    p.weightKg() == null ? "" : p.weightKg() + " kg"));
        }
        return 0;
    }
}
