package org.lodestone.workflow;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lodestone.workflow.exam.Series;
import org.lodestone.workflow.patient.Patient;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The scan queue of an exam is stored: its order survives closing and reopening the database file. */
class ExamQueueTest {
    @TempDir
    Path tmp;

    private static final String STUDY = "1.2.826.0.1.3680043.2.1143.77";

    @Test
    void threeQueuedScansKeepTheirOrderAcrossRestartsAndMoves() {
        WorkflowHome home = new WorkflowHome(tmp.resolve("home"));
        try (Workflow w = Workflow.open(home)) {
            w.patients().add(new Patient("P1", "Doe^Jane", null, null, null, null, null));
            w.exams().openOrdered("P1", STUDY, "ACC77", "knee");
            w.exams().schedule(STUDY, "se2d", "{\"matrix\":64.0}");
            w.exams().schedule(STUDY, "gre", "{}");
            w.exams().schedule(STUDY, "fid", "{}");
        }
        try (Workflow w = Workflow.open(home)) {
            assertThat(w.exams().queue(STUDY)).extracting(Series::protocol).containsExactly("se2d", "gre", "fid");
            assertThat(w.exams().queue(STUDY).getFirst().parameters()).isEqualTo("{\"matrix\":64.0}");
            w.exams().reschedule(STUDY, 3, 1);
            assertThatThrownBy(() -> w.exams().reschedule(STUDY, 1, 4)).hasMessage("--to: position 4 is not in the queue (1–3)");
        }
        try (Workflow w = Workflow.open(home)) {
            assertThat(w.exams().queue(STUDY)).extracting(Series::protocol).containsExactly("fid", "se2d", "gre");
            assertThat(w.exams().unschedule(STUDY, 2).protocol()).isEqualTo("se2d");
            w.exams().schedule(STUDY, "se2d", "{}");
        }
        try (Workflow w = Workflow.open(home)) {
            assertThat(w.exams().queue(STUDY)).extracting(Series::protocol).containsExactly("fid", "gre", "se2d");
            assertThatThrownBy(() -> w.exams().unschedule(STUDY, 0)).hasMessageStartingWith("N: position 0");
            assertThatThrownBy(() -> w.exams().queue("1.2.3").getFirst()).isInstanceOf(java.util.NoSuchElementException.class);
        }
    }
}
