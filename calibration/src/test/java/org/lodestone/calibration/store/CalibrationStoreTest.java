package org.lodestone.calibration.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CalibrationStoreTest {
    private static Entry e(double v, String routine) {
        return new Entry(v, 0.5, "Hz", Instant.parse("2026-01-02T03:04:05Z"), 30.01, "eng", routine);
    }

    @Test
    void versionsAccumulateCarryOverAndRestore(@TempDir Path dir) throws IOException {
        CalibrationStore s = new CalibrationStore(dir);
        assertEquals(0, s.current().version());
        s.record(Map.of(CalibrationProfile.FREQUENCY, e(100, "frequency")), "eng", "first");
        s.record(Map.of(CalibrationProfile.TRANSMIT_SCALE, e(1.05, "rf")), "eng", "rf");
        s.record(Map.of(CalibrationProfile.FREQUENCY, e(200, "frequency")), "eng", "again");
        CalibrationProfile cur = new CalibrationStore(dir).current(); // read back from disk
        assertEquals(3, cur.version());
        assertEquals(200, cur.value(CalibrationProfile.FREQUENCY, 0));
        assertEquals(1.05, cur.value(CalibrationProfile.TRANSMIT_SCALE, 0));
        assertEquals(Instant.parse("2026-01-02T03:04:05Z"), cur.get(CalibrationProfile.FREQUENCY).orElseThrow().time());

        CalibrationProfile restored = s.restore(1, "lead");
        assertEquals(4, restored.version());
        assertEquals(100, s.current().value(CalibrationProfile.FREQUENCY, 0));
        assertTrue(s.current().get(CalibrationProfile.TRANSMIT_SCALE).isEmpty(), "version 1 had no RF value");
        assertEquals(4, s.history().size(), "restoring adds a version, never rewrites one");
        assertEquals("restored version 1", s.history().getLast().note());
    }

    @Test
    void aMissingOrDamagedVersionIsNamed(@TempDir Path dir) throws IOException {
        CalibrationStore s = new CalibrationStore(dir);
        IOException missing = assertThrows(IOException.class, () -> s.restore(7, "x"));
        assertTrue(missing.getMessage().contains("version 7 does not exist"), missing.getMessage());
        Files.writeString(dir.resolve("v000001.json"), "{ not json");
        IOException bad = assertThrows(IOException.class, s::current);
        assertTrue(bad.getMessage().contains("version 1") && bad.getMessage().contains("unreadable"), bad.getMessage());
    }

    @Test
    void onlyAcceptedVersionsAreCurrentAndFailedOnesStayInTheHistory(@TempDir Path dir) throws IOException {
        CalibrationStore s = new CalibrationStore(dir);
        s.record(Map.of(CalibrationProfile.FREQUENCY, e(100, "frequency")), "eng", "accepted");
        CalibrationProfile failed = s.record(Map.of(CalibrationProfile.FREQUENCY, e(150, "frequency")), "eng", "qa failed",
                CalibrationProfile.Status.FAILED);
        CalibrationProfile rejected = s.record(Map.of(CalibrationProfile.FREQUENCY, e(160, "frequency")), "eng", "no",
                CalibrationProfile.Status.REJECTED);
        CalibrationProfile pending = s.record(Map.of(CalibrationProfile.FREQUENCY, e(170, "frequency")), "eng", "later",
                CalibrationProfile.Status.PENDING);
        assertEquals(List.of(2, 3, 4), List.of(failed.version(), rejected.version(), pending.version()));
        CalibrationStore reread = new CalibrationStore(dir);
        assertEquals(1, reread.current().version());
        assertEquals(100, reread.current().value(CalibrationProfile.FREQUENCY, 0));
        assertEquals(List.of(CalibrationProfile.Status.ACCEPTED, CalibrationProfile.Status.FAILED, CalibrationProfile.Status.REJECTED,
                CalibrationProfile.Status.PENDING), reread.history().stream().map(CalibrationProfile::status).toList());

        IOException refused = assertThrows(IOException.class, () -> s.restore(2, "lead"));
        assertTrue(refused.getMessage().contains("version 2 was failed"), refused.getMessage());
        assertThrows(IOException.class, () -> s.restore(3, "lead"));
        CalibrationProfile acceptedLater = s.restore(4, "lead");
        assertEquals(5, acceptedLater.version());
        assertEquals("accepted version 4", acceptedLater.note());
        assertEquals(170, s.current().value(CalibrationProfile.FREQUENCY, 0));
    }

    @Test
    void aVersionWrittenBeforeStatusesExistedReadsAsAccepted(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("v000001.json"), """
                {"version":1,"time":"2026-01-02T03:04:05Z","operator":"eng","note":"old","entries":{}}
                """);
        assertEquals(CalibrationProfile.Status.ACCEPTED, new CalibrationStore(dir).current().status());
        assertEquals(1, new CalibrationStore(dir).current().version());
    }
}
