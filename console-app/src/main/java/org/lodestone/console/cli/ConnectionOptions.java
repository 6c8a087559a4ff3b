package org.lodestone.console.cli;

import org.lodestone.calibration.store.CalibrationStore;
import org.lodestone.console.unit.Units;
import org.lodestone.hw.session.DeviceException;
import org.lodestone.scan.unit.UnitConnection;
import org.lodestone.twin.launch.TwinOptions;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Path;

/** Where the unit is; without --port a virtual scanner is started behind a pty pair. */
public final class ConnectionOptions {
    @Option(names = "--port", paramLabel = "PATH|tcp:HOST:PORT",
            description = "The unit's serial device or TCP address. Without it, a virtual scanner is started.")
    String port;

    @Option(names = "--sim-seed", paramLabel = "N", defaultValue = "1", description = "Seed of the virtual scanner started without --port (default: ${DEFAULT-VALUE}).")
    long simSeed;

    double simSpeed = 1.0;

    @Option(names = "--sim-speed", paramLabel = "X", description = "Pace of that virtual scanner: 1 = real time (default), 0 = as fast as it can.")
    void simSpeed(double x) {
        if (!(x >= 0)) throw new picocli.CommandLine.ParameterException(command.commandLine(), "--sim-speed must be 0 or more, not " + x);
        simSpeed = x;
    }

    @Option(names = "--sim-truth", paramLabel = "DIR", description = "Have that virtual scanner write its hidden truth (truth.json, truth.nii) to DIR.")
    Path simTruth;

    @Option(names = "--sim-phantom", paramLabel = "head|geometry|uniform",
            description = "What lies in that virtual scanner's bore (default: head); calibrate gradients needs geometry, qa and --all uniform.")
    String simPhantom;

    /** 0 = the twin's default (2). */
    int simCoils;

    @Option(names = "--sim-coils", paramLabel = "N", description = "Receive coils of that virtual scanner, 1..32 (default: 2).")
    void simCoils(int n) {
        if (n < 1 || n > 32) throw new picocli.CommandLine.ParameterException(command.commandLine(), "--sim-coils must be 1..32, not " + n);
        simCoils = n;
    }

    @Option(names = "--gpio", paramLabel = "pi|virtual[:[HOST:]PORT]|none",
            description = "Where the interlocks and amplifier enables are: the unit's GPIO (pi), a GPIO bus (virtual:PORT), "
                    + "or none (runs without interlocks, on purpose). Default: the started virtual scanner's bus; with --port, "
                    + "nothing that plays RF or gradients runs until --gpio says where they are or none.")
    String gpio;

    @Option(names = "--gpio-config", paramLabel = "FILE", description = "GPIO pin map and polarity (properties, see docs/gpio.md).")
    Path gpioConfig;

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    /** The calibration profile in the data directory (the one {@code calibrate} writes). */
    CalibrationStore calibrationStore() {
        return Main.environment(command).calibrationStore();
    }

    /** Opens the unit (or starts the virtual scanner) with its GPIO set-up: the one way the commands reach it. */
    UnitConnection open() throws IOException, DeviceException {
        return Units.open(port, virtualOptions(), gpioSetup());
    }

    UnitConnection.GpioSetup gpioSetup() {
        return new UnitConnection.GpioSetup(gpio, gpioConfig);
    }

    TwinOptions virtualOptions() {
        return TwinOptions.defaults().withSeed(simSeed).withSpeed(simSpeed).withTruth(simTruth).withPhantom(simPhantom)
                .withCoils(simCoils);
    }
}
