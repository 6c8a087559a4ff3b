package org.lodestone.calibration.store;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;

import java.io.IOException;
import java.time.Instant;

/** The JSON mapper of calibration files: instants as ISO-8601 text, NaN allowed, indented. */
public final class Json {
    private Json() {
    }

    public static ObjectMapper mapper() {
        // Instant by hand: the jsr310 module of our Jackson version is not in the reachable repositories
        SimpleModule m = new SimpleModule("instants");
        m.addSerializer(Instant.class, new JsonSerializer<>() {
            @Override
            public void serialize(Instant v, JsonGenerator g, SerializerProvider p) throws IOException {
                g.writeString(v.toString());
            }
        });
        m.addDeserializer(Instant.class, new JsonDeserializer<>() {
            @Override
            public Instant deserialize(JsonParser p, DeserializationContext c) throws IOException {
                return Instant.parse(p.getValueAsString());
            }
        });
        return new ObjectMapper().registerModule(m).enable(SerializationFeature.INDENT_OUTPUT);
    }

    /**
     * A version as the command line and the window show it: {version, time, operator, status, note,
     * values: {name: {value, uncertainty, unit, routine, time}}}.
     */
    public static String summary(CalibrationProfile p) {
        java.util.Map<String, Object> values = new java.util.TreeMap<>();
        p.entries().forEach((k, e) -> values.put(k, new java.util.LinkedHashMap<>(java.util.Map.of("value", e.value(),
                "uncertainty", e.uncertainty(), "unit", e.unit(), "routine", e.routine(), "time", e.time().toString()))));
        java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("version", p.version());
        m.put("time", p.time().toString());
        m.put("operator", p.operator());
        m.put("status", p.status().name());
        m.put("note", p.note());
        m.put("values", values);
        try {
            return mapper().writeValueAsString(m);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("calibration version " + p.version() + " cannot be written as JSON", e);
        }
    }
}
