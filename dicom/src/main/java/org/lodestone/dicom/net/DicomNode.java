package org.lodestone.dicom.net;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A remote DICOM application entity (a PACS, a RIS, a viewer) under the name the operator gave it. */
public record DicomNode(String name, String aeTitle, String host, int port, boolean tls) {
    private static final Pattern ADDRESS = Pattern.compile("([^@]{1,16})@(\\[[^]]+]|[^:@]+):(\\d{1,5})");

    public DicomNode {
        Objects.requireNonNull(name, "name");
        if (!name.matches("[A-Za-z0-9_.-]{1,64}")) {
            throw new IllegalArgumentException("destination name '" + name + "' may use only letters, digits, '.', '_' and '-'");
        }
        requireAeTitle(aeTitle);
        if (host == null || host.isBlank()) throw new IllegalArgumentException("host is empty");
        if (port < 1 || port > 65535) throw new IllegalArgumentException("port must be 1..65535: " + port);
    }

    /** Parses {@code AET@HOST:PORT}. */
    public static DicomNode parse(String name, String address, boolean tls) {
        Matcher m = ADDRESS.matcher(address);
        if (!m.matches()) throw new IllegalArgumentException("'" + address + "' is not AET@HOST:PORT (e.g. PACS@10.0.0.5:104)");
        return new DicomNode(name, m.group(1), m.group(2).replaceAll("^\\[|]$", ""), Integer.parseInt(m.group(3)), tls);
    }

    /** An AE title: 1..16 characters of printable ASCII, no backslash, not all spaces. */
    public static String requireAeTitle(String ae) {
        if (ae == null || ae.isBlank() || ae.length() > 16 || !ae.matches("[\\x20-\\x5B\\x5D-\\x7E]+")) {
            throw new IllegalArgumentException("'" + ae + "' is not an AE title (1 to 16 ASCII characters, no backslash)");
        }
        return ae;
    }

    public String address() {
        return aeTitle + "@" + host + ":" + port + (tls ? " (TLS)" : "");
    }
}
