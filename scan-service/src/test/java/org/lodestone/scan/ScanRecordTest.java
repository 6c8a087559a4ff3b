package org.lodestone.scan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lodestone.hw.gpio.GpioInput;
import org.lodestone.hw.gpio.InterlockEvent;
import org.lodestone.seq.limits.UnitProfile;
import org.lodestone.seq.protocol.BuiltProtocol;
import org.lodestone.seq.protocol.ParameterSpec;
import org.lodestone.seq.protocol.Protocol;
import org.lodestone.seq.protocol.ProtocolLibrary;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ScanRecordTest {
    private static List<String> keys(JsonNode n) {
        List<String> k = new ArrayList<>();
        n.fieldNames().forEachRemaining(k::add);
        return k;
    }

    @Test
    void scanJsonKeepsItsKeyOrderInsideTheUnitAndTheInterlock(@TempDir Path dir) throws Exception {
        Instant t = Instant.parse("2026-12-06T09:00:00Z");
        ScanRecord r = new ScanRecord(new ScanRecord.Realised("se2d", Map.of("te", 20.0), Map.of("te", "ms"), Map.of()), ScanStatus.INTERRUPTED, "door open",
                "tech", t, t.plusSeconds(3), 128, 40, 14_900_000.0, Map.of("method", "stored"), Map.of("enabled", false),
                new InterlockEvent(GpioInput.DOOR_CLOSED, t.plusSeconds(2), "door open"), Double.NaN, null,
                new ScanRecord.Unit("LS-035", "2.1", 0.35, "/dev/pts/4", true), Map.of("weight_kg", 70.0));
        r.write(dir);
        JsonNode json = new ObjectMapper().readTree(dir.resolve(ScanRecord.FILE_NAME).toFile());
        assertThat(keys(json)).containsExactly("protocol", "parameters", "parameter_units", "derived", "status", "message", "operator",
                "start", "end", "lines_expected", "lines_received", "frequency_hz", "frequency_adjustment", "drift_tracking",
                "interlock", "snr_estimate", "emi_removal", "unit", "patient_safety");
        assertThat(keys(json.get("unit"))).containsExactly("model", "firmware", "field_t", "port", "virtual");
        assertThat(keys(json.get("interlock"))).containsExactly("input", "time", "detail");
        assertThat(json.get("interlock").get("input").asText()).isEqualTo("DOOR_CLOSED");
        assertThat(json.get("status").asText()).isEqualTo("interrupted");
        assertThat(json.get("snr_estimate").isNull()).isTrue();
    }

    @Test
    void theRealisedProtocolTakesEachParametersUnitFromItsDefinitionInItsOrder() throws Exception {
        Protocol se2d = ProtocolLibrary.find("se2d").orElseThrow();
        BuiltProtocol built = se2d.build(Map.of("te", 25.0), UnitProfile.PLANNING);
        ScanRecord.Realised r = ScanRecord.Realised.of(built);
        assertThat(r.name()).isEqualTo("se2d");
        assertThat(r.parameters()).isEqualTo(built.parameters());
        assertThat(List.copyOf(r.units().keySet())).isEqualTo(se2d.parameters().stream().map(ParameterSpec::name).toList());
        assertThat(r.units().get("te")).isEqualTo("ms");
        // a Pulseq file is no protocol of the library: its parameters have no units to give
        BuiltProtocol file = new BuiltProtocol("my.seq", built.sequence(), built.geometry(), built.expectedLines(), Map.of(), Map.of());
        assertThat(ScanRecord.Realised.of(file).units()).isEmpty();
    }
}
