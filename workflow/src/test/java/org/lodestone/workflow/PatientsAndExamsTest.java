package org.lodestone.workflow;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lodestone.workflow.care.Backup;
import org.lodestone.workflow.care.DicomOutboxTables;
import org.lodestone.workflow.care.FileVerifier;
import org.lodestone.workflow.care.Retention;
import org.lodestone.workflow.exam.Exam;
import org.lodestone.workflow.exam.ExamRecorder;
import org.lodestone.workflow.exam.SeriesHandle;
import org.lodestone.workflow.exam.SeriesStatus;
import org.lodestone.workflow.patient.Patient;
import org.lodestone.workflow.patient.PatientInput;
import org.lodestone.workflow.patient.PersonName;
import org.lodestone.workflow.user.Actor;
import org.lodestone.workflow.user.Role;
import org.lodestone.workflow.user.Users;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Patients, exams, series, users, retention, verify and backup on a real H2 file. */
class PatientsAndExamsTest {
    @TempDir
    Path tmp;

    private static final Actor ANNA = new Actor("anna", Role.TECHNICIAN);

    @Test
    void namesInAnyScriptAreKeptExactlyAndEditsKeepHistory() {
        try (Workflow w = Workflow.open(new WorkflowHome(tmp.resolve("home")))) {
            for (String[] p : List.of(new String[]{"P001", "王^小明"}, new String[]{"P002", "Müller-Lüdenscheidt^Jürgen"},
                    new String[]{"P003", "Ødegård^Åse"})) {
                w.patients().add(new Patient(p[0], new PersonName(p[1]).value(), LocalDate.of(1980, 2, 29), "F", 61.5, 168.0, null));
            }
            assertThat(w.patients().get("P001").orElseThrow().name()).isEqualTo("王^小明");
            assertThat(w.patients().list("ødegård")).extracting(Patient::id).containsExactly("P003");
            w.patients().edit(new Patient("P002", "Müller-Lüdenscheidt^Jürgen", LocalDate.of(1980, 2, 29), "M", 80.0, 180.0, "edited"), "anna");
            assertThat(w.patients().get("P002").orElseThrow().weightKg()).isEqualTo(80.0);
            assertThat(w.patients().history("P002")).singleElement().asString().contains("61.5").contains("Jürgen");
            assertThatThrownBy(() -> w.patients().add(new Patient("P001", "X^Y", null, null, null, null, null)))
                    .isInstanceOf(InvalidInputException.class).hasMessage("--id: patient P001 already exists");
        }
    }

    @Test
    void badInputNamesTheField() {
        assertThatThrownBy(() -> PatientInput.weightKg("400")).hasMessageStartingWith("--weight:");
        assertThatThrownBy(() -> PatientInput.weightKg("0.2")).hasMessageStartingWith("--weight:");
        assertThatThrownBy(() -> PatientInput.birth("1980-13-01")).hasMessageStartingWith("--birth:");
        assertThatThrownBy(() -> PatientInput.sex("X")).hasMessageStartingWith("--sex:");
        assertThatThrownBy(() -> new PersonName("^Given")).hasMessageStartingWith("name:");
        assertThatThrownBy(() -> new PersonName("A\\B^C")).hasMessageStartingWith("name:");
        assertThatThrownBy(() -> PatientInput.id("P 1")).hasMessageStartingWith("--id:");
        assertThat(PatientInput.weightKg("0.5")).isEqualTo(0.5);
    }

    @Test
    void scansGoIntoThePatientsOpenExamAndEndWithHashes() throws Exception {
        WorkflowHome home = new WorkflowHome(tmp.resolve("home"));
        try (Workflow w = Workflow.open(home)) {
            w.patients().add(new Patient("P001", "王^小明", null, null, null, null, null));
            SeriesHandle a = w.recorder().begin(new ExamRecorder.ScanPlan("P001", null, "se2d", Map.of("matrix", 32.0), null), ANNA);
            Files.createDirectories(a.directory());
            Files.writeString(a.directory().resolve("raw.mrd"), "raw");
            Files.writeString(a.directory().resolve("images.nii"), "img");
            assertThat(a.finish("COMPLETE", 32, 32, "Scan complete", "v000003")).isEqualTo(SeriesStatus.COMPLETED);
            SeriesHandle b = w.recorder().begin(new ExamRecorder.ScanPlan("P001", null, "fid", Map.of(), null), ANNA);
            assertThat(b.studyUid()).isEqualTo(a.studyUid());
            assertThat(b.number()).isEqualTo(2);
            b.finish("ABORTED", 10, 3, "aborted", null);
            SeriesHandle qa = w.recorder().begin(new ExamRecorder.ScanPlan(null, null, "noise", Map.of(), null), ANNA);
            assertThat(qa.patient().id()).isEqualTo("UNREGISTERED");
            qa.finish("FAILED", 0, 0, "no unit", null);

            List<Exam> exams = w.exams().list("P001");
            assertThat(exams).singleElement().satisfies(e -> {
                assertThat(e.series()).extracting(s -> s.status()).containsExactly(SeriesStatus.COMPLETED, SeriesStatus.ABORTED);
                assertThat(e.series().getFirst().linesReceived()).isEqualTo(32);
                assertThat(e.series().getFirst().calibrationVersion()).isEqualTo("v000003");
            });
            assertThatThrownBy(() -> w.recorder().begin(new ExamRecorder.ScanPlan("P404", null, "fid", Map.of(), null), ANNA))
                    .hasMessageStartingWith("--patient: no patient P404");

            // verify names the damaged file
            assertThat(FileVerifier.run(w.database()).damaged()).isEmpty();
            Files.writeString(a.directory().resolve("images.nii"), "IMG");
            assertThat(FileVerifier.run(w.database()).damaged()).singleElement()
                    .satisfies(d -> assertThat(d.path()).endsWith("images.nii"));

            // a closed exam is read-only; retention keeps it (unsent, within 15 years)
            w.exams().close(a.studyUid());
            assertThatThrownBy(() -> w.recorder().begin(new ExamRecorder.ScanPlan("P001", a.studyUid(), "fid", Map.of(), null), ANNA))
                    .hasMessage("--exam: exam " + a.studyUid() + " is closed");
            var verdicts = new Retention(w.database(), w.retentionPolicy()).review(Instant.now().plusSeconds(20L * 365 * 86400));
            assertThat(verdicts).filteredOn(v -> v.studyUid().equals(a.studyUid())).singleElement()
                    .satisfies(v -> assertThat(v.reason()).isEqualTo("not sent to the archive"));
            DicomOutboxTables.create(w.database());
            DicomOutboxTables.queue(w.database(), a.studyUid(), 2, 2);
            var later = new Retention(w.database(), w.retentionPolicy());
            assertThat(later.review(Instant.now().plusSeconds(20L * 365 * 86400))).filteredOn(v -> v.studyUid().equals(a.studyUid()))
                    .singleElement().satisfies(v -> assertThat(v.mayGo()).isTrue());
            assertThat(later.review(Instant.now().plusSeconds(10L * 365 * 86400))).filteredOn(v -> v.studyUid().equals(a.studyUid()))
                    .singleElement().satisfies(v -> assertThat(v.mayGo()).isFalse());

            // a consistent backup while the database is open, restored into a fresh directory
            Backup.write(home, w.database(), tmp.resolve("backup.zip"));
        }
        WorkflowHome fresh = new WorkflowHome(tmp.resolve("restored"));
        Backup.restore(fresh, tmp.resolve("backup.zip"));
        try (Workflow r = Workflow.open(fresh)) {
            assertThat(r.exams().list(null)).hasSize(2);
            assertThat(r.patients().get("P001").orElseThrow().name()).isEqualTo("王^小明");
            assertThat(r.audit().verify().ok()).as(r.audit().verify().describe()).isTrue();
        }
    }

    @Test
    void argon2idLoginsLockAfterFiveFailures() throws Exception {
        try (Workflow w = Workflow.open(new WorkflowHome(tmp.resolve("home")))) {
            Users u = w.users();
            assertThat(u.none()).isTrue();
            u.add("admin", Role.ADMINISTRATOR, "correct horse".toCharArray());
            assertThat(u.authenticate("admin", "correct horse".toCharArray()).actor()).contains(new Actor("admin", Role.ADMINISTRATOR));
            for (int i = 0; i < Users.MAX_FAILURES; i++) assertThat(u.authenticate("admin", "wrong".toCharArray()).actor()).isEmpty();
            Users.Login locked = u.authenticate("admin", "correct horse".toCharArray());
            assertThat(locked.actor()).isEmpty();
            assertThat(locked.refusal()).contains("locked");
            try (var c = w.database().connection(); var rs = c.createStatement().executeQuery("SELECT password_hash FROM app_user")) {
                rs.next();
                assertThat(rs.getString(1)).startsWith("$argon2id$v=19$").doesNotContain("correct");
            }
        }
    }
}
