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

    @Override
    public Integer call() throws Exception {
        Path root = data != null ? data : Main.DataDirectory.get().resolve("exams");
        String port = connection.port;
        var virtualOptions = connection.virtualOptions();
        var gpio = connection.gpioSetup();
        ConsoleLauncher.run(new ConsoleWindow.Config(operator, root.toAbsolutePath(),
                () -> Units.open(port, virtualOptions, gpio), connection.calibrationStore()));
        return 0;
    }
}
