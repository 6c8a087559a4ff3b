package org.lodestone.dicom.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.TagFromName;
import org.lodestone.dicom.MppsScpPeer;
import org.lodestone.dicom.Peers;
import org.lodestone.dicom.TestExams;
import org.lodestone.dicom.model.Uids;
import org.lodestone.dicom.mpps.MppsStep;
import org.lodestone.dicom.mpps.MppsSteps;
import org.lodestone.dicom.net.DicomNode;
import org.lodestone.dicom.outbox.AutoSendRules;
import org.lodestone.dicom.outbox.Backoff;
import org.lodestone.dicom.outbox.Destinations;
import org.lodestone.dicom.outbox.Outbox;
import org.lodestone.dicom.outbox.OutboxJob;
import org.lodestone.dicom.source.WorkflowStudySource;
import org.lodestone.recon.image.NiftiWriter;
import org.lodestone.workflow.Workflow;
import org.lodestone.workflow.WorkflowHome;
import org.lodestone.workflow.exam.ExamRecorder;
import org.lodestone.workflow.exam.SeriesHandle;
import org.lodestone.workflow.patient.Patient;
import org.lodestone.workflow.user.Actor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.sql.DataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's DICOM service on the real exam lifecycle (workflow database, series begun and finished through the
 * recorder, exams closed): MPPS to a real SCP at exam start and end, auto-send of the protocol a rule names to a
 * storescp, and a RIS offline at exam start that gets the whole step once it is back.
 */
class DicomServiceTest {
    @TempDir
    Path dir;
    private static final Backoff FAST = new Backoff(Duration.ofMillis(100), Duration.ofMillis(800));

    private DicomService.Settings settings() {
        return new DicomService.Settings("LODESTONE", Duration.ofSeconds(10), dir.resolve("spool"), Duration.ofMillis(200), FAST);
    }

    @Test
    void theServiceReportsTheExamToTheRisAndAutoSendsTheRulesProtocol() throws Exception {
        int pacsPort = Peers.freePort();
        Path received = dir.resolve("pacs-in");
        Process storescp = Peers.storescp(pacsPort, received);
        try (MppsScpPeer ris = MppsScpPeer.start("RIS", dir);
             Workflow w = Workflow.open(new WorkflowHome(dir.resolve("home")))) {
            DataSource db = w.database().dataSource();
            Destinations destinations = new Destinations(db);
            destinations.save(new DicomNode("ris", "RIS", "127.0.0.1", ris.port(), false));
            destinations.offerMpps("ris", true);
            destinations.save(new DicomNode("pacs", "STORE", "127.0.0.1", pacsPort, false));
            new AutoSendRules(db).add("se2d", "pacs", java.time.Instant.now());
            w.patients().add(new Patient("P-7", "Müller^Jürgen", LocalDate.of(1961, 3, 14), "M", 80.0, 180.0, null));

            try (DicomService service = DicomService.start(db, new WorkflowStudySource(w.exams(), "test"), (a, s, d) -> { },
                    settings(), Clock.systemUTC())) {
                SeriesHandle localizer = scan(w, "P-7", null, "localizer");
                String study = localizer.studyUid();
                List<JsonNode> create = await(() -> ris.received(), l -> l.size() == 1, "the N-CREATE");
                assertThat(create.getFirst().get("dataset").get("PerformedProcedureStepStatus").asText()).isEqualTo("IN PROGRESS");
                assertThat(create.getFirst().get("dataset").get("PatientName").toString()).contains("Müller^Jürgen");
                finish(localizer, "COMPLETE", 4);

                SeriesHandle se = scan(w, "P-7", study, "se2d");
                finish(se, "COMPLETE", 3);
                service.wake();
                await(() -> new Outbox(db).jobs(), j -> j.size() == 1 && j.getFirst().status() == OutboxJob.Status.SENT, "auto-send");
                // The se2d series only (the rule's protocol), not the localizer.
                assertThat(arrived(received)).hasSize(3).doesNotHaveDuplicates().containsExactlyInAnyOrder(
                        Uids.derived(se.seriesUid(), 1), Uids.derived(se.seriesUid(), 2), Uids.derived(se.seriesUid(), 3));

                w.exams().close(study);
                service.wake();
                List<JsonNode> all = await(() -> ris.received(), l -> l.size() == 2, "the N-SET");
                JsonNode set = all.get(1);
                assertThat(set.get("sopInstanceUid").asText()).isEqualTo(create.getFirst().get("sopInstanceUid").asText());
                assertThat(set.get("dataset").get("PerformedProcedureStepStatus").asText()).isEqualTo("COMPLETED");
                JsonNode performed = set.get("dataset").get("PerformedSeriesSequence");
                assertThat(performed).extracting(p -> p.get("SeriesInstanceUID").asText())
                        .containsExactly(localizer.seriesUid(), se.seriesUid());
                assertThat(performed.get(1).get("ReferencedImageSequence")).extracting(r -> r.get("ReferencedSOPInstanceUID").asText())
                        .containsExactlyInAnyOrderElementsOf(arrived(received));
                assertThat(performed.get(0).get("ReferencedImageSequence")).hasSize(4);
            }
            // Nothing more to do: another round sends nothing twice.
            DicomService.Round again = DicomService.manual(db, new WorkflowStudySource(w.exams(), "test"), (a, s, d) -> { },
                    settings(), Clock.systemUTC()).round();
            assertThat(again.queued().any()).isFalse();
            assertThat(ris.received()).hasSize(2);
            assertThat(arrived(received)).hasSize(3);
        } finally {
            Peers.stop(storescp);
        }
    }

    @Test
    void aRisOfflineAtExamStartGetsTheWholeStepWhenBackAndAnAbortedExamIsDiscontinued() throws Exception {
        int risPort = Peers.freePort();
        try (Workflow w = Workflow.open(new WorkflowHome(dir.resolve("home")))) {
            DataSource db = w.database().dataSource();
            Destinations destinations = new Destinations(db);
            destinations.save(new DicomNode("ris", "RIS", "127.0.0.1", risPort, false));
            destinations.offerMpps("ris", true);
            w.patients().add(new Patient("P-8", "Weiß^Anna", LocalDate.of(1970, 1, 2), "F", 60.0, 165.0, null));
            DicomService service = DicomService.manual(db, new WorkflowStudySource(w.exams(), "test"), (a, s, d) -> { },
                    settings(), Clock.systemUTC());

            SeriesHandle aborted = scan(w, "P-8", null, "se2d");
            DicomService.Round offline = service.round();
            assertThat(offline.queued().stepsOpened()).isEqualTo(1);
            assertThat(offline.steps()).singleElement().satisfies(s -> {
                assertThat(s.delivery()).isEqualTo("pending");
                assertThat(s.attempts()).isEqualTo(1);
                assertThat(s.lastError()).contains("ris").doesNotContain("Exception");
            });
            finish(aborted, "ABORTED", 0);
            w.exams().close(aborted.studyUid());
            assertThat(service.round().queued().stepsEnded()).isEqualTo(1);

            try (MppsScpPeer ris = MppsScpPeer.start("RIS", dir, risPort)) {
                List<MppsStep> steps = await(() -> service.round().steps(), l -> !l.getFirst().undelivered(), "delivery after the RIS is back");
                assertThat(steps.getFirst().delivery()).isEqualTo(MppsStep.DISCONTINUED);
                List<JsonNode> got = ris.received();
                assertThat(got).extracting(j -> j.get("dataset").get("PerformedProcedureStepStatus").asText())
                        .containsExactly("IN PROGRESS", "DISCONTINUED");
                assertThat(got.get(0).get("sopInstanceUid").asText()).isEqualTo(got.get(1).get("sopInstanceUid").asText())
                        .isEqualTo(new MppsSteps(db).list().getFirst().mppsUid());
            }
        }
    }

    /** A scan as the scan path records it: series begun through the recorder. */
    private static SeriesHandle scan(Workflow w, String patient, String study, String protocol) {
        return w.recorder().begin(new ExamRecorder.ScanPlan(patient, study, protocol, Map.of("tr", 500.0, "te", 20.0), null),
                Actor.OPERATOR);
    }

    /** The scan's images (slices × 16 × 16) and its end, as reconstruction and the scan path leave them. */
    private static void finish(SeriesHandle h, String outcome, int slices) throws Exception {
        Files.createDirectories(h.directory());
        if (slices > 0) NiftiWriter.write(h.directory().resolve("images.nii"), TestExams.obliqueVolume(16, 16, slices));
        h.finish(outcome, 16, slices > 0 ? 16 : 3, null, null);
    }

    private static <T> T await(Callable<T> what, java.util.function.Predicate<T> done, String waitingFor) throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        T last = what.call();
        while (!done.test(last)) {
            if (System.nanoTime() > end) throw new AssertionError("gave up waiting for " + waitingFor + "; last: " + last);
            Thread.sleep(100);
            last = what.call();
        }
        return last;
    }

    private static List<String> arrived(Path received) throws Exception {
        List<String> out = new ArrayList<>();
        if (!Files.isDirectory(received)) return out;
        try (Stream<Path> files = Files.list(received)) {
            for (Path f : files.filter(Files::isRegularFile).filter(f -> !f.toString().endsWith(".log")).toList()) {
                AttributeList l = new AttributeList();
                l.read(f.toFile(), TagFromName.PixelData);
                out.add(Attribute.getSingleStringValueOrEmptyString(l, TagFromName.SOPInstanceUID));
            }
        }
        return out;
    }
}
