package org.lodestone.console.service.mobile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lodestone.console.cli.LodestoneCli;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue #17, mobile unit, as the crew runs it (child JVMs on one data directory, the twin at speed 0 with
 * the uniform phantom): transport on refuses to transmit, transport off requires the requalification, and
 * the checklist runs to "ready for patients" and becomes the current calibration.
 */
class MobileCommandTest {
    @TempDir
    Path tmp;

    private LodestoneCli.Run lodestone(String... args) throws Exception {
        return new LodestoneCli(tmp.resolve("data")).run(args);
    }

    @Test
    void aDriveThenTheRequalificationToReady() throws Exception {
        assertEquals(0, lodestone("mobile", "transport", "on", "--operator", "crew").exit());
        LodestoneCli.Run refused = lodestone("calibrate", "frequency", "--out", tmp.resolve("f").toString(), "--sim-speed", "0");
        assertEquals(2, refused.exit(), refused.output());
        assertTrue(refused.err().contains("transport mode") && refused.err().contains("amplifiers are locked"), refused.output());
        assertFalse(refused.output().contains("Exception"), refused.output());
        LodestoneCli.Run status = lodestone("mobile", "status");
        assertTrue(status.out().contains("transport mode: ON") && status.out().contains("patient scans: blocked"), status.output());

        LodestoneCli.Run off = lodestone("mobile", "transport", "off", "--operator", "crew");
        assertTrue(off.out().contains("requalification: required"), off.output());
        // not requalified yet: a scan is refused before the unit is even opened, saying what to do
        LodestoneCli.Run held = lodestone("scan", "--protocol", "se2d", "--out", tmp.resolve("held").toString(), "--sim-speed", "0");
        assertEquals(2, held.exit(), held.output());
        assertTrue(held.err().contains("not requalified yet") && held.err().contains("run the requalification"), held.output());
        assertFalse(java.nio.file.Files.exists(tmp.resolve("held").resolve("raw.mrd")), "nothing was scanned");

        LodestoneCli.Run requal = lodestone("mobile", "requalify", "--out", tmp.resolve("rq").toString(), "--operator", "crew",
                "--sim-seed", "5", "--sim-speed", "0", "--sim-phantom", "uniform");
        assertEquals(0, requal.exit(), requal.output());
        for (String step : new String[] {"Coil tune and match", "Larmor frequency (wide search)", "RF transmit scale", "Linear shim",
                "Larmor frequency (after shim)", "QA, uniform phantom"}) {
            assertTrue(requal.out().contains(step), step + " in " + requal.output());
        }
        assertTrue(requal.out().contains("Ready for patients"), requal.output());
        assertTrue(lodestone("mobile", "status").out().contains("patient scans: allowed"));

        JsonNode current = new ObjectMapper().readTree(lodestone("calibrate", "--show", "--json").out());
        assertEquals("ACCEPTED", current.get("status").asText());
        assertTrue(current.get("values").has("qa_snr"), current.toPrettyString());
        String audit = Files.readString(tmp.resolve("data/audit/audit.jsonl"));
        assertTrue(audit.contains("mobile.transport-on") && audit.contains("mobile.requalified"), audit);
    }
}
