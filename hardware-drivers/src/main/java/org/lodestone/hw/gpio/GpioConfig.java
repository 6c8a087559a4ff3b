package org.lodestone.hw.gpio;

import com.pi4j.io.gpio.digital.DigitalState;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Pin map and polarity of the unit's GPIO, loaded from a properties file (keys in docs/gpio.md):
 * <pre>
 * gpio.in.DOOR_CLOSED.bcm=17
 * gpio.in.DOOR_CLOSED.active=high
 * gpio.out.RF_ENABLE.bcm=5
 * gpio.out.RF_ENABLE.active=high
 * gpio.debounce.us=1000
 * </pre>
 * Keys left out keep their {@link #defaults() default}; unknown {@code gpio.*} keys are refused
 * so that a misspelt key cannot silently leave a pin on its default.
 *
 * @param debounceMicros input debounce handed to Pi4J; every microsecond of it delays a trip
 */
public record GpioConfig(Map<GpioInput, Pin> inputs, Map<GpioOutput, Pin> outputs, long debounceMicros) {

    /** Highest BCM number on the 40-pin header. */
    public static final int MAX_BCM = 27;
    public static final String PREFIX = "gpio.";

    /**
     * One pin.
     * @param bcm        BCM (Broadcom) GPIO number
     * @param activeHigh true if the logical "active" meaning is a high level
     */
    public record Pin(int bcm, boolean activeHigh) {
        public Pin {
            if (bcm < 0 || bcm > MAX_BCM) throw new IllegalArgumentException("BCM pin " + bcm + " is not on the header (0.." + MAX_BCM + ")");
        }

        public DigitalState activeLevel() {
            return activeHigh ? DigitalState.HIGH : DigitalState.LOW;
        }

        public DigitalState level(boolean active) {
            return active == activeHigh ? DigitalState.HIGH : DigitalState.LOW;
        }

        /** True if the level means active; a level that is neither high nor low is not active. */
        public boolean isActive(DigitalState level) {
            return level == activeLevel();
        }
    }

    public GpioConfig {
        inputs = Collections.unmodifiableMap(complete(inputs, GpioInput.class));
        outputs = Collections.unmodifiableMap(complete(outputs, GpioOutput.class));
        if (debounceMicros < 0) throw new IllegalArgumentException("debounce must not be negative");
        Map<Integer, String> used = new HashMap<>();
        inputs.forEach((k, p) -> claim(used, p.bcm(), k.name()));
        outputs.forEach((k, p) -> claim(used, p.bcm(), k.name()));
    }

    private static <K extends Enum<K>> EnumMap<K, Pin> complete(Map<K, Pin> m, Class<K> type) {
        EnumMap<K, Pin> copy = new EnumMap<>(type);
        copy.putAll(m);
        for (K k : type.getEnumConstants()) {
            if (copy.get(k) == null) throw new IllegalArgumentException("no pin configured for " + k);
        }
        return copy;
    }

    private static void claim(Map<Integer, String> used, int bcm, String who) {
        String before = used.putIfAbsent(bcm, who);
        if (before != null) throw new IllegalArgumentException("BCM pin " + bcm + " is given to both " + before + " and " + who);
    }

    /**
     * The reference wiring. Polarities are chosen so that a broken wire reads unsafe: the door
     * switch and the normally-closed stop and thermostat contacts hold their line while all is well.
     */
    public static GpioConfig defaults() {
        Map<GpioInput, Pin> in = new EnumMap<>(GpioInput.class);
        in.put(GpioInput.DOOR_CLOSED, new Pin(17, true));
        in.put(GpioInput.EMERGENCY_STOP, new Pin(27, false));
        in.put(GpioInput.RF_AMP_FAULT, new Pin(22, false));
        in.put(GpioInput.GRADIENT_AMP_FAULT, new Pin(23, false));
        in.put(GpioInput.MAGNET_OVERTEMP, new Pin(24, false));
        Map<GpioOutput, Pin> out = new EnumMap<>(GpioOutput.class);
        out.put(GpioOutput.RF_ENABLE, new Pin(5, true));
        out.put(GpioOutput.GRADIENT_ENABLE, new Pin(6, true));
        out.put(GpioOutput.TR_SWITCH, new Pin(13, true));
        out.put(GpioOutput.COIL_DETUNE, new Pin(19, true));
        out.put(GpioOutput.SCANNING_LAMP, new Pin(26, true));
        // 1 ms rather than Pi4J's 10 ms default: the debounce adds straight onto the trip latency.
        return new GpioConfig(in, out, 1000);
    }

    public static GpioConfig load(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        try {
            return fromProperties(p);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /** Reads {@code gpio.*} keys over the defaults; other keys are ignored (the file may hold more). */
    public static GpioConfig fromProperties(Properties p) {
        GpioConfig base = defaults();
        Map<GpioInput, Pin> in = new EnumMap<>(base.inputs());
        Map<GpioOutput, Pin> out = new EnumMap<>(base.outputs());
        long debounce = base.debounceMicros();
        for (String key : p.stringPropertyNames()) {
            if (!key.startsWith(PREFIX)) continue;
            String value = p.getProperty(key).trim();
            String[] parts = key.split("\\.");
            if (key.equals("gpio.debounce.us")) {
                debounce = parseLong(key, value);
            } else if (parts.length == 4 && parts[1].equals("in")) {
                GpioInput which = parseEnum(GpioInput.class, parts[2], key);
                in.put(which, withField(in.get(which), parts[3], value, key));
            } else if (parts.length == 4 && parts[1].equals("out")) {
                GpioOutput which = parseEnum(GpioOutput.class, parts[2], key);
                out.put(which, withField(out.get(which), parts[3], value, key));
            } else {
                throw new IllegalArgumentException("unknown GPIO key " + key);
            }
        }
        return new GpioConfig(in, out, debounce);
    }

    /** The same keys {@link #fromProperties} reads, e.g. to write a starting file. */
    public Properties toProperties() {
        Properties p = new Properties();
        inputs.forEach((k, pin) -> put(p, "gpio.in." + k.name(), pin));
        outputs.forEach((k, pin) -> put(p, "gpio.out." + k.name(), pin));
        p.setProperty("gpio.debounce.us", Long.toString(debounceMicros));
        return p;
    }

    public Pin pin(GpioInput in) {
        return inputs.get(in);
    }

    public Pin pin(GpioOutput out) {
        return outputs.get(out);
    }

    /** The electrical level (true = high) that means {@code active} on this input, e.g. for a bus server. */
    public boolean highWhen(GpioInput in, boolean active) {
        return pin(in).level(active) == DigitalState.HIGH;
    }

    private static void put(Properties p, String stem, Pin pin) {
        p.setProperty(stem + ".bcm", Integer.toString(pin.bcm()));
        p.setProperty(stem + ".active", pin.activeHigh() ? "high" : "low");
    }

    private static Pin withField(Pin pin, String field, String value, String key) {
        return switch (field) {
            case "bcm" -> new Pin((int) parseLong(key, value), pin.activeHigh());
            case "active" -> switch (value.toLowerCase(Locale.ROOT)) {
                case "high" -> new Pin(pin.bcm(), true);
                case "low" -> new Pin(pin.bcm(), false);
                default -> throw new IllegalArgumentException(key + " must be high or low, not " + value);
            };
            default -> throw new IllegalArgumentException("unknown GPIO key " + key);
        };
    }

    private static <E extends Enum<E>> E parseEnum(Class<E> type, String name, String key) {
        try {
            return Enum.valueOf(type, name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown GPIO signal in " + key);
        }
    }

    private static long parseLong(String key, String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " is not a number: " + value);
        }
    }
}
