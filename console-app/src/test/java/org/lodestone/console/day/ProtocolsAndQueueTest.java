package org.lodestone.console.day;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lodestone.seq.limits.UnitProfile;
import org.lodestone.seq.protocol.ProtocolLibrary;
import org.lodestone.workflow.Workflow;
import org.lodestone.workflow.WorkflowHome;
import org.lodestone.workflow.exam.DicomUid;
import org.lodestone.workflow.patient.Patient;
import org.lodestone.workflow.user.Actor;
import org.lodestone.workflow.user.Role;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The protocol library by region, user protocols by role, the parameter check's defect fix, and the exam queue. */
class ProtocolsAndQueueTest {
    @TempDir
    Path tmp;

    @Test
    void everyRegionHasTunedProtocolsThatBuildOnTheUnit() throws Exception {
        ProtocolShelf shelf = ProtocolShelf.load(tmp.resolve("user"));
        for (String region : ProtocolShelf.REGIONS) {
            assertThat(shelf.region(region)).as(region).hasSizeGreaterThanOrEqualTo(3);
            assertThat(shelf.region(region)).as(region + " starts with its localizer").first()
                    .extracting(LibraryProtocol::protocol).isEqualTo("localizer");
        }
        for (LibraryProtocol p : shelf.shipped()) {
            ProtocolShelf.validate(p); // throws with the parameter and reason when a default does not build
            assertThat(p.title(Texts.of(Texts.CHINESE))).as(p.id()).isNotEqualTo(p.title(Texts.english()));
        }
        assertThat(shelf.find("knee-t1-se").parameters()).containsEntry("fov", 180.0);
    }

    @Test
    void userProtocolsAreSavedExportedAndImportedButNotByTheViewerRole() throws Exception {
        Workflow w = Workflow.open(new WorkflowHome(tmp.resolve("home")));
        try (w) {
            w.users().add("tina", Role.TECHNICIAN, "pw-tina-1".toCharArray());
            w.users().add("vic", Role.VIEWER, "pw-vic-12".toCharArray());
            Session tech = new Session(w.users(), w.audit(), Clock.systemUTC(), Duration.ofMinutes(5));
            tech.login("tina", "pw-tina-1".toCharArray());
            Session viewer = new Session(w.users(), w.audit(), Clock.systemUTC(), Duration.ofMinutes(5));
            viewer.login("vic", "pw-vic-12".toCharArray());

            ProtocolShelf shelf = ProtocolShelf.load(tmp.resolve("user"));
            LibraryProtocol base = shelf.find("knee-t1-se");
            Map<String, Double> p = new HashMap<>(base.parameters());
            p.put("slices", 9.0);
            LibraryProtocol mine = new LibraryProtocol("knee-t1-thin", "knee", "se2d", Map.of("en", "Knee T1 thin"), p, null);
            assertThatThrownBy(() -> shelf.save(viewer, mine)).isInstanceOf(SecurityException.class);
            assertThat(shelf.save(tech, mine).author()).isEqualTo("tina");
            assertThat(shelf.region("knee")).extracting(LibraryProtocol::id).contains("knee-t1-thin");

            Map<String, Double> impossible = new HashMap<>(p);
            impossible.put("te", 450.0); // an echo later than the repetition time
            impossible.put("tr", 300.0);
            assertThatThrownBy(() -> shelf.save(tech, mine.withParameters(impossible))).hasMessageContaining("TR 300.0 ms is shorter than the minimum");

            Path export = tmp.resolve("export.json");
            assertThat(shelf.exportTo(tech, export)).isEqualTo(1);
            ProtocolShelf other = ProtocolShelf.load(tmp.resolve("other-unit"));
            assertThatThrownBy(() -> other.importFrom(viewer, export)).isInstanceOf(SecurityException.class);
            assertThat(other.importFrom(tech, export)).isEqualTo(1);
            assertThat(other.find("knee-t1-thin").parameters()).containsEntry("slices", 9.0);
            assertThat(Files.list(tmp.resolve("other-unit"))).hasSize(1);
        }
    }

    @Test
    void aTimingErrorIsShownAndMarkedWhileAnotherFieldIsInvalid() {
        var se = ProtocolLibrary.find("se2d").orElseThrow();
        Map<String, String> texts = new HashMap<>();
        se.parameters().forEach(s -> texts.put(s.name(), org.lodestone.seq.protocol.ParameterSpec.fmt(s.defaultValue())));
        texts.put("te", "450");  // cannot fit in TR 300
        texts.put("tr", "300");
        texts.put("fov", "abc"); // and a field that is not a number
        ParameterCheck.Result r = ParameterCheck.check(se, texts, (p, v) -> p.build(v, UnitProfile.PLANNING));
        assertThat(r.valid()).isFalse();
        assertThat(r.fieldErrors()).containsKey("fov");
        assertThat(r.fieldErrors()).as("the timing error is marked on its field next to the invalid one").containsKey("tr");
        assertThat(r.fieldErrors().get("tr")).startsWith("TR 300.0 ms is shorter than the minimum");

        texts.put("fov", "240");
        texts.put("te", "20");
        texts.put("tr", "500");
        ParameterCheck.Result ok = ParameterCheck.check(se, texts, (p, v) -> p.build(v, UnitProfile.PLANNING));
        assertThat(ok.valid()).isTrue();
        assertThat(ok.built().scanTimeSeconds()).isGreaterThan(0);
    }

    @Test
    void theQueueKeepsEachScanTimeAndTheTotalThroughReorderDuplicateAndRemove() {
        try (Workflow w = Workflow.open(new WorkflowHome(tmp.resolve("q")))) {
            Actor tina = new Actor("tina", Role.TECHNICIAN);
            w.patients().add(new Patient("P-1", "Li^Lei", null, null, 70.0, null, null));
            String uid = w.exams().openOrdered("P-1", DicomUid.create(), "ACC-1", "knee").studyUid();
            ExamQueue q = new ExamQueue(w.exams(), w.audit(), uid);
            q.add(tina, "localizer", Map.of("matrix", 64.0));
            q.add(tina, "se2d", Map.of("matrix", 64.0, "tr", 300.0));
            q.add(tina, "gre2d", Map.of());
            assertThat(q.items()).extracting(ExamQueue.Item::protocol).containsExactly("localizer", "se2d", "gre2d");
            double se = q.items().get(1).seconds();
            assertThat(se).isEqualTo(64 * 0.3, org.assertj.core.data.Offset.offset(1.5));
            assertThat(q.totalSeconds()).isEqualTo(q.items().stream().mapToDouble(ExamQueue.Item::seconds).sum());

            q.duplicate(tina, 2);
            assertThat(q.items()).extracting(ExamQueue.Item::protocol).containsExactly("localizer", "se2d", "se2d", "gre2d");
            assertThat(q.items().get(2).parameters()).isEqualTo(q.items().get(1).parameters());
            q.move(tina, 4, 1);
            assertThat(q.items()).extracting(ExamQueue.Item::protocol).containsExactly("gre2d", "localizer", "se2d", "se2d");
            q.remove(tina, 3);
            assertThat(q.items()).extracting(ExamQueue.Item::protocol).containsExactly("gre2d", "localizer", "se2d");
            assertThat(q.takeNext().protocol()).isEqualTo("gre2d");
            assertThat(q.items()).extracting(ExamQueue.Item::position).containsExactly(1, 2);
            assertThat(w.audit().entries()).extracting(e -> e.action()).contains("queue.add", "queue.move", "queue.remove");
        }
    }
}
