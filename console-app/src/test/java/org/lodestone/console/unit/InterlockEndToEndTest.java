package org.lodestone.console.unit;

import org.lodestone.twin.launch.TwinOptions;
import org.lodestone.scan.unit.UnitConnection;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lodestone.scan.ScanException;
import org.lodestone.scan.ScanProgress;
import org.lodestone.scan.ScanRequest;
import org.lodestone.scan.ScanResult;
import org.lodestone.scan.ScanService;
import org.lodestone.scan.ScanStatus;
import org.lodestone.hw.gpio.GpioInput;
import org.lodestone.hw.gpio.InterlockEvent;
import org.lodestone.hw.gpio.InterlockGuard;
import org.lodestone.recon.mrd.MrdStreamReader;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * GPIO interlocks end to end: the virtual scanner as a child process behind a socat pty pair,
 * its event script moving the room's interlock wiring on its GPIO bus (free port), the console's
 * Pi4J context on that bus through the project's virtual provider, InterlockGuard and ScanService.
 * The twin leaves stopping the scan to the console while a console is on the bus, so a scan
 * that completes here means the console did not react.
 */
class InterlockEndToEndTest {
    private static final Map<String, Double> SCAN = Map.of("matrix", 64.0, "tr", 500.0);

    @TempDir
    Path tmp;

    @Test
    void doorOpeningMidScanAbortsOnTheWireDropsTheEnablesAndKeepsTheLines() throws Exception {
        // Twin time at speed 0 is program time: the frequency adjustment's FID, then the 32 s spin echo.
        Path script = Files.writeString(tmp.resolve("door.script"), "20 door open\n");
        var options = TwinOptions.defaults().withSeed(5).withSpeed(0).withScript(script);
        Path out = tmp.resolve("scan");
        try (Units.TwinUnit started = Units.openTwin(options)) {
            UnitConnection unit = started.unit();
            InterlockGuard guard = unit.interlocks().orElseThrow();
            ScanService service = new ScanService(unit);
            ScanResult r = service.run(new ScanRequest("se2d", SCAN, out, "test"), ScanProgress.NONE);

            assertThat(r.status()).isEqualTo(ScanStatus.INTERRUPTED);
            assertThat(r.message()).contains("interlock").contains("door open").contains("lines received are kept");
            assertThat(r.linesReceived()).isBetween(1L, 63L);
            assertThat(MrdStreamReader.read(out.resolve("raw.mrd")).acquisitions()).hasSize((int) r.linesReceived());
            JsonNode json = new ObjectMapper().readTree(out.resolve("scan.json").toFile());
            assertThat(json.get("status").asText()).isEqualTo("interrupted");
            assertThat(json.get("interlock").get("input").asText()).isEqualTo("DOOR_CLOSED");

            List<InterlockEvent> events = guard.events();
            assertThat(events).hasSize(1);
            assertThat(events.getFirst().input()).isEqualTo(GpioInput.DOOR_CLOSED);
            assertThat(events.getFirst().detail()).contains("door open").contains("during scan");
            assertThat(guard.isArmed()).isFalse();

            // What the twin saw: the enables going up for the scan and down on the trip, and an ABORT on the wire.
            List<String> twin = started.twin().recentOutput();
            assertThat(twin).anyMatch(l -> l.contains("console drove RF_ENABLE on"));
            assertThat(twin).anyMatch(l -> l.contains("console drove RF_ENABLE off"));
            assertThat(twin).anyMatch(l -> l.contains("console drove GRADIENT_ENABLE off"));
            assertThat(twin).anyMatch(l -> l.contains("ABORT from host: interlock: door open"));
            assertThat(twin).anyMatch(l -> l.contains("aborted (host: interlock: door open"));
            assertThat(twin).noneMatch(l -> l.contains("aborted (interlock:")); // the board did not stop it itself

            // The door stays open: the next scan is refused before anything is switched on.
            assertThatThrownBy(() -> service.run(new ScanRequest("se2d", SCAN, tmp.resolve("again"), "test"), ScanProgress.NONE))
                    .isInstanceOf(ScanException.class).hasMessageContaining("cannot arm for scan: door open");
        }
    }

    @Test
    void magnetOverTemperatureAtPowerOnRefusesTheScan() throws Exception {
        Path script = Files.writeString(tmp.resolve("hot.script"), "0 magnet overtemp\n0 amplifier fault gradient\n");
        var options = TwinOptions.defaults().withSeed(5).withSpeed(0).withScript(script);
        try (UnitConnection unit = Units.open(null, options)) {
            InterlockGuard guard = unit.interlocks().orElseThrow();
            // The twin fires time-0 events on its first idle tick; the console sees them as a snapshot or an edge.
            long end = System.nanoTime() + 10_000_000_000L;
            while (!guard.blockingReason().orElse("").contains("gradient") && System.nanoTime() < end) Thread.sleep(20);
            assertThatThrownBy(() -> new ScanService(unit).run(new ScanRequest("se2d", SCAN, tmp.resolve("hot"), "test"), ScanProgress.NONE))
                    .isInstanceOf(ScanException.class)
                    .hasMessageContaining("magnet over temperature")
                    .hasMessageContaining("gradient amplifier fault")
                    .hasMessageNotContaining("RF amplifier fault");
        }
    }
}
