package org.lodestone.workflow.care;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lodestone.workflow.InvalidInputException;
import org.lodestone.workflow.Workflow;
import org.lodestone.workflow.WorkflowHome;
import org.lodestone.workflow.audit.AuditEntry;
import org.lodestone.workflow.exam.ExamRecorder;
import org.lodestone.workflow.exam.Exams;
import org.lodestone.workflow.exam.SeriesHandle;
import org.lodestone.workflow.patient.Patient;
import org.lodestone.workflow.user.Actor;
import org.lodestone.workflow.user.Role;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The purge on a real H2 file with back-dated closing times: only what the dry run lists as "could go" goes. */
class RetentionPurgeTest {
    @TempDir
    Path tmp;

    private static final Actor ADMIN = new Actor("root", Role.ADMINISTRATOR);
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private static final Instant SIXTEEN_YEARS_AGO = NOW.atZone(ZoneOffset.UTC).minusYears(16).toInstant();

    @Test
    void purgesOnlyClosedSentUnheldExamsPastTheirKeepPeriodAndAuditsEach() throws Exception {
        try (Workflow w = Workflow.open(new WorkflowHome(tmp.resolve("home")))) {
            DicomOutboxTables.create(w.database());
            w.patients().add(new Patient("P1", "Doe^Jane", null, null, null, null, null));
            Exam expired = closedExam(w, SIXTEEN_YEARS_AGO);
            DicomOutboxTables.queue(w.database(), expired.uid, 3, 3);
            Exam held = closedExam(w, SIXTEEN_YEARS_AGO);
            DicomOutboxTables.queue(w.database(), held.uid, 2, 2);
            w.exams().hold(held.uid, "litigation 2041/7");
            Exam halfSent = closedExam(w, SIXTEEN_YEARS_AGO);
            DicomOutboxTables.queue(w.database(), halfSent.uid, 2, 1);
            Exam neverQueued = closedExam(w, SIXTEEN_YEARS_AGO);
            Exam recent = closedExam(w, NOW.minus(400, ChronoUnit.DAYS));
            DicomOutboxTables.queue(w.database(), recent.uid, 1, 1);
            Exam open = series(w);

            Retention retention = new Retention(w.database(), w.retentionPolicy());
            assertThat(retention.review(NOW)).extracting(Retention.Verdict::studyUid, Retention.Verdict::reason).containsExactly(
                    tuple(expired.uid, "keep period over"), tuple(held.uid, "on hold"), tuple(halfSent.uid, "not sent to the archive"),
                    tuple(neverQueued.uid, "not sent to the archive"),
                    tuple(recent.uid, "kept until " + NOW.minus(400, ChronoUnit.DAYS).atZone(ZoneOffset.UTC).plusYears(15).toInstant()),
                    tuple(open.uid, "exam still open"));

            RetentionPurge purge = new RetentionPurge(w.database(), w.retentionPolicy(), w.audit());
            assertThatThrownBy(() -> purge.run(NOW, new Actor("svc", Role.SERVICE_ENGINEER)))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("administrators only");
            int entriesBefore = w.audit().entries().size();

            assertThat(purge.run(NOW, ADMIN)).singleElement().satisfies(p -> {
                assertThat(p.studyUid()).isEqualTo(expired.uid);
                assertThat(p.filesDeleted()).isEqualTo(3);
            });
            assertThat(expired.folder).doesNotExist();
            for (Exam kept : List.of(held, halfSent, neverQueued, recent, open)) {
                assertThat(kept.folder.resolve("raw.mrd")).exists();
            }
            assertThat(w.exams().get(expired.uid)).as("the exam's rows stay").isPresent();
            assertThat(retention.review(NOW)).extracting(Retention.Verdict::studyUid).doesNotContain(expired.uid);
            assertThat(FileVerifier.run(w.database()).damaged()).as("purged files are no longer expected").isEmpty();

            List<AuditEntry> added = w.audit().entries().subList(entriesBefore, w.audit().entries().size());
            assertThat(added).extracting(AuditEntry::action).containsExactly("exam.purge", "retention.purge");
            assertThat(added.get(0).object()).isEqualTo("study " + expired.uid);
            assertThat(added.get(1).details()).containsEntry("exams_purged", "1");

            // released from hold, the held exam goes at the next purge; a purged exam cannot be held any more
            w.exams().release(held.uid);
            assertThat(purge.run(NOW, ADMIN)).extracting(RetentionPurge.Purged::studyUid).containsExactly(held.uid);
            assertThatThrownBy(() -> w.exams().hold(expired.uid, "too late")).hasMessageContaining("was purged");
            assertThat(w.audit().verify().ok()).as(w.audit().verify().describe()).isTrue();
        }
    }

    @Test
    void holdNeedsAReasonAndCannotBeDoubled() throws Exception {
        try (Workflow w = Workflow.open(new WorkflowHome(tmp.resolve("home")))) {
            w.patients().add(new Patient("P1", "Doe^Jane", null, null, null, null, null));
            Exam e = series(w);
            assertThatThrownBy(() -> w.exams().hold(e.uid, " ")).hasMessageStartingWith("--reason:");
            w.exams().hold(e.uid, "court order");
            assertThatThrownBy(() -> w.exams().hold(e.uid, "again")).hasMessageContaining("already on hold");
            w.exams().release(e.uid);
            assertThatThrownBy(() -> w.exams().release(e.uid)).hasMessageContaining("is not on hold");
        }
    }

    private record Exam(String uid, Path folder) {
    }

    private static org.assertj.core.groups.Tuple tuple(Object... values) {
        return org.assertj.core.groups.Tuple.tuple(values);
    }

    private static Exam series(Workflow w) throws Exception {
        SeriesHandle s = w.recorder().begin(new ExamRecorder.ScanPlan("P1", null, "fid", Map.of(), null), ADMIN);
        Files.createDirectories(s.directory());
        for (String f : List.of("raw.mrd", "images.nii", "scan.json")) Files.writeString(s.directory().resolve(f), f);
        s.finish("COMPLETE", 4, 4, "Scan complete", null);
        return new Exam(s.studyUid(), s.directory());
    }

    private static Exam closedExam(Workflow w, Instant closedAt) throws Exception {
        Exam e = series(w);
        new Exams(w.database(), Clock.fixed(closedAt, ZoneOffset.UTC)).close(e.uid);
        return e;
    }
}
