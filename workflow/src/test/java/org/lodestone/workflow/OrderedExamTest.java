package org.lodestone.workflow;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lodestone.workflow.exam.Exam;
import org.lodestone.workflow.exam.ExamRecorder;
import org.lodestone.workflow.exam.SeriesHandle;
import org.lodestone.workflow.patient.Patient;
import org.lodestone.workflow.user.Actor;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** An exam ordered by the RIS (worklist pick) on a real H2 file: its UID and accession kept, scans go into it. */
class OrderedExamTest {
    @TempDir
    Path tmp;

    @Test
    void thePickedOrderIsTheExamTheNextScanGoesInto() {
        String uid = "1.2.826.0.1.3680043.2.1125.1.77";
        try (Workflow w = Workflow.open(new WorkflowHome(tmp.resolve("home")))) {
            w.patients().add(new Patient("P7", "Åström^Åsa", null, "F", null, null, null));
            w.patients().add(new Patient("P8", "Doe^Jane", null, "F", null, null, null));
            Exam ordered = w.exams().openOrdered("P7", uid, "ACC-77", "MR knee");
            assertThat(ordered.accession()).isEqualTo("ACC-77");
            assertThat(ordered.isOpen()).isTrue();
            assertThat(w.exams().openOrdered("P7", uid, "ACC-77", "MR knee").id()).as("picked twice: one exam").isEqualTo(ordered.id());
            assertThatThrownBy(() -> w.exams().openOrdered("P8", uid, "ACC-77", "")).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("belongs to patient P7");
            assertThatThrownBy(() -> w.exams().openOrdered("P8", "not-a-uid", "ACC-1", "")).isInstanceOf(InvalidInputException.class);

            SeriesHandle s = w.recorder().begin(new ExamRecorder.ScanPlan("P7", null, "se2d", Map.of(), tmp.resolve("s1")), Actor.OPERATOR);
            assertThat(s.studyUid()).isEqualTo(uid);
            assertThat(w.exams().list("P7")).singleElement().satisfies(e -> assertThat(e.series()).hasSize(1));
        }
    }
}
