package org.lodestone.console.service.mobile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Transport mode's states on a real data directory; a new instance stands for the console after a power loss. */
class TransportModeTest {
    @TempDir
    Path data;

    @Test
    void transportLocksTheAmplifiersHoldsPatientsAndSurvivesAPowerLoss() throws Exception {
        TransportMode t = new TransportMode(data);
        assertTrue(t.state().patientScansAllowed());
        assertTrue(t.refuseArming().isEmpty());
        t.enter("crew", Optional.empty());

        TransportMode afterPowerLoss = new TransportMode(data);
        MobileState s = afterPowerLoss.state();
        assertTrue(s.transport(), "transport mode is on disk");
        assertFalse(s.patientScansAllowed());
        assertTrue(s.blockingReason().contains("transport mode"), s.blockingReason());
        assertTrue(afterPowerLoss.refuseArming().orElseThrow().contains("amplifiers are locked"));
        assertThrows(IllegalStateException.class, () -> afterPowerLoss.requalified("crew", true, "x"));

        MobileState left = afterPowerLoss.leave("crew");
        assertEquals(MobileState.Requal.REQUIRED, left.requalification());
        assertTrue(new TransportMode(data).refuseArming().isEmpty(), "a calibration may run to requalify");
        assertFalse(new TransportMode(data).state().patientScansAllowed(), "not before the requalification");

        afterPowerLoss.requalified("crew", false, "QA limits not met");
        MobileState failed = new TransportMode(data).state();
        assertEquals(MobileState.Requal.FAILED, failed.requalification());
        assertTrue(failed.blockingReason().contains("QA limits not met"), failed.blockingReason());
        assertThrows(IllegalArgumentException.class, () -> t.override("eng", " "));
        MobileState released = t.override("eng", "ghosting from a known loose panel, booked for Monday");
        assertTrue(released.patientScansAllowed());
        assertEquals(MobileState.Requal.OVERRIDDEN, new TransportMode(data).state().requalification());
        assertThrows(IllegalStateException.class, () -> t.override("eng", "again"), "nothing left to override");
    }

    @Test
    void aDamagedStateFileIsNamedNotIgnored() throws Exception {
        Files.createDirectories(data.resolve("mobile"));
        Files.writeString(data.resolve("mobile/state.json"), "{ broken");
        Exception e = assertThrows(java.io.IOException.class, () -> new TransportMode(data).state());
        assertTrue(e.getMessage().contains("unreadable"), e.getMessage());
    }
}
