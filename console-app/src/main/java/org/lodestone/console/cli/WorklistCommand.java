package org.lodestone.console.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.lodestone.dicom.model.DicomPatient;
import org.lodestone.dicom.net.DicomNode;
import org.lodestone.dicom.net.NetworkFailure;
import org.lodestone.dicom.outbox.Destinations;
import org.lodestone.dicom.worklist.WorklistClient;
import org.lodestone.dicom.worklist.WorklistEntry;
import org.lodestone.dicom.worklist.WorklistResult;
import org.lodestone.workflow.InvalidInputException;
import org.lodestone.workflow.Workflow;
import org.lodestone.workflow.exam.Exam;
import org.lodestone.workflow.patient.Patient;
import org.lodestone.workflow.patient.PersonName;
import org.lodestone.workflow.user.Actor;
import org.lodestone.workflow.user.Role;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import javax.sql.DataSource;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/** Modality Worklist: the MR procedures the RIS scheduled at this station. */
@Command(name = "worklist", mixinStandardHelpOptions = true, description = "Query the Modality Worklist of a RIS.")
public final class WorklistCommand implements Callable<Integer> {
    @Option(names = "--from", required = true, paramLabel = "NAME", description = "The RIS, a destination added with 'pacs add'.")
    String from;

    @Option(names = "--date", defaultValue = "today", paramLabel = "today|YYYY-MM-DD|any",
            description = "Scheduled date (default ${DEFAULT-VALUE}).")
    String date;

    @Option(names = "--station", paramLabel = "AET", description = "Scheduled station AE title (default: our AE title; 'any' for all).")
    String station;

    @Option(names = "--json", description = "As JSON.")
    boolean json;

    @Option(names = "--pick", paramLabel = "ACCESSION",
            description = "Take this entry: register its patient (unless known) and open its exam with the RIS's accession number and Study UID.")
    String pick;

    @Mixin DicomOptions dicom;
    @Mixin WorkflowAccess access;

    @Override
    public Integer call() throws Exception {
        LocalDate day = switch (date) {
            case "today" -> LocalDate.now();
            case "any" -> null;
            default -> {
                try {
                    yield LocalDate.parse(date);
                } catch (DateTimeParseException e) {
                    throw new IllegalArgumentException("--date '" + date + "' is not today, any or YYYY-MM-DD");
                }
            }
        };
        String stationAe = station == null ? dicom.aeTitle : "any".equals(station) ? null : station;
        DicomNode ris;
        try (Workflow w = access.open()) {
                DataSource db = w.database().dataSource();
            ris = new Destinations(db).find(from).orElseThrow(() -> new IllegalArgumentException(
                    "no destination named '" + from + "'; add the RIS with 'lodestone pacs add'"));
        }
        WorklistResult r;
        try {
            r = new WorklistClient(dicom.client()).query(ris, day, stationAe);
        } catch (NetworkFailure f) {
            System.err.println("lodestone: " + f.getMessage());
            return 1;
        }
        for (String w : r.warnings()) System.err.println("lodestone: warning: " + w);
        if (pick != null) return pick(r);
        if (json) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("entries", r.entries());
            out.put("warnings", r.warnings());
            System.out.println(new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                    .enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(out));
            return 0;
        }
        if (r.entries().isEmpty()) System.out.println("no scheduled MR procedures");
        for (WorklistEntry e : r.entries()) {
            System.out.printf("%s %s  %-24s %-12s acc %-12s %s%n", e.scheduledDate(), e.scheduledTime(), e.patientName(),
                    e.patientId(), e.accessionNumber(), e.requestedProcedureDescription());
        }
        return 0;
    }

    /** Registers the picked entry's patient (an existing ID is kept as registered) and opens its exam; audited. */
    private int pick(WorklistResult r) {
        WorklistEntry e = r.entries().stream().filter(x -> pick.equals(x.accessionNumber())).findFirst()
                .orElseThrow(() -> new InvalidInputException("--pick", "no worklist entry with accession number " + pick));
        try (WorkflowAccess.Session session = access.session(Role::mayScan, "pick worklist entries")) {
            Workflow w = session.workflow();
            DicomPatient dp = e.patient();
            boolean known = w.patients().get(dp.id()).isPresent();
            if (!known) {
                w.patients().add(new Patient(dp.id(), PersonName.check("patient name", dp.name()), dp.birthDate(),
                        dp.sex().isEmpty() ? null : dp.sex(), null, null, null));
                session.audit("patient.create", "patient " + dp.id(), Map.of("source", "worklist " + from));
            }
            Exam exam = w.exams().openOrdered(dp.id(), e.studyInstanceUid(), e.accessionNumber(), e.requestedProcedureDescription());
            session.audit("worklist.pick", "study " + exam.studyUid(),
                    Map.of("accession", exam.accession(), "patient", dp.id(), "ris", from));
            System.out.printf("picked: exam %s (accession %s) for patient %s %s%s%n", exam.studyUid(), exam.accession(), dp.id(),
                    dp.name(), known ? " (already registered)" : "");
        }
        return 0;
    }
}
