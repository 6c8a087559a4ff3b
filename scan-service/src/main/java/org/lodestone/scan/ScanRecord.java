package org.lodestone.scan;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.lodestone.hw.gpio.InterlockEvent;
import org.lodestone.seq.protocol.BuiltProtocol;
import org.lodestone.seq.protocol.ParameterSpec;
import org.lodestone.seq.protocol.ProtocolLibrary;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What scan.json says about one scan. Built once when the scan has ended and written by
 * {@link #write} only (to a temporary file, then moved into place, so a reader never sees half).
 *
 * @param protocol        the protocol as realised
 * @param frequency       how the frequency was chosen (the prescan's record)
 * @param driftTracking   the drift tracker's summary, or {@code enabled: false}
 * @param interlock       the trip that ended the scan, or null
 * @param snrEstimate     NaN without an image
 * @param emiRemoval      how EMI was removed, or null
 * @param patientSafety   the SAR check: the patient's weight used (null: the default body model, said in its note)
 */
public record ScanRecord(Realised protocol, ScanStatus status, String message, String operator,
                         Instant start, Instant end, long linesExpected, long linesReceived, double frequencyHz,
                         Map<String, Object> frequency, Map<String, Object> driftTracking, InterlockEvent interlock,
                         double snrEstimate, String emiRemoval, Unit unit, Map<String, Object> patientSafety) {
    public static final String FILE_NAME = "scan.json";

    /**
     * The protocol as it ran.
     *
     * @param parameters the parameters as realised (rounded to rasters), by name
     * @param units      each parameter's unit, from the protocol's one definition of it (none for a Pulseq file)
     */
    public record Realised(String name, Map<String, Double> parameters, Map<String, String> units, Map<String, Double> derived) {
        public Realised {
            parameters = frozen(parameters);
            units = frozen(units);
            derived = frozen(derived);
        }

        public static Realised of(BuiltProtocol built) {
            Map<String, String> units = new LinkedHashMap<>();
            ProtocolLibrary.find(built.protocol()).ifPresent(p -> {
                for (ParameterSpec s : p.parameters()) units.put(s.name(), s.unit());
            });
            return new Realised(built.protocol(), built.parameters(), units, built.derived());
        }
    }

    /** The unit the scan ran on. */
    public record Unit(String model, String firmware, double fieldTesla, String port, boolean virtual) {
    }

    public ScanRecord {
        frequency = frozen(frequency);
        driftTracking = frozen(driftTracking);
        patientSafety = frozen(patientSafety);
    }

    private static <V> Map<String, V> frozen(Map<String, V> m) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(m));
    }

    /** scan.json's fields, in its order (keys in snake_case, status in lower case). */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("protocol", protocol.name());
        json.put("parameters", protocol.parameters());
        json.put("parameter_units", protocol.units());
        json.put("derived", protocol.derived());
        json.put("status", status.name().toLowerCase());
        json.put("message", message);
        json.put("operator", operator);
        json.put("start", start.toString());
        json.put("end", end.toString());
        json.put("lines_expected", linesExpected);
        json.put("lines_received", linesReceived);
        json.put("frequency_hz", frequencyHz);
        json.put("frequency_adjustment", frequency);
        json.put("drift_tracking", driftTracking);
        if (interlock != null) {
            json.put("interlock", ordered("input", interlock.input().name(), "time", interlock.time().toString(),
                    "detail", interlock.detail()));
        }
        json.put("snr_estimate", Double.isNaN(snrEstimate) ? null : snrEstimate);
        json.put("emi_removal", emiRemoval);
        json.put("unit", ordered("model", unit.model(), "firmware", unit.firmware(), "field_t", unit.fieldTesla(),
                "port", unit.port(), "virtual", unit.virtual()));
        json.put("patient_safety", patientSafety);
        return json;
    }

    /** Keys and values in the order given: scan.json reads the same from one run to the next ({@code Map.of}'s order is not kept). */
    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        return m;
    }

    /** Writes {@code outDir/scan.json}, replacing an older one whole. */
    public void write(Path outDir) throws IOException {
        Path tmp = outDir.resolve(FILE_NAME + ".tmp");
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(tmp.toFile(), toJson());
        Files.move(tmp, outDir.resolve(FILE_NAME), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
