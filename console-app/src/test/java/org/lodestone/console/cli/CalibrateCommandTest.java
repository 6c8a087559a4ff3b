package org.lodestone.console.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code lodestone calibrate --all} as the crew runs it (a child process with its own data
 * directory, the twin auto-started at speed 0), then a scan that uses the stored profile.
 */
class CalibrateCommandTest {
    @TempDir
    Path tmp;

    private LodestoneCli.Run lodestone(String... args) throws Exception {
        return new LodestoneCli(tmp.resolve("data")).run(args);
    }

    @Test
    void requalifiesThenScansOnTheStoredProfile() throws Exception {
        Path out = tmp.resolve("cal"), truth = tmp.resolve("truth");
        LodestoneCli.Run cal = lodestone("calibrate", "--all", "--out", out.toString(), "--sim-seed", "5", "--sim-speed", "0",
                "--sim-truth", truth.toString(), "--operator", "crew", "--sim-phantom", "uniform");
        assertEquals(0, cal.exit(), cal.output());
        assertFalse(cal.output().contains("Exception"), cal.output());
        JsonNode j = new ObjectMapper().readTree(out.resolve("calibration.json").toFile());
        assertTrue(j.get("success").asBoolean(), j.toPrettyString());
        assertTrue(j.get("complete").asBoolean(), j.toPrettyString());
        for (String png : List.of("tune.png", "frequency.png", "rf.png", "shim.png", "frequency-fine.png", "qa.png")) {
            assertTrue(Files.size(out.resolve(png)) > 1000, png);
        }
        String report = Files.readString(out.resolve("report.txt"));
        // readable: words and rounded numbers with units, no record dumps
        assertTrue(report.matches("(?s).*linewidth after +\\d+(\\.\\d{1,3})? Hz\\n.*"), report);
        assertFalse(report.contains("Limits[") || report.contains("Measured["), report);
        assertTrue(report.contains("passed and accepted"), report);
        String html = Files.readString(out.resolve("report.html"));
        assertTrue(html.contains("<img src=\"shim.png\"") && html.contains("linewidth after"), html);
        double calibrated = j.get("settings").get("frequencyHz").asDouble();
        double trueHz = new ObjectMapper().readTree(truth.resolve("truth.json").toFile()).get("trueLarmorHzNow").asDouble();
        assertEquals(trueHz, calibrated, 5, "calibrated frequency against the twin's truth");

        // the accepted version is in the audit trail, with who and which routines
        Path auditTrail = tmp.resolve("data/audit/audit.jsonl");
        List<JsonNode> accepts = Files.readAllLines(auditTrail).stream().map(CalibrateCommandTest::json)
                .filter(e -> e.get("action").asText().equals("calibration.accept")).toList();
        assertEquals(1, accepts.size(), Files.readString(auditTrail));
        assertEquals("crew", accepts.getFirst().get("details").get("operator").asText());
        assertTrue(accepts.getFirst().get("details").get("routines").asText().contains("shim"), accepts.toString());
        String accepted = accepts.getFirst().get("details").get("version").asText();

        LodestoneCli.Run history = lodestone("calibrate", "--history");
        assertEquals(0, history.exit(), history.output());
        assertTrue(history.output().contains("transmit_scale") && history.output().contains("crew"), history.output());

        // the same unit again, minutes later and at the same temperature: the scan takes the profile's frequency
        Path exam = tmp.resolve("exam");
        LodestoneCli.Run scan = lodestone("scan", "--protocol", "fid", "--out", exam.toString(), "--sim-seed", "5", "--sim-speed", "0");
        assertEquals(0, scan.exit(), scan.output());
        JsonNode s = new ObjectMapper().readTree(exam.resolve("scan.json").toFile());
        assertFalse(s.get("frequency_adjustment").get("adjusted").asBoolean(), s.toPrettyString());
        assertEquals(calibrated, s.get("frequency_hz").asDouble(), 0.01);

        LodestoneCli.Run restore = lodestone("calibrate", "--restore", accepted, "--operator", "crew");
        assertEquals(0, restore.exit(), restore.output());
        assertTrue(Files.readAllLines(auditTrail).stream().map(CalibrateCommandTest::json)
                .anyMatch(e -> e.get("action").asText().equals("calibration.restore")
                        && e.get("details").get("restored_version").asText().equals(accepted)), Files.readString(auditTrail));
    }

    /**
     * Issue #17: a failing --all (the head phantom in the bore, so QA cannot pass) is stored as a failed
     * version and leaves the version that --show --json reports unchanged; --no-accept keeps a passing
     * run pending until --restore accepts it; a failed version cannot be restored.
     */
    @Test
    void aFailingRunNeverBecomesCurrent() throws Exception {
        LodestoneCli.Run freq = lodestone("calibrate", "frequency", "--no-accept", "--out", tmp.resolve("f").toString(),
                "--sim-seed", "3", "--sim-speed", "0", "--operator", "eng");
        assertEquals(0, freq.exit(), freq.output());
        assertTrue(freq.out().contains("pending"), freq.output());
        assertEquals(0, show().get("version").asInt(), "a run held back with --no-accept is not current");
        LodestoneCli.Run accept = lodestone("calibrate", "--restore", "1", "--operator", "eng");
        assertEquals(0, accept.exit(), accept.output());
        JsonNode before = show();
        assertEquals(2, before.get("version").asInt(), before.toPrettyString());
        assertEquals("ACCEPTED", before.get("status").asText());
        assertEquals("eng", before.get("operator").asText());
        double hz = before.get("values").get("frequency_hz").get("value").asDouble();
        assertTrue(hz > 1e6, before.toPrettyString());

        LodestoneCli.Run all = lodestone("calibrate", "--all", "--out", tmp.resolve("all").toString(), "--sim-seed", "3",
                "--sim-speed", "0", "--operator", "eng");
        assertEquals(1, all.exit(), all.output());
        assertTrue(all.out().contains("FAILED") && all.out().contains("current calibration is unchanged (version 2)"), all.output());
        assertFalse(all.output().contains("Exception"), all.output());
        JsonNode after = show();
        assertEquals(before.get("version").asInt(), after.get("version").asInt(), after.toPrettyString());
        assertEquals(hz, after.get("values").get("frequency_hz").get("value").asDouble(), 0.0);
        JsonNode report = new ObjectMapper().readTree(tmp.resolve("all/calibration.json").toFile());
        assertEquals("FAILED", report.get("stored").get("status").asText(), report.toPrettyString());

        LodestoneCli.Run history = lodestone("calibrate", "--history");
        assertTrue(history.out().contains("v3  FAILED"), history.output());
        LodestoneCli.Run refused = lodestone("calibrate", "--restore", "3", "--operator", "eng");
        assertEquals(2, refused.exit(), refused.output());
        assertTrue(refused.err().contains("version 3 was failed"), refused.output());
        assertEquals(2, show().get("version").asInt());
    }

    private JsonNode show() throws Exception {
        LodestoneCli.Run r = lodestone("calibrate", "--show", "--json");
        assertEquals(0, r.exit(), r.output());
        return new ObjectMapper().readTree(r.out());
    }

    private static JsonNode json(String line) {
        try {
            return new ObjectMapper().readTree(line);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + line, e);
        }
    }

    @Test
    void anUnknownRoutineIsRefusedPlainly() throws Exception {
        LodestoneCli.Run r = lodestone("calibrate", "bogus", "--out", tmp.resolve("x").toString());
        assertEquals(2, r.exit(), r.output());
        assertTrue(r.output().contains("unknown routine 'bogus'"), r.output());
        assertFalse(r.output().contains("at org."), "no stack trace: " + r.output());
    }
}
