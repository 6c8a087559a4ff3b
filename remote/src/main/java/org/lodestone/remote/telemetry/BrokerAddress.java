package org.lodestone.remote.telemetry;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Where the broker is: {@code mqtt://host[:port]} or {@code mqtts://host[:port]} (TLS, the JVM's
 * trust store), optionally {@code user:password@}. {@link #toString()} never shows the password.
 */
public record BrokerAddress(String host, int port, boolean tls, Optional<String> user, Optional<String> password) {

    public static BrokerAddress parse(String url) {
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("the MQTT address '" + redact(url) + "' is not a URL like mqtt://host:1883");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
        boolean tls = switch (scheme) {
            case "mqtt", "tcp" -> false;
            case "mqtts", "ssl" -> true;
            default -> throw new IllegalArgumentException("the MQTT address must start with mqtt:// or mqtts:// (got '" + redact(url) + "')");
        };
        if (uri.getHost() == null) throw new IllegalArgumentException("the MQTT address '" + redact(url) + "' names no host");
        int port = uri.getPort() > 0 ? uri.getPort() : tls ? 8883 : 1883;
        Optional<String> user = Optional.empty();
        Optional<String> password = Optional.empty();
        if (uri.getRawUserInfo() != null) {
            String[] up = uri.getRawUserInfo().split(":", 2);
            user = Optional.of(URLDecoder.decode(up[0], StandardCharsets.UTF_8));
            if (up.length == 2) password = Optional.of(URLDecoder.decode(up[1], StandardCharsets.UTF_8));
        }
        return new BrokerAddress(uri.getHost(), port, tls, user, password);
    }

    private static String redact(String url) {
        return url.replaceAll("//[^@/]*@", "//***@");
    }

    @Override
    public String toString() {
        return (tls ? "mqtts://" : "mqtt://") + user.map(u -> u + "@").orElse("") + host + ":" + port;
    }
}
