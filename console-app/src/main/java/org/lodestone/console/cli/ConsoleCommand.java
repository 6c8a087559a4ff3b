package org.lodestone.console.cli;

import org.lodestone.console.unit.Units;
import org.lodestone.console.ui.ConsoleLauncher;
import org.lodestone.console.ui.day.TechnicianWindow;
import org.lodestone.scan.unit.UnitConnection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** The operator window. The unit is connected in the background once the window is up. */
@Command(name = "console", mixinStandardHelpOptions = true, description = "Open the operator window.")
public final class ConsoleCommand implements Callable<Integer> {
    @Mixin
    ConnectionOptions connection;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    TelemetryOption telemetryOption;

    // the technician's window (issue 16)
    @Option(names = "--ris", paramLabel = "NAME", description = "The worklist server, a destination added with 'pacs add' (default: none).")
    String ris;

    @Option(names = "--pacs", paramLabel = "NAME", description = "Where Send goes by default (default: the first destination).")
    String pacs;

    @Option(names = "--language", paramLabel = "en|zh", defaultValue = "en", description = "Language of the window (default ${DEFAULT-VALUE}; switchable in the window).")
    String language;

    @Option(names = "--idle-lock", paramLabel = "MINUTES", defaultValue = "10", description = "Lock the window after this many idle minutes (default ${DEFAULT-VALUE}).")
    int idleLockMinutes;

    @Option(names = "--ae-title", paramLabel = "AET", defaultValue = "${env:LODESTONE_AE_TITLE:-LODESTONE}", description = "Our DICOM AE title (default ${DEFAULT-VALUE}).")
    String aeTitle;

    @Override
    public Integer call() throws Exception {
        String port = connection.port;
        var virtualOptions = connection.virtualOptions();
        var gpio = connection.gpioSetup();
        if (!language.equals("en") && !language.equals("zh")) throw new IllegalArgumentException("--language must be en or zh");
        if (idleLockMinutes < 1) throw new IllegalArgumentException("--idle-lock must be at least 1 minute");
        // exams go to the workflow's data directory; the window records them in the database
        // telemetry (--mqtt or lodestone.properties) hears every scan the window runs, while it is open
        // the outbox, MPPS and auto-send run while the window is open (dicom module, headless)
        try (var telemetry = telemetryOption.start(Main.environment(spec).home());
             AutoCloseable dicom = OutboxCommand.startConsoleService(Main.environment(spec))) {
            ConsoleLauncher.run(new TechnicianWindow.Config(Main.environment(spec).workflowHome(), () -> Units.open(port, virtualOptions, gpio),
                    connection.calibrationStore(), aeTitle, ris, pacs, java.time.Duration.ofMinutes(idleLockMinutes),
                    language.equals("zh") ? org.lodestone.console.day.Texts.CHINESE : java.util.Locale.ENGLISH, null, null,
                    telemetry == null ? null : telemetry.unit()));
        }
        return 0;
    }
}
