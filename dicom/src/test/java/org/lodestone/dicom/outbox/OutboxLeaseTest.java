package org.lodestone.dicom.outbox;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.TagFromName;
import com.zaxxer.hikari.HikariDataSource;
import org.lodestone.dicom.Peers;
import org.lodestone.dicom.TestExams;
import org.lodestone.dicom.export.ExamExporter;
import org.lodestone.dicom.export.ExportedInstance;
import org.lodestone.dicom.lease.Lease;
import org.lodestone.dicom.model.ExamRecords;
import org.lodestone.dicom.model.ImageKind;
import org.lodestone.dicom.net.DicomClient;
import org.lodestone.dicom.net.DicomNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Two outbox workers on one database (the console's and 'outbox run') never send one job at the same time. */
class OutboxLeaseTest {
    @TempDir
    Path dir;
    private static final Backoff FAST = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1));

    @Test
    void twoWorkersAgainstOneStorescpDeliverEachInstanceOnce() throws Exception {
        int port = Peers.freePort();
        Path received = dir.resolve("received");
        Process storescp = Peers.storescp(port, received);
        Path home = dir.resolve("db");
        List<String> queued = new ArrayList<>();
        List<String> acknowledged = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(2);
        // Two pools on one database file, as two processes open it.
        try (HikariDataSource console = TestDatabase.open(home); HikariDataSource headless = TestDatabase.open(home)) {
            new Destinations(console).save(new DicomNode("pacs", "STORE", "127.0.0.1", port, false));
            for (int i = 0; i < 4; i++) {
                ExamRecords exam = TestExams.exam(Files.createDirectories(dir.resolve("exam" + i)), TestExams.obliqueVolume(24, 24, 5),
                        ImageKind.ORIGINAL);
                Map<String, Path> items = new LinkedHashMap<>();
                for (ExportedInstance e : new ExamExporter("LODESTONE", (a, s, d) -> { }).exportDicom(exam, dir.resolve("spool" + i), false)) {
                    items.put(e.sopInstanceUid(), e.file());
                }
                queued.addAll(items.keySet());
                new Outbox(console).enqueue(exam.study().studyUid(), "pacs", items, Instant.now());
            }
            List<Future<List<OutboxJob>>> runs = new ArrayList<>();
            for (HikariDataSource ds : List.of(console, headless)) {
                OutboxWorker w = new OutboxWorker(new Outbox(ds), new Destinations(ds), new DicomClient("LODESTONE", Duration.ofSeconds(20)),
                        FAST, Clock.systemUTC(), sop -> {
                    acknowledged.add(sop);
                    sleep(15); // a slow link: the two workers' passes overlap
                });
                runs.add(pool.submit(() -> w.runUntilEmpty(Duration.ofSeconds(60))));
            }
            for (Future<List<OutboxJob>> r : runs) {
                assertThat(r.get()).hasSize(4).allSatisfy(j -> {
                    assertThat(j.status()).isEqualTo(OutboxJob.Status.SENT);
                    assertThat(j.imagesSent()).isEqualTo(5);
                });
            }
        } finally {
            pool.shutdownNow();
            Peers.stop(storescp);
        }
        assertThat(acknowledged).hasSize(20).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(queued);
        assertThat(arrived(received)).hasSize(20).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(queued);
    }

    @Test
    void aLiveLeaseKeepsOthersOutUntilItExpiresAndAGoneOwnersLeaseIsFreeAtOnce() throws Exception {
        try (HikariDataSource ds = TestDatabase.open(dir.resolve("lease"))) {
            new Destinations(ds).save(new DicomNode("pacs", "STORE", "127.0.0.1", 104, false));
            long job = new Outbox(ds).enqueue("1.2.3", "pacs", Map.of("1.2.3.1", dir.resolve("a.dcm")), Instant.now());
            Instant now = Instant.now();
            Lease console = new Outbox(ds).lease(Lease.ownerName(), Duration.ofMinutes(2));
            Lease headless = new Outbox(ds).lease(Lease.ownerName(), Duration.ofMinutes(2));
            assertThat(console.claim(job, now)).isTrue();
            assertThat(headless.claim(job, now.plusSeconds(60))).isFalse();
            assertThat(console.renew(job, now.plusSeconds(60))).isTrue();
            assertThat(headless.claim(job, now.plusSeconds(150))).isFalse();
            assertThat(headless.claim(job, now.plusSeconds(181))).isTrue();
            assertThat(console.renew(job, now.plusSeconds(182))).isFalse();
            headless.release(job);
            assertThat(console.claim(job, now)).isTrue();

            // A console that was killed holding the lease: its process is gone, so the lease is free now, not in 2 min.
            Lease killed = new Outbox(ds).lease(gonePid() + ":12345:deadbeef", Duration.ofMinutes(2));
            console.release(job);
            assertThat(killed.claim(job, now)).isTrue();
            assertThat(headless.claim(job, now.plusSeconds(1))).isTrue();
        }
    }

    private static long gonePid() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        return p.pid();
    }

    private static List<String> arrived(Path received) throws Exception {
        List<String> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(received)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                AttributeList l = new AttributeList();
                l.read(f.toFile(), TagFromName.PixelData);
                out.add(Attribute.getSingleStringValueOrEmptyString(l, TagFromName.SOPInstanceUID));
            }
        }
        return out;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
