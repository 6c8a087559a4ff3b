package org.lodestone.dicom.outbox;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.TagFromName;
import com.zaxxer.hikari.HikariDataSource;
import org.lodestone.dicom.Peers;
import org.lodestone.dicom.TestExams;
import org.lodestone.dicom.export.ExamExporter;
import org.lodestone.dicom.export.ExportedInstance;
import org.lodestone.dicom.model.ExamRecords;
import org.lodestone.dicom.model.ImageKind;
import org.lodestone.dicom.net.DicomClient;
import org.lodestone.dicom.net.DicomNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The outbox against real peers: a storescp killed mid-send, a peer that refuses MR images. */
class OutboxDeliveryTest {
    @TempDir
    static Path dir;
    /** 96×96 slices: each data set (18 kB) is larger than one PDU, so it goes out in fragments. */
    static List<ExportedInstance> exported;
    static ExamRecords exam;
    private static final Backoff FAST = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1));
    private final DicomClient client = new DicomClient("LODESTONE", Duration.ofSeconds(20));

    @BeforeAll
    static void export() throws Exception {
        exam = TestExams.exam(dir, TestExams.obliqueVolume(96, 96, 12), ImageKind.ORIGINAL);
        exported = new ExamExporter("LODESTONE", (a, s, d) -> { }).exportDicom(exam, dir.resolve("spool"), false);
    }

    private static Map<String, Path> instances() {
        Map<String, Path> m = new LinkedHashMap<>();
        for (ExportedInstance e : exported) m.put(e.sopInstanceUid(), e.file());
        return m;
    }

    @Test
    void aPacsKilledMidSendGetsEveryInstanceExactlyOnceAfterTheWorkerRestarts() throws Exception {
        int port = Peers.freePort();
        Path received = dir.resolve("received");
        Process storescp = Peers.storescp(port, received);
        Path db = dir.resolve("kill/db");
        String study = exam.study().studyUid();
        try (HikariDataSource ds = TestDatabase.open(db)) {
            new Destinations(ds).save(new DicomNode("pacs", "STORE", "127.0.0.1", port, false));
            new Outbox(ds).enqueue(study, "pacs", instances(), Instant.now());
            AtomicInteger acks = new AtomicInteger();
            Process toKill = storescp;
            OutboxWorker worker = new OutboxWorker(new Outbox(ds), new Destinations(ds), client, FAST, Clock.systemUTC(), sop -> {
                if (acks.incrementAndGet() == 4) {
                    toKill.destroyForcibly();
                    try {
                        toKill.waitFor();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            });
            List<OutboxJob> jobs = worker.runDue();
            OutboxJob job = jobs.getFirst();
            assertThat(job.status()).isEqualTo(OutboxJob.Status.PENDING);
            assertThat(job.imagesSent()).isEqualTo(4);
            assertThat(job.imagesTotal()).isEqualTo(12);
            assertThat(job.attempts()).isEqualTo(1);
            assertThat(job.lastError()).contains("pacs").doesNotContain("Exception");
        }
        // The console restarts: a new pool, a new worker, the PACS back on the same port.
        storescp = Peers.storescp(port, received);
        try (HikariDataSource ds = TestDatabase.open(db)) {
            OutboxWorker worker = new OutboxWorker(new Outbox(ds), new Destinations(ds), client, FAST, Clock.systemUTC(), s -> { });
            List<OutboxJob> jobs = worker.runUntilEmpty(Duration.ofSeconds(60));
            assertThat(jobs).singleElement().satisfies(j -> {
                assertThat(j.status()).isEqualTo(OutboxJob.Status.SENT);
                assertThat(j.imagesSent()).isEqualTo(12);
                assertThat(j.lastError()).isNull();
            });
            // Sending the study again sends nothing: all twelve were acknowledged.
            new Outbox(ds).enqueue(study, "pacs", instances(), Instant.now());
            assertThat(worker.runUntilEmpty(Duration.ofSeconds(10)).getFirst().status()).isEqualTo(OutboxJob.Status.SENT);
        } finally {
            Peers.stop(storescp);
        }
        List<String> arrived = new ArrayList<>();
        try (Stream<Path> files = Files.list(received)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                AttributeList l = new AttributeList();
                l.read(f.toFile(), TagFromName.PixelData);
                arrived.add(Attribute.getSingleStringValueOrEmptyString(l, TagFromName.SOPInstanceUID));
            }
        }
        assertThat(arrived).hasSize(12).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(instances().keySet());
    }

    @Test
    void aPeerThatRefusesMrImagesFailsTheJobForGood() throws Exception {
        int port = Peers.freePort();
        Path wl = Files.createDirectories(dir.resolve("wl/WL"));
        // wlmscpfs is a worklist server: it accepts no storage SOP class.
        Process wlm = Peers.start(List.of("wlmscpfs", "--data-files-path", wl.getParent().toString(), Integer.toString(port)),
                port, dir.resolve("wlm.log"));
        try (HikariDataSource ds = TestDatabase.open(dir.resolve("refuse/db"))) {
            new Destinations(ds).save(new DicomNode("ris", "WL", "127.0.0.1", port, false));
            new Outbox(ds).enqueue(exam.study().studyUid(), "ris", instances(), Instant.now());
            OutboxWorker worker = new OutboxWorker(new Outbox(ds), new Destinations(ds), client, FAST, Clock.systemUTC(), s -> { });
            List<OutboxJob> jobs = worker.runUntilEmpty(Duration.ofSeconds(30));
            assertThat(jobs).singleElement().satisfies(j -> {
                assertThat(j.status()).isEqualTo(OutboxJob.Status.FAILED);
                assertThat(j.attempts()).isEqualTo(1);
                assertThat(j.imagesSent()).isZero();
                assertThat(j.lastError()).contains("does not accept MR images").contains("waiting for an operator");
            });
        } finally {
            Peers.stop(wlm);
        }
    }

    @Test
    void aRefusedAssociationIsRetriedUntilThePacsAcceptsIt() throws Exception {
        int port = Peers.freePort();
        Process refusing = Peers.storescp(port, dir.resolve("refused-in"), "--refuse");
        try (HikariDataSource ds = TestDatabase.open(dir.resolve("refused/db"))) {
            new Destinations(ds).save(new DicomNode("pacs", "STORE", "127.0.0.1", port, false));
            new Outbox(ds).enqueue(exam.study().studyUid(), "pacs", instances(), Instant.now());
            OutboxWorker worker = new OutboxWorker(new Outbox(ds), new Destinations(ds), client, FAST, Clock.systemUTC(), s -> { });
            OutboxJob first = worker.runDue().getFirst();
            assertThat(first.status()).isEqualTo(OutboxJob.Status.PENDING);
            assertThat(first.lastError()).contains("refused the association");
            Peers.stop(refusing);
            refusing = Peers.storescp(port, dir.resolve("accepted-in"));
            OutboxJob done = worker.runUntilEmpty(Duration.ofSeconds(30)).getFirst();
            assertThat(done.status()).isEqualTo(OutboxJob.Status.SENT);
            assertThat(done.attempts()).isGreaterThanOrEqualTo(2);
            assertThat(done.imagesSent()).isEqualTo(12);
        } finally {
            Peers.stop(refusing);
        }
        try (Stream<Path> files = Files.list(dir.resolve("accepted-in"))) {
            assertThat(files.filter(Files::isRegularFile).count()).isEqualTo(12);
        }
    }

    @Test
    void backoffDoublesAndIsCappedAtFiveMinutes() {
        assertThat(Backoff.DEFAULT.after(1)).isEqualTo(Duration.ofSeconds(5));
        assertThat(Backoff.DEFAULT.after(2)).isEqualTo(Duration.ofSeconds(10));
        assertThat(Backoff.DEFAULT.after(6)).isEqualTo(Duration.ofSeconds(160));
        assertThat(Backoff.DEFAULT.after(7)).isEqualTo(Duration.ofMinutes(5));
        assertThat(Backoff.DEFAULT.after(500)).isEqualTo(Duration.ofMinutes(5));
    }
}
