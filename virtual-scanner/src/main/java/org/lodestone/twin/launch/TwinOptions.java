package org.lodestone.twin.launch;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How to start a virtual scanner: the twin's own options (as on the {@code simulator} command line) and
 * how it is reached. Immutable; change with the {@code with…} methods.
 *
 * @param seed               hidden unit parameters and noise
 * @param speed              1 = real time, 0 = as fast as it can (tests)
 * @param truthDir           where the twin writes truth.json / truth.nii, or null
 * @param phantom            head, geometry or uniform; null for the twin's default
 * @param script             event script (door, stop, faults at twin times), or null
 * @param programMemoryBytes the board's program memory, 0 for the twin's default
 * @param gpioBus            serve the room's interlock wiring on a GPIO bus (free loopback port)
 * @param gpioConfig         pin map and polarity of that wiring, null for the built-in one
 * @param emi                interference and a reference antenna channel
 * @param maxHeapMb          the child's -Xmx, 0 for the JVM's default
 * @param link               serial line through a socat pty pair, or TCP on 127.0.0.1
 * @param extraArgs          further simulator options, e.g. {@code --thermal-tau 600}
 * @param coils              receive coils (1..32), 0 for the twin's default (2)
 */
public record TwinOptions(long seed, double speed, Path truthDir, String phantom, Path script, long programMemoryBytes,
                          boolean gpioBus, Path gpioConfig, boolean emi, int maxHeapMb, Link link, List<String> extraArgs, int coils) {

    /** How the console reaches the child. */
    public enum Link { PTY, TCP }

    public TwinOptions {
        if (!(speed >= 0) || Double.isInfinite(speed)) throw new IllegalArgumentException("speed must be ≥ 0");
        if (link == null) link = Link.PTY;
        extraArgs = List.copyOf(extraArgs == null ? List.of() : extraArgs);
        if (coils != 0 && (coils < 1 || coils > 32)) throw new IllegalArgumentException("receive coils must be 1..32, not " + coils);
    }

    /** The options of the earlier shape (before the coil count), with the default coils. */
    public TwinOptions(long seed, double speed, Path truthDir, String phantom, Path script, long programMemoryBytes,
                       boolean gpioBus, Path gpioConfig, boolean emi, int maxHeapMb, Link link, List<String> extraArgs) {
        this(seed, speed, truthDir, phantom, script, programMemoryBytes, gpioBus, gpioConfig, emi, maxHeapMb, link, extraArgs, 0);
    }

    /** Seed 1, real time, no truth, default phantom and memory, no GPIO bus, a pty pair. */
    public static TwinOptions defaults() {
        return new TwinOptions(1, 1.0, null, null, null, 0, false, null, false, 0, Link.PTY, List.of());
    }

    /** As fast as it can (speed 0), small heap: what a test wants. */
    public static TwinOptions forTests(long seed) {
        return defaults().withSeed(seed).withSpeed(0).withMaxHeapMb(256);
    }

    public TwinOptions withSeed(long s) {
        return new TwinOptions(s, speed, truthDir, phantom, script, programMemoryBytes, gpioBus, gpioConfig, emi, maxHeapMb, link, extraArgs, coils);
    }

    public TwinOptions withSpeed(double s) {
        return new TwinOptions(seed, s, truthDir, phantom, script, programMemoryBytes, gpioBus, gpioConfig, emi, maxHeapMb, link, extraArgs, coils);
    }

    public TwinOptions withTruth(Path dir) {
        return new TwinOptions(seed, speed, dir, phantom, script, programMemoryBytes, gpioBus, gpioConfig, emi, maxHeapMb, link, extraArgs, coils);
    }

    public TwinOptions withPhantom(String name) {
        return new TwinOptions(seed, speed, truthDir, name, script, programMemoryBytes, gpioBus, gpioConfig, emi, maxHeapMb, link, extraArgs, coils);
    }

    public TwinOptions withScript(Path file) {
        return new TwinOptions(seed, speed, truthDir, phantom, file, programMemoryBytes, gpioBus, gpioConfig, emi, maxHeapMb, link, extraArgs, coils);
    }

    public TwinOptions withProgramMemory(long bytes) {
        return new TwinOptions(seed, speed, truthDir, phantom, script, bytes, gpioBus, gpioConfig, emi, maxHeapMb, link, extraArgs, coils);
    }

    public TwinOptions withGpio(boolean bus, Path config) {
        return new TwinOptions(seed, speed, truthDir, phantom, script, programMemoryBytes, bus, config, emi, maxHeapMb, link, extraArgs, coils);
    }

    public TwinOptions withEmi(boolean on) {
        return new TwinOptions(seed, speed, truthDir, phantom, script, programMemoryBytes, gpioBus, gpioConfig, on, maxHeapMb, link, extraArgs, coils);
    }

    public TwinOptions withMaxHeapMb(int mb) {
        return new TwinOptions(seed, speed, truthDir, phantom, script, programMemoryBytes, gpioBus, gpioConfig, emi, mb, link, extraArgs, coils);
    }

    public TwinOptions withLink(Link l) {
        return new TwinOptions(seed, speed, truthDir, phantom, script, programMemoryBytes, gpioBus, gpioConfig, emi, maxHeapMb, l, extraArgs, coils);
    }

    /** {@code n} receive coils (1..32). */
    public TwinOptions withCoils(int n) {
        return new TwinOptions(seed, speed, truthDir, phantom, script, programMemoryBytes, gpioBus, gpioConfig, emi, maxHeapMb, link, extraArgs, n);
    }

    /** Adds simulator options after the ones these fields make. */
    public TwinOptions withArgs(String... args) {
        List<String> all = new ArrayList<>(extraArgs);
        all.addAll(List.of(args));
        return new TwinOptions(seed, speed, truthDir, phantom, script, programMemoryBytes, gpioBus, gpioConfig, emi, maxHeapMb, link, all, coils);
    }

    /**
     * The simulator's command-line options for these settings, serving on {@code port} (a device path or
     * tcp:HOST:PORT), its GPIO bus (if any) on {@code gpioPort} (0 = any free port).
     */
    List<String> simulatorArgs(String port, int gpioPort) {
        List<String> a = new ArrayList<>(List.of("--port", port, "--seed", Long.toString(seed), "--speed", Double.toString(speed)));
        if (link == Link.TCP) a.add("--keep-listening"); // a console that reconnects finds it again
        if (phantom != null) a.addAll(List.of("--phantom", phantom));
        if (truthDir != null) a.addAll(List.of("--truth", truthDir.toAbsolutePath().toString()));
        if (gpioBus) {
            a.addAll(List.of("--gpio-port", Integer.toString(gpioPort)));
            if (gpioConfig != null) a.addAll(List.of("--gpio-config", gpioConfig.toAbsolutePath().toString()));
        }
        if (script != null) a.addAll(List.of("--script", script.toAbsolutePath().toString()));
        if (programMemoryBytes > 0) a.addAll(List.of("--program-memory", Long.toString(programMemoryBytes)));
        if (emi) a.add("--emi");
        if (coils > 0) a.addAll(List.of("--coils", Integer.toString(coils)));
        a.addAll(extraArgs);
        return a;
    }
}
