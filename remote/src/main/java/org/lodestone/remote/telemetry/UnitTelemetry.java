package org.lodestone.remote.telemetry;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.lodestone.scan.ScanEvent;
import org.lodestone.scan.ScanListener;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Turns a unit's {@link ScanEvent}s into telemetry (docs/telemetry-schema.json) and queues it:
 * status on every state change and every {@code statusPeriod} while not idle (so at least 1 Hz
 * while scanning however slow the lines come), sensors, events. Each message carries the time it
 * was made, so what the queue sends late still says when it happened. Hook it into a scan as its
 * {@link ScanListener}; the scan thread only updates fields and appends to the queue.
 */
public final class UnitTelemetry implements ScanListener, AutoCloseable {
    public static final String SCHEMA = "lodestone.telemetry/1";

    private final String unitId;
    private final OfflineQueue queue;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();
    private final ScheduledExecutorService ticker;

    // What the status says now (guarded by this).
    private String state = "idle";
    private String protocol;
    private String stage;
    private long received;
    private long expected;
    private double secondsRemaining;

    public UnitTelemetry(String unitId, OfflineQueue queue, Clock clock, Duration statusPeriod) {
        this.unitId = unitId;
        this.queue = queue;
        this.clock = clock;
        this.ticker = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon().name("telemetry-status").unstarted(r));
        long ms = statusPeriod.toMillis();
        ticker.scheduleAtFixedRate(this::tick, ms, ms, TimeUnit.MILLISECONDS);
        publishStatus();
    }

    private synchronized void tick() {
        if (!state.equals("idle")) publishStatus();
    }

    @Override
    public synchronized void on(ScanEvent event) {
        switch (event) {
            case ScanEvent.Started s -> {
                state = "scanning";
                protocol = s.protocol();
                expected = s.expectedLines();
                received = 0;
                secondsRemaining = 0;
                stage = null;
                publishEvent("info", "scan_started", "Scan " + s.protocol() + " started", Map.of("protocol", s.protocol()));
                publishStatus();
            }
            case ScanEvent.Stage s -> stage = s.what();
            case ScanEvent.Progress p -> {
                received = p.received();
                expected = p.expected();
                secondsRemaining = p.secondsRemaining();
            }
            case ScanEvent.Sensor s -> {
                ObjectNode n = header();
                n.put("magnet_temperature_c", s.magnetTemperatureC());
                n.put("room_temperature_c", s.ambientTemperatureC());
                queue.append(TelemetryTopic.SENSORS, n.toString());
            }
            case ScanEvent.Interlock i -> {
                state = "fault";
                publishEvent("alarm", "interlock", i.trip().toString(), Map.of());
                publishStatus();
            }
            case ScanEvent.LinkPaused p -> {
                state = "paused";
                publishEvent("warning", "link_paused", p.detail(), Map.of());
                publishStatus();
            }
            case ScanEvent.LinkResumed r -> {
                state = "scanning";
                publishEvent("info", "link_resumed", r.detail(), Map.of());
                publishStatus();
            }
            case ScanEvent.Preview p -> { }
            case ScanEvent.Finished f -> {
                String status = f.status().name().toLowerCase();
                publishEvent(f.status() == org.lodestone.scan.ScanStatus.COMPLETE ? "info" : "alert", "scan_finished",
                        f.result().message(), Map.of("status", status, "lines_received", f.result().linesReceived()));
                received = f.result().linesReceived();
                state = "idle";
                stage = null;
                publishStatus();
            }
        }
    }

    /** A QA result (any JSON object fields); never dropped from the queue. */
    public synchronized void publishQa(Map<String, ?> result) {
        ObjectNode n = header();
        n.set("result", json.valueToTree(result));
        queue.append(TelemetryTopic.QA, n.toString());
    }

    /**
     * An exam finished and delivered: {@code events} kind {@code exam_sent} naming the destination
     * PACS (its name in {@code pacs list}) and the study UID; a hub resolves it to the study's
     * DICOMweb URL. Never dropped from the queue.
     */
    public synchronized void publishExamSent(String pacs, String studyUid, int images) {
        publishEvent("info", EXAM_SENT, "Exam " + studyUid + " sent to " + pacs + " (" + images + " images)",
                Map.of("pacs", pacs, "study_uid", studyUid, "images", images));
    }

    public static final String EXAM_SENT = "exam_sent";

    private ObjectNode header() {
        ObjectNode n = json.createObjectNode();
        n.put("schema", SCHEMA);
        n.put("unit", unitId);
        n.put("time", clock.instant().toString());
        return n;
    }

    private void publishStatus() {
        ObjectNode n = header();
        n.put("state", state);
        if (protocol != null) n.put("protocol", protocol);
        if (stage != null) n.put("stage", stage);
        n.put("lines_received", received);
        n.put("lines_expected", expected);
        n.put("percent", expected > 0 ? Math.round(1000.0 * received / expected) / 10.0 : 0.0);
        n.put("seconds_remaining", Math.round(secondsRemaining * 10) / 10.0);
        queue.append(TelemetryTopic.STATUS, n.toString());
    }

    private void publishEvent(String severity, String kind, String text, Map<String, ?> detail) {
        ObjectNode n = header();
        n.put("severity", severity);
        n.put("kind", kind);
        n.put("text", text == null ? "" : text);
        if (!detail.isEmpty()) n.set("detail", json.valueToTree(detail));
        queue.append(TelemetryTopic.EVENTS, n.toString());
    }

    @Override
    public void close() {
        ticker.shutdownNow();
    }
}
