package org.lodestone.hw.gpio;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * One line of the GPIO bus protocol (see docs/gpio.md): {@code VERB NAME LEVEL}, ASCII, '\n'-ended.
 * Server to client: {@code GPIOBUS 1} greeting, {@code IN NAME 0|1}, {@code READY} after the
 * snapshot of inputs. Client to server: {@code OUT NAME 0|1}.
 */
record BusLine(String verb, String name, boolean high) {
    static final String GREETING = "GPIOBUS 1";
    static final String READY = "READY";
    static final int MAX_LINE = 200;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");

    BusLine {
        if (!NAME.matcher(name).matches()) throw new IllegalArgumentException("bad GPIO bus signal name: " + name);
    }

    static BusLine in(String name, boolean high) {
        return new BusLine("IN", name, high);
    }

    static BusLine out(String name, boolean high) {
        return new BusLine("OUT", name, high);
    }

    /** Parses IN/OUT lines; null for anything else (greeting, READY, garbage). */
    static BusLine parse(String line) {
        String[] p = line.trim().split(" ");
        if (p.length != 3 || !(p[0].equals("IN") || p[0].equals("OUT"))) return null;
        if (!p[2].equals("0") && !p[2].equals("1")) return null;
        if (!NAME.matcher(p[1]).matches()) return null;
        return new BusLine(p[0], p[1], p[2].equals("1"));
    }

    byte[] bytes() {
        return (verb + ' ' + name + ' ' + (high ? '1' : '0') + '\n').getBytes(StandardCharsets.US_ASCII);
    }
}
