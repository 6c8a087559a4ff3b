package org.lodestone.dicom.outbox;

import com.zaxxer.hikari.HikariDataSource;
import org.lodestone.dicom.mpps.MppsSteps;
import org.lodestone.dicom.net.DicomNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When the outbox and the MPPS steps next have something to deliver (Lease.earliestAttempt over each one's
 * to-deliver condition), on a real H2 file: the earliest due row counts, delivered and failed rows do not.
 */
class NextAttemptTest {
    @TempDir
    Path dir;

    private static final Instant T0 = Instant.parse("2026-12-06T08:00:00Z");

    @Test
    void outboxNextAttemptIsTheEarliestJobStillToDeliver() throws Exception {
        try (HikariDataSource db = TestDatabase.open(dir.resolve("db"))) {
            new Destinations(db).save(new DicomNode("pacs", "STORE", "127.0.0.1", 11112, false));
            Outbox outbox = new Outbox(db);
            assertThat(outbox.nextAttempt()).isEmpty();
            long early = outbox.enqueue("1.2.3", "pacs", Map.of("1.2.3.1", dir.resolve("a.dcm")), T0);
            long late = outbox.enqueue("1.2.4", "pacs", Map.of("1.2.4.1", dir.resolve("b.dcm")), T0.plusSeconds(60));
            assertThat(outbox.nextAttempt()).contains(T0);
            outbox.finish(early, OutboxJob.Status.SENT, null, T0, T0.plusSeconds(1));
            assertThat(outbox.nextAttempt()).contains(T0.plusSeconds(60));
            outbox.finish(late, OutboxJob.Status.FAILED, "refused", T0.plusSeconds(90), T0.plusSeconds(2));
            assertThat(outbox.nextAttempt()).isEmpty();
        }
    }

    @Test
    void mppsNextAttemptFollowsTheCreateAndTheEndStillToDeliver() throws Exception {
        try (HikariDataSource db = TestDatabase.open(dir.resolve("db"))) {
            new Destinations(db).save(new DicomNode("ris", "RIS", "127.0.0.1", 11113, false));
            MppsSteps steps = new MppsSteps(db);
            assertThat(steps.nextAttempt()).isEmpty();
            assertThat(steps.open("1.2.5", "ris", T0, T0.plusSeconds(5))).isTrue();
            assertThat(steps.nextAttempt()).contains(T0.plusSeconds(5));
            assertThat(steps.end("1.2.5", true, T0.plusSeconds(60), T0.plusSeconds(61))).isEqualTo(1);
            assertThat(steps.nextAttempt()).contains(T0.plusSeconds(61));
        }
    }
}
