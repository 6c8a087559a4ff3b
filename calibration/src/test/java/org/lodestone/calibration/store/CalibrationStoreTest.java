package org.lodestone.calibration.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
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
}
