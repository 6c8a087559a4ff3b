package org.lodestone.hw.gpio;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.IOType;

import java.io.IOException;

/**
 * Builds the Pi4J context for this machine from the console's {@code --gpio} option. Everything
 * above the context ({@link UnitGpio}, {@link InterlockGuard}) is the same either way.
 * <ul>
 *   <li>{@code pi}: the real board; Pi4J auto-detects the platform plugins on the class path
 *       (e.g. pi4j-plugin-ffm, see docs/gpio.md).</li>
 *   <li>{@code virtual}, {@code virtual:PORT} or {@code virtual:HOST:PORT}: {@link VirtualGpioProvider}
 *       on the virtual scanner's GPIO bus (default 127.0.0.1:{@value #DEFAULT_BUS_PORT}).</li>
 * </ul>
 */
public final class Pi4jContexts {
    public static final int DEFAULT_BUS_PORT = 7391;
    public static final String DEFAULT_BUS_HOST = "127.0.0.1";

    private Pi4jContexts() {
    }

    /** Where the GPIO is. */
    public sealed interface Target permits RealBoard, VirtualBus {
        static Target parse(String option) {
            String o = option == null ? "" : option.trim();
            if (o.equals("pi")) return new RealBoard();
            if (o.equals("virtual")) return new VirtualBus(DEFAULT_BUS_HOST, DEFAULT_BUS_PORT);
            if (o.startsWith("virtual:")) {
                String rest = o.substring("virtual:".length());
                int colon = rest.lastIndexOf(':');
                String host = colon < 0 ? DEFAULT_BUS_HOST : rest.substring(0, colon);
                String port = colon < 0 ? rest : rest.substring(colon + 1);
                try {
                    return new VirtualBus(host, Integer.parseInt(port));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("bad GPIO bus port in --gpio " + option);
                }
            }
            throw new IllegalArgumentException("--gpio must be pi, virtual, virtual:PORT or virtual:HOST:PORT, not '" + option + "'");
        }
    }

    /** The unit's own GPIO through Pi4J platform plugins. */
    public record RealBoard() implements Target {
    }

    public record VirtualBus(String host, int port) implements Target {
        public VirtualBus {
            if (host.isBlank()) throw new IllegalArgumentException("GPIO bus host is empty");
            if (port < 1 || port > 65535) throw new IllegalArgumentException("GPIO bus port " + port + " is out of range");
        }
    }

    public static Context forMachine(String gpioOption) throws IOException {
        return forMachine(Target.parse(gpioOption));
    }

    /** The caller owns the context: {@code context.shutdown()} when done (outputs go to their safe level). */
    public static Context forMachine(Target target) throws IOException {
        return switch (target) {
            case VirtualBus(String host, int port) -> VirtualGpioProvider.connect(host, port).newContext();
            case RealBoard() -> realBoard();
        };
    }

    private static Context realBoard() {
        // Shutdown hook: a JVM that exits without closing still drives every output to its shutdown (safe) level.
        Context ctx = Pi4J.newContextBuilder().autoDetect().enableShutdownHook().build();
        if (!ctx.hasProvider(IOType.DIGITAL_INPUT) || !ctx.hasProvider(IOType.DIGITAL_OUTPUT)) {
            ctx.shutdown();
            throw new IllegalStateException("--gpio pi: no Pi4J digital I/O provider on the class path "
                    + "(add com.pi4j:pi4j-plugin-ffm, see docs/gpio.md)");
        }
        return ctx;
    }
}
