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
        assertTrue(Files.readString(out.resolve("report.txt")).contains("linewidth_after_hz"));
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
