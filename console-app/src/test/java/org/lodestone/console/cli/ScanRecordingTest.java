package org.lodestone.console.cli;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which scan endings go into the audit trail as interlock events (the scan service's own wording). */
class ScanRecordingTest {
    @Test
    void anInterruptionByEitherInterlockIsAnInterlockEvent() {
        assertTrue(ScanRecording.endedByInterlock("INTERRUPTED",
                "Scan interrupted by the interlock (door open) after 12 of 64 lines; the lines received are kept in raw.mrd"));
        assertTrue(ScanRecording.endedByInterlock("INTERRUPTED",
                "Scan interrupted by the unit's interlock (coil temperature) after 3 of 64 lines; the lines received are kept in raw.mrd"));
    }

    @Test
    void otherEndingsAreNot() {
        assertFalse(ScanRecording.endedByInterlock("INTERRUPTED", "Scan interrupted (lost the unit: EOF) after 3 of 64 lines"));
        assertFalse(ScanRecording.endedByInterlock("COMPLETE", "Scan complete: 64 of 64 lines"));
        assertFalse(ScanRecording.endedByInterlock("ABORTED", "Scan aborted by the operator after 3 of 64 lines"));
        assertFalse(ScanRecording.endedByInterlock("INTERRUPTED", null));
    }
}
