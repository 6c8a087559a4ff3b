package org.lodestone.console.cli;

import org.lodestone.remote.telemetry.TelemetrySession;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;

/** The {@code --mqtt} option of the commands that run scans (scan, console) and the telemetry session behind it. */
final class TelemetryOption {
    @Option(names = "--mqtt", paramLabel = "URL", description = "Publish telemetry to this MQTT broker (mqtt://host:1883 or mqtts://…; "
            + "default: telemetry.mqtt.url in lodestone.properties).")
    String mqtt;

    /** Telemetry for the data directory {@code home} to the broker given or configured there; null when there is none. */
    TelemetrySession start(Path home) throws IOException {
        return TelemetrySession.start(home, mqtt).orElse(null);
    }
}
