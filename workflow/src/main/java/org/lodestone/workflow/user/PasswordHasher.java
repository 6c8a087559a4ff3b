package org.lodestone.workflow.user;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Argon2id password hashes in the PHC string form {@code $argon2id$v=19$m=…,t=…,p=…$salt$hash}, so the
 * parameters can be raised later without breaking stored hashes.
 */
public final class PasswordHasher {
    private static final int MEMORY_KIB = 19 * 1024, ITERATIONS = 2, PARALLELISM = 1, HASH_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private PasswordHasher() {
    }

    public static String hash(char[] password) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        byte[] h = derive(password, salt, MEMORY_KIB, ITERATIONS, PARALLELISM, HASH_BYTES);
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return "$argon2id$v=19$m=" + MEMORY_KIB + ",t=" + ITERATIONS + ",p=" + PARALLELISM + "$" + b64.encodeToString(salt) + "$"
                + b64.encodeToString(h);
    }

    public static boolean matches(char[] password, String stored) {
        String[] parts = stored.split("\\$");
        if (parts.length != 6 || !parts[1].equals("argon2id")) return false;
        int m = 0, t = 0, p = 0;
        for (String kv : parts[3].split(",")) {
            String[] a = kv.split("=");
            switch (a[0]) {
                case "m" -> m = Integer.parseInt(a[1]);
                case "t" -> t = Integer.parseInt(a[1]);
                case "p" -> p = Integer.parseInt(a[1]);
                default -> {
                    return false;
                }
            }
        }
        byte[] salt = Base64.getDecoder().decode(parts[4]), expected = Base64.getDecoder().decode(parts[5]);
        return MessageDigest.isEqual(expected, derive(password, salt, m, t, p, expected.length));
    }

    private static byte[] derive(char[] password, byte[] salt, int m, int t, int p, int len) {
        Argon2BytesGenerator g = new Argon2BytesGenerator();
        g.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id).withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withSalt(salt).withMemoryAsKB(m).withIterations(t).withParallelism(p).build());
        byte[] out = new byte[len];
        g.generateBytes(new String(password).getBytes(StandardCharsets.UTF_8), out);
        return out;
    }
}
