package org.lodestone.workflow.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * One line of audit.jsonl. The hash is SHA-256 over the canonical form: the fields in this order, without
 * {@code hash}, no whitespace, details sorted by key.
 */
public record AuditEntry(long seq, String time, String user, String role, String action, String object,
                         Map<String, String> details, String prev, String hash) {
    public static final String GENESIS = "0".repeat(64);
    private static final ObjectMapper JSON = new ObjectMapper();

    public AuditEntry {
        details = Map.copyOf(details);
    }

    /** A new entry after {@code prev}, its hash computed. */
    public static AuditEntry create(long seq, String time, String user, String role, String action, String object,
                                    Map<String, String> details, String prev) {
        AuditEntry unsigned = new AuditEntry(seq, time, user, role, action, object, details, prev, "");
        return new AuditEntry(seq, time, user, role, action, object, details, prev, unsigned.computeHash());
    }

    public String computeHash() {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(canonical().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    String canonical() {
        return body().toString();
    }

    private ObjectNode body() {
        ObjectNode n = JSON.createObjectNode();
        n.put("seq", seq).put("time", time).put("user", user).put("role", role).put("action", action).put("object", object);
        ObjectNode d = n.putObject("details");
        new TreeMap<>(details).forEach(d::put);
        n.put("prev", prev);
        return n;
    }

    /** The line written to the file. */
    public String toLine() {
        return body().put("hash", hash).toString();
    }

    /** Parses a line; throws IllegalArgumentException naming what is missing or malformed. */
    public static AuditEntry parse(String line) {
        JsonNode n;
        try {
            n = JSON.readTree(line);
        } catch (Exception e) {
            throw new IllegalArgumentException("not valid JSON");
        }
        if (n == null || !n.isObject()) throw new IllegalArgumentException("not a JSON object");
        for (String f : new String[]{"seq", "time", "user", "role", "action", "object", "details", "prev", "hash"}) {
            if (!n.has(f)) throw new IllegalArgumentException("field '" + f + "' missing");
        }
        Map<String, String> details = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = n.get("details").fields(); it.hasNext(); ) {
            var e = it.next();
            details.put(e.getKey(), e.getValue().asText());
        }
        return new AuditEntry(n.get("seq").asLong(), n.get("time").asText(), n.get("user").asText(), n.get("role").asText(),
                n.get("action").asText(), n.get("object").asText(), details, n.get("prev").asText(), n.get("hash").asText());
    }
}
