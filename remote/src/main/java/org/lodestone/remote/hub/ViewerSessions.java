package org.lodestone.remote.hub;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Session tokens handed to a viewer after a Basic login, valid for a while; in memory only. */
final class ViewerSessions {
    static final String COOKIE = "lodestone_hub";
    private static final int MAX_SESSIONS = 10_000;

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Long> expiry = new ConcurrentHashMap<>();
    private final long lifetimeNanos;

    ViewerSessions(Duration lifetime) {
        this.lifetimeNanos = lifetime.toNanos();
    }

    String open() {
        long now = System.nanoTime();
        expiry.values().removeIf(t -> t - now < 0);
        if (expiry.size() >= MAX_SESSIONS) expiry.clear(); // a flood of logins: everyone logs in again
        byte[] b = new byte[24];
        random.nextBytes(b);
        String token = HexFormat.of().formatHex(b);
        expiry.put(token, now + lifetimeNanos);
        return token;
    }

    boolean valid(String token) {
        if (token == null) return false;
        Long t = expiry.get(token);
        return t != null && t - System.nanoTime() > 0;
    }
}
