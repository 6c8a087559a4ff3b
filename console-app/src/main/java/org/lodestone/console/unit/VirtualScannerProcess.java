package org.lodestone.console.unit;

import org.lodestone.twin.launch.RunningTwin;
import org.lodestone.twin.launch.TwinLauncher;
import org.lodestone.twin.launch.TwinOptions;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A virtual scanner in a child process on the far end of a pseudo-terminal pair made by socat,
 * so the console talks to it through a real serial line exactly as it would to the unit. A thin
 * adapter over the twin's own launcher ({@link TwinLauncher}); {@link #twin()} gives the rest of it.
 */
public final class VirtualScannerProcess implements AutoCloseable {
    /**
     * Options passed to the child.
     * @param gpioBus    serve the room's interlock wiring on a GPIO bus (free loopback port) for the console's GPIO
     * @param gpioConfig pin map and polarity of that wiring (null: built-in), the same file the console reads
     * @param script     the twin's event script (door, stop, faults at twin times), or null
     * @param programMemoryBytes the board's program memory (--program-memory), 0 for the twin's default
     * @param phantom    the object in the twin's bore (head, geometry, uniform), or null for the twin's default
     */
    public record Options(long seed, double speed, Path truthDir, boolean gpioBus, Path gpioConfig, Path script,
                          long programMemoryBytes, String phantom) {
        public static final Options DEFAULT = new Options(1, 1.0, null);

        public Options(long seed, double speed, Path truthDir, boolean gpioBus, Path gpioConfig, Path script) {
            this(seed, speed, truthDir, gpioBus, gpioConfig, script, 0, null);
        }

        /** A unit with a smaller board: programs longer than its memory are streamed. */
        public Options withProgramMemory(long bytes) {
            return new Options(seed, speed, truthDir, gpioBus, gpioConfig, script, bytes, phantom);
        }

        public Options(long seed, double speed, Path truthDir) {
            this(seed, speed, truthDir, true, null, null);
        }

        public Options withScript(Path file) {
            return new Options(seed, speed, truthDir, gpioBus, gpioConfig, file, programMemoryBytes, phantom);
        }

        public Options withGpio(boolean bus, Path config) {
            return new Options(seed, speed, truthDir, bus, config, script, programMemoryBytes, phantom);
        }

        public Options withPhantom(String name) {
            return new Options(seed, speed, truthDir, gpioBus, gpioConfig, script, programMemoryBytes, name);
        }

        /** The launcher's options for these. */
        public TwinOptions toTwinOptions() {
            return TwinOptions.defaults().withSeed(seed).withSpeed(speed).withTruth(truthDir).withGpio(gpioBus, gpioConfig)
                    .withScript(script).withProgramMemory(programMemoryBytes).withPhantom(phantom);
        }
    }

    private final RunningTwin twin;

    private VirtualScannerProcess(RunningTwin twin) {
        this.twin = twin;
    }

    public static VirtualScannerProcess start(Options options) throws IOException {
        return new VirtualScannerProcess(TwinLauncher.start(options.toTwinOptions()));
    }

    /** The launcher's handle: stop, kill, suspend/resume, restart on the same port. */
    public RunningTwin twin() {
        return twin;
    }

    /** The loopback port of the twin's GPIO bus, or -1 if it serves none. */
    public int gpioBusPort() {
        return twin.gpioBusPort();
    }

    /** The child's most recent output lines (its log), oldest first: for diagnostics. */
    public List<String> recentOutput() {
        return twin.recentOutput();
    }

    /** The serial device the console opens. */
    public Path hostPort() {
        return twin.hostPort();
    }

    public Process process() {
        return twin.process();
    }

    @Override
    public void close() {
        twin.close();
    }
}
