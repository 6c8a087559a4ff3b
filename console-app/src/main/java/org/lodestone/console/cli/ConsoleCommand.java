package org.lodestone.console.cli;

import org.lodestone.console.unit.Units;
import org.lodestone.console.ui.ConsoleLauncher;
import org.lodestone.console.ui.ConsoleWindow;
import org.lodestone.scan.unit.UnitConnection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** The operator window. The unit is connected in the background once the window is up. */
@Command(name = "console", mixinStandardHelpOptions = true, description = "Open the operator window.")
public final class ConsoleCommand implements Callable<Integer> {
    @Option(names = "--operator", paramLabel = "NAME", defaultValue = "${sys:user.name}", description = "Who runs the scans (audit log; default: ${DEFAULT-VALUE}).")
    String operator;

    @Option(names = "--data", paramLabel = "DIR",
            description = "Root of the exam folders (default: exams in the data directory, LODESTONE_HOME or ~/.lodestone).")
    Path data;

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--mqtt", paramLabel = "URL", description = "Publish telemetry to this MQTT broker (mqtt://host:1883 or mqtts://…; "
            + "default: telemetry.mqtt.url in lodestone.properties).")
    String mqtt;

    @Override
    public Integer call() throws Exception {
        Path root = data != null ? data : Main.DataDirectory.get().resolve("exams");
        String port = connection.port;
        var virtualOptions = connection.virtualOptions();
        var gpio = connection.gpioSetup();
        // telemetry (--mqtt or lodestone.properties) hears every scan the window runs, while it is open
        try (var telemetry = org.lodestone.remote.telemetry.TelemetrySession.start(
                Path.of(System.getProperty("lodestone.data", Main.DataDirectory.get().toString())), mqtt).orElse(null)) {
            ConsoleLauncher.run(new ConsoleWindow.Config(operator, root.toAbsolutePath(),
                    () -> Units.open(port, virtualOptions, gpio), ConnectionOptions.calibrationStore(),
                    telemetry == null ? org.lodestone.scan.ScanListener.NONE : telemetry.unit()));
        }
        return 0;
    }
}
