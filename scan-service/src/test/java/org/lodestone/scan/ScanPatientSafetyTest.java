package org.lodestone.scan;

import org.junit.jupiter.api.Test;
import org.lodestone.seq.limits.UnitProfile;
import org.lodestone.seq.protocol.BuiltProtocol;
import org.lodestone.seq.protocol.ProtocolLibrary;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What scan.json says about the SAR check: the weight used, or that the conservative default applied. */
class ScanPatientSafetyTest {
    private static final UnitProfile UNIT = UnitProfile.PLANNING;

    @Test
    void withoutAWeightTheDefaultIsNamedAndWithOneItsModelIsUsed() throws Exception {
        BuiltProtocol built = ProtocolLibrary.find("se2d").orElseThrow().build(Map.of("matrix", 32.0), UNIT);
        Map<String, Object> none = ScanService.patientSafety(new ScanRequest("se2d", Map.of(), Path.of("out"), "op"), built, UNIT);
        assertNull(none.get("weight_kg"));
        assertTrue(none.get("note").toString().contains("conservative default"), none.toString());
        assertEquals(UNIT.safety().bodyRadius(), (double) none.get("body_radius_m"));

        UnitProfile light = UNIT.withSafety(UNIT.safety().forWeight(8));
        Map<String, Object> eight = ScanService.patientSafety(new ScanRequest("se2d", Map.of(), Path.of("out"), "op", 8.0), built, light);
        assertEquals(8.0, eight.get("weight_kg"));
        assertTrue((double) eight.get("sar_w_per_kg") < (double) none.get("sar_w_per_kg"), eight + " vs " + none);
    }
}
