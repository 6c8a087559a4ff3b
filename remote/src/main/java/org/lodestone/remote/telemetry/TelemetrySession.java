package org.lodestone.remote.telemetry;

import org.lodestone.scan.ScanListener;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;

/**
 * Telemetry for one console run, as the CLI and the window start it: the broker from
 * {@code --mqtt URL} or else {@code telemetry.mqtt.url} in {@code <data dir>/lodestone.properties};
 * none configured, nothing is published. The unit id is {@code telemetry.unit.id} or the host
 * name; the queue lives in {@code <data dir>/telemetry-queue/<unit>}.
 */
public final class TelemetrySession implements AutoCloseable {
    public static final String URL_KEY = "telemetry.mqtt.url";
    public static final String UNIT_KEY = "telemetry.unit.id";
    public static final int MAX_QUEUED_STATUS = 3_600;

    private final UnitTelemetry unit;
    private final BrokerLink link;

    private TelemetrySession(UnitTelemetry unit, BrokerLink link) {
        this.unit = unit;
        this.link = link;
    }

    /** Settings as read from the data directory and the command line (the option wins). */
    public record Settings(Optional<BrokerAddress> broker, String unitId) {
        public static Settings load(Path dataDir, String optionUrl) throws IOException {
            Properties p = new Properties();
            Path file = dataDir.resolve("lodestone.properties");
            if (Files.isRegularFile(file)) {
                try (InputStream in = Files.newInputStream(file)) {
                    p.load(in);
                }
            }
            String url = optionUrl != null && !optionUrl.isBlank() ? optionUrl : p.getProperty(URL_KEY, "").trim();
            String unit = p.getProperty(UNIT_KEY, "").trim();
            if (unit.isEmpty()) unit = hostName();
            if (!unit.matches("[A-Za-z0-9._-]+")) throw new IllegalArgumentException(UNIT_KEY + " '" + unit
                    + "' may hold only letters, digits, '.', '_' and '-' (it is an MQTT topic level)");
            return new Settings(url.isEmpty() ? Optional.empty() : Optional.of(BrokerAddress.parse(url)), unit);
        }

        private static String hostName() {
            try {
                return InetAddress.getLocalHost().getHostName().replaceAll("[^A-Za-z0-9._-]", "-");
            } catch (IOException e) {
                return "unit";
            }
        }
    }

    /** Starts publishing, or returns empty when no broker is configured. Bad settings: IllegalArgumentException. */
    public static Optional<TelemetrySession> start(Path dataDir, String optionUrl) throws IOException {
        Settings s = Settings.load(dataDir, optionUrl);
        if (s.broker().isEmpty()) return Optional.empty();
        OfflineQueue queue = new OfflineQueue(dataDir.resolve("telemetry-queue").resolve(s.unitId()), MAX_QUEUED_STATUS);
        BrokerLink link = new BrokerLink(s.unitId(), s.broker().get(), queue);
        return Optional.of(new TelemetrySession(new UnitTelemetry(s.unitId(), queue, Clock.systemUTC(), Duration.ofSeconds(1)), link));
    }

    /** {@code other} first (the operator's view), then telemetry. */
    public ScanListener alongside(ScanListener other) {
        return e -> {
            other.on(e);
            unit.on(e);
        };
    }

    public UnitTelemetry unit() {
        return unit;
    }

    /** Stops the status ticker and gives the queue up to 3 s to reach the broker; the rest waits on disk. */
    @Override
    public void close() {
        unit.close();
        link.close();
    }

    /**
     * For a command that delivered an exam ({@code send}): publishes {@code exam_sent} when telemetry is
     * configured in {@code dataDir}; what the broker has not taken within 3 s waits in the queue on disk.
     * Telemetry never fails the delivery: a bad setting is logged.
     */
    public static void examSent(Path dataDir, String pacs, String studyUid, int images) {
        Optional<TelemetrySession> s;
        try {
            s = start(dataDir, null);
        } catch (IOException | IllegalArgumentException e) {
            org.slf4j.LoggerFactory.getLogger(TelemetrySession.class).warn("exam_sent not published: {}", e.getMessage());
            return;
        }
        if (s.isEmpty()) return;
        try (TelemetrySession session = s.get()) {
            session.unit().publishExamSent(pacs, studyUid, images);
        }
    }

    /** For a caller that may have no session: the listener with telemetry added when there is one. */
    public static ScanListener alongside(Optional<TelemetrySession> session, ScanListener other) {
        return session.map(s -> s.alongside(other)).orElse(other);
    }
}
