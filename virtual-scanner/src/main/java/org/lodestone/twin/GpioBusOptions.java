package org.lodestone.twin;

import org.lodestone.hw.gpio.GpioConfig;
import org.lodestone.twin.device.GpioWiring;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Path;

/** The simulator's interlock wiring served as a GPIO bus, for the console's virtual Pi4J provider. */
final class GpioBusOptions {
    @Option(names = "--gpio-port", paramLabel = "PORT",
            description = "Serve the unit's interlock wiring as a GPIO bus on 127.0.0.1:PORT (0 = any free port, printed at start) "
                    + "for the console's virtual Pi4J provider. Without it, the board itself reacts to door and stop events.")
    Integer port;

    @Option(names = "--gpio-config", paramLabel = "FILE",
            description = "Pin map and polarity of that wiring (the console's GPIO properties file; default: the built-in map).")
    Path config;

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    /** The GPIO bus, if asked for (else null); its port is announced on stdout before the ready line. */
    GpioWiring start() throws IOException {
        if (port == null) return null;
        if (port < 0 || port > 65535) throw new CommandLine.ParameterException(command.commandLine(), "--gpio-port must be 0..65535");
        GpioConfig pins;
        try {
            pins = config == null ? GpioConfig.defaults() : GpioConfig.load(config);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(command.commandLine(), "--gpio-config " + config + ": " + e.getMessage());
        }
        GpioWiring w = GpioWiring.start(port, pins);
        System.out.println(SimulatorCommand.GPIO_BUS_ANNOUNCEMENT + w.port());
        System.out.flush();
        return w;
    }
}
