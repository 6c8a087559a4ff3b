package org.lodestone.workflow.exam;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.lodestone.workflow.InvalidInputException;
import org.lodestone.workflow.WorkflowHome;
import org.lodestone.workflow.audit.AuditTrail;
import org.lodestone.workflow.patient.Patient;
import org.lodestone.workflow.patient.Patients;
import org.lodestone.workflow.store.Database;
import org.lodestone.workflow.user.Actor;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;

/**
 * Puts a scan into the database: {@link #begin} marks its series in progress (committed before the scan's
 * first line) and the returned {@link SeriesHandle} records how it ended.
 */
public record ExamRecorder(Database db, WorkflowHome home, AuditTrail audit) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What is about to be scanned and for whom; patientId and studyUid may be null, outDir too (then the series folder). */
    public record ScanPlan(String patientId, String studyUid, String protocol, Map<String, Double> parameters, Path outDir) {
        public ScanPlan {
            parameters = new TreeMap<>(parameters);
        }
    }

    /**
     * Checks the plan, opens the patient's exam if needed and marks a new series in progress, owned by this
     * process. Without a patient the scan goes to the "unregistered" patient's exam.
     */
    public SeriesHandle begin(ScanPlan plan, Actor actor) {
        String params = JSON.valueToTree(plan.parameters()).toString();
        ProcessHandle self = ProcessHandle.current();
        SeriesHandle h = db.inTransaction(c -> {
            Patient p = plan.patientId() == null ? Patients.unregistered(c)
                    : Patients.find(c, plan.patientId()).orElseThrow(() -> new InvalidInputException("--patient",
                    "no patient " + plan.patientId() + " (register with: lodestone patient add --id " + plan.patientId() + " --name FAMILY^GIVEN)"));
            Exam exam;
            if (plan.studyUid() != null) {
                exam = Exams.find(c, plan.studyUid()).orElseThrow(() -> new InvalidInputException("--exam", "no exam " + plan.studyUid()));
                if (!exam.patient().id().equals(p.id()) && plan.patientId() != null) {
                    throw new InvalidInputException("--exam", "exam " + plan.studyUid() + " belongs to patient " + exam.patient().id());
                }
                if (!exam.isOpen()) throw new InvalidInputException("--exam", "exam " + plan.studyUid() + " is closed");
            } else {
                exam = Exams.openExamFor(c, p);
            }
            long id = Exams.insertSeries(c, exam.id(), plan.protocol(), params, SeriesStatus.IN_PROGRESS, null);
            Series s = Exams.series(c, id);
            Path dir = plan.outDir() != null ? plan.outDir().toAbsolutePath()
                    : home.examsDirectory().resolve(exam.studyUid()).resolve(String.valueOf(s.number()));
            try (PreparedStatement ps = c.prepareStatement("UPDATE series SET raw_path = ?, owner_pid = ?, owner_started = ?, started = ? WHERE id = ?")) {
                ps.setString(1, dir.resolve("raw.mrd").toString());
                ps.setLong(2, self.pid());
                ps.setString(3, self.info().startInstant().map(Object::toString).orElse(""));
                ps.setObject(4, OffsetDateTime.now(ZoneOffset.UTC));
                ps.setLong(5, id);
                ps.executeUpdate();
            }
            return new SeriesHandle(db, audit, actor, id, exam.studyUid(), s.seriesUid(), s.number(), p, dir);
        });
        audit.append(actor.name(), actor.role().text(), "scan.start", "series " + h.seriesUid(),
                Map.of("patient", h.patient().id(), "study_uid", h.studyUid(), "protocol", plan.protocol(), "parameters", params));
        return h;
    }
}
