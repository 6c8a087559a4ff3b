package org.lodestone.remote.hub;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * Who may view the hub: a file of {@code user:password} lines ('#' comments), checked against HTTP
 * Basic credentials. Viewers can only read; there is nothing to write.
 */
public final class Viewers {
    private final Map<String, byte[]> passwords;

    private Viewers(Map<String, byte[]> passwords) {
        this.passwords = Map.copyOf(passwords);
    }

    public static Viewers load(Path file) throws IOException {
        Map<String, byte[]> m = new HashMap<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#")) continue;
            int colon = t.indexOf(':');
            if (colon <= 0) throw new IllegalArgumentException("viewer file " + file + ": each line must be user:password");
            m.put(t.substring(0, colon), t.substring(colon + 1).getBytes(StandardCharsets.UTF_8));
        }
        if (m.isEmpty()) throw new IllegalArgumentException("viewer file " + file + " names no viewer");
        return new Viewers(m);
    }

    public static Viewers of(String user, String password) {
        return new Viewers(Map.of(user, password.getBytes(StandardCharsets.UTF_8)));
    }

    /** Whether an {@code Authorization: Basic …} header names a viewer with the right password. */
    public boolean allows(String authorization) {
        if (authorization == null || !authorization.startsWith("Basic ")) return false;
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return false;
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) return false;
        byte[] expected = passwords.get(decoded.substring(0, colon));
        return expected != null && MessageDigest.isEqual(expected, decoded.substring(colon + 1).getBytes(StandardCharsets.UTF_8));
    }
}
