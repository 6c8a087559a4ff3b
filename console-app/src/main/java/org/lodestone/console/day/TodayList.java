package org.lodestone.console.day;

import org.lodestone.dicom.model.DicomPatient;
import org.lodestone.dicom.net.DicomClient;
import org.lodestone.dicom.net.DicomNode;
import org.lodestone.dicom.net.NetworkFailure;
import org.lodestone.dicom.worklist.WorklistClient;
import org.lodestone.dicom.worklist.WorklistEntry;
import org.lodestone.dicom.worklist.WorklistResult;
import org.lodestone.workflow.Workflow;
import org.lodestone.workflow.exam.DicomUid;
import org.lodestone.workflow.exam.Exam;
import org.lodestone.workflow.patient.Patient;
import org.lodestone.workflow.patient.PersonName;
import org.lodestone.workflow.user.Actor;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Today's list: the RIS's Modality Worklist (refresh and search) and exams opened for patients registered by hand.
 * Picking an entry does what {@code worklist --pick} does: registers its patient unless known and opens the
 * ordered exam with the RIS's accession number and Study UID, audited.
 *
 * @param ris the RIS to ask, or null when the site has none (the list then only holds hand registrations)
 */
public record TodayList(Workflow workflow, DicomClient client, DicomNode ris) {

    public boolean hasRis() {
        return ris != null;
    }

    /** Today's MR procedures for {@code stationAe} (null: any station); a network failure comes back as its sentence. */
    public WorklistResult refresh(LocalDate day, String stationAe) throws NetworkFailure {
        if (ris == null) return new WorklistResult(List.of(), List.of());
        return new WorklistClient(client).query(ris, day, stationAe);
    }

    /** Entries whose patient name, ID, accession or procedure contains the text (any case). */
    public static List<WorklistEntry> search(List<WorklistEntry> entries, String text) {
        String q = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        if (q.isEmpty()) return entries;
        return entries.stream().filter(e -> (e.patientName() + " " + e.patientId() + " " + e.accessionNumber() + " "
                + e.requestedProcedureDescription()).toLowerCase(Locale.ROOT).contains(q)).toList();
    }

    /** Registers the entry's patient (unless known) and opens its ordered exam. */
    public Exam pick(WorklistEntry e, Actor by) {
        DicomPatient dp = e.patient();
        if (workflow.patients().get(dp.id()).isEmpty()) {
            workflow.patients().add(new Patient(dp.id(), PersonName.check("patient name", dp.name()), dp.birthDate(),
                    dp.sex().isEmpty() ? null : dp.sex(), null, null, null));
            new DayAudit(workflow.audit()).record(by, "patient.create", "patient " + dp.id(), Map.of("source", "worklist"));
        }
        Exam exam = workflow.exams().openOrdered(dp.id(), e.studyInstanceUid(), e.accessionNumber(), e.requestedProcedureDescription());
        new DayAudit(workflow.audit()).study(by, "worklist.pick", exam.studyUid(),
                Map.of("accession", exam.accession(), "patient", dp.id(), "ris", ris == null ? "" : ris.name()));
        return exam;
    }

    /** Opens an exam for a patient registered by hand: a new Study UID, an accession made here ("L" + date and time). */
    public Exam openWalkIn(String patientId, String reason, Actor by, LocalDateTime now) {
        String accession = "L" + now.format(DateTimeFormatter.ofPattern("yyMMddHHmmss"));
        Exam exam = workflow.exams().openOrdered(patientId, DicomUid.create(), accession, reason == null || reason.isBlank() ? "MR" : reason);
        new DayAudit(workflow.audit()).study(by, "exam.open", exam.studyUid(), Map.of("patient", patientId, "source", "console"));
        return exam;
    }

    /** A patient's earlier exams, newest first. */
    public List<Exam> previousExams(String patientId) {
        return workflow.exams().list(patientId).stream().sorted((a, b) -> b.opened().compareTo(a.opened())).toList();
    }
}
