package org.lodestone.console.service.mobile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lodestone.console.ui.day.DayContext;
import org.lodestone.console.ui.day.TechnicianWindow;
import org.lodestone.workflow.WorkflowHome;
import org.lodestone.workflow.exam.Exam;
import org.lodestone.workflow.patient.Patient;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue #17, mobile unit: after a power loss the console comes back to the same state. The window's context is
 * built twice over one data directory (the second as after a restart): the exam open in the first is open
 * again, with its queue, and transport mode is still on. What the window remembers is written when it changes,
 * not on shutdown.
 */
class PowerLossRestoreTest {
    private static final String STUDY = "1.2.826.0.1.3680043.9.7133.17.1";

    @TempDir
    Path data;

    private DayContext window() {
        TechnicianWindow.Config config = new TechnicianWindow.Config(new WorkflowHome(data), () -> {
            throw new IllegalStateException("no unit in this test");
        }, null, "LODESTONE", null, null, Duration.ofMinutes(10), Locale.ENGLISH, null, null);
        return new DayContext(config);
    }

    @Test
    void theOpenExamItsQueueAndTransportModeComeBack() throws Exception {
        try (DayContext before = window()) {
            assertThat(before.exam.get()).as("nothing open on a first start").isNull();
            before.workflow.patients().add(new Patient("P17", "Lee^Ann", null, "F", 61.0, null, null));
            Exam exam = before.workflow.exams().openOrdered("P17", STUDY, "ACC17", "knee pain");
            before.workflow.exams().schedule(STUDY, "se2d", "{\"matrix\":128}");
            before.workflow.exams().schedule(STUDY, "tse2d", "{}");
            before.exam.set(exam);
            new TransportMode(data).enter("crew", Optional.empty());
            assertThat(Files.readString(data.resolve("mobile/open-exam"))).as("written at once").isEqualTo(STUDY);
        }

        try (DayContext after = window()) {
            assertThat(after.exam.get()).isNotNull();
            assertThat(after.exam.get().studyUid()).isEqualTo(STUDY);
            assertThat(after.workflow.exams().queue(STUDY)).extracting(s -> s.protocol()).containsExactly("se2d", "tse2d");
            MobileState mobile = new TransportMode(data).state();
            assertThat(mobile.transport()).isTrue();
            assertThat(mobile.patientScansAllowed()).isFalse();
            after.workflow.exams().close(STUDY);
            assertThat(new OpenExamMemory(data).restore(after.workflow.exams())).as("a closed exam is not opened again").isEmpty();
        }
    }
}
