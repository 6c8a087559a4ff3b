package org.lodestone.twin.launch;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

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
        return with(c -> c.seed = s);
    }

    public TwinOptions withSpeed(double s) {
        return with(c -> c.speed = s);
    }

    public TwinOptions withTruth(Path dir) {
        return with(c -> c.truthDir = dir);
    }

    public TwinOptions withPhantom(String name) {
        return with(c -> c.phantom = name);
    }

    public TwinOptions withScript(Path file) {
        return with(c -> c.script = file);
    }

    public TwinOptions withProgramMemory(long bytes) {
        return with(c -> c.programMemoryBytes = bytes);
    }

    public TwinOptions withGpio(boolean bus, Path config) {
        return with(c -> {
            c.gpioBus = bus;
            c.gpioConfig = config;
        });
    }

    public TwinOptions withEmi(boolean on) {
        return with(c -> c.emi = on);
    }

    public TwinOptions withMaxHeapMb(int mb) {
        return with(c -> c.maxHeapMb = mb);
    }

    public TwinOptions withLink(Link l) {
        return with(c -> c.link = l);
    }

    /** {@code n} receive coils (1..32). */
    public TwinOptions withCoils(int n) {
        return with(c -> c.coils = n);
    }

    /** Adds simulator options after the ones these fields make. */
    public TwinOptions withArgs(String... args) {
        return with(c -> c.extraArgs.addAll(List.of(args)));
    }

    /** A copy with some fields changed: the one place that lists them all, so a new field is added once. */
    private TwinOptions with(Consumer<Copy> change) {
        Copy c = new Copy(this);
        change.accept(c);
        return new TwinOptions(c.seed, c.speed, c.truthDir, c.phantom, c.script, c.programMemoryBytes, c.gpioBus, c.gpioConfig,
                c.emi, c.maxHeapMb, c.link, c.extraArgs, c.coils);
    }

    /** The fields of a TwinOptions being changed (used by {@link #with} only). */
    private static final class Copy {
        long seed;
        double speed;
        Path truthDir;
        String phantom;
        Path script;
        long programMemoryBytes;
        boolean gpioBus;
        Path gpioConfig;
        boolean emi;
        int maxHeapMb;
        Link link;
        final List<String> extraArgs;
        int coils;

        Copy(TwinOptions o) {
            seed = o.seed;
            speed = o.speed;
            truthDir = o.truthDir;
            phantom = o.phantom;
            script = o.script;
            programMemoryBytes = o.programMemoryBytes;
            gpioBus = o.gpioBus;
            gpioConfig = o.gpioConfig;
            emi = o.emi;
            maxHeapMb = o.maxHeapMb;
            link = o.link;
            extraArgs = new ArrayList<>(o.extraArgs);
            coils = o.coils;
        }
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
