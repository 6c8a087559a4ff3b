package org.lodestone.remote.telemetry;

/** The four telemetry topics under {@code lodestone/<unit-id>/}; see docs/telemetry-schema.json. */
public enum TelemetryTopic {
    /** State, protocol, progress: at least 1 Hz while scanning, the last one retained. */
    STATUS("status", true, true),
    SENSORS("sensors", false, true),
    /** Interlocks, faults, alerts, scan start and end: never dropped. */
    EVENTS("events", false, false),
    /** QA results: never dropped. */
    QA("qa", false, false);

    private final String suffix;
    private final boolean retained;
    private final boolean droppable;

    TelemetryTopic(String suffix, boolean retained, boolean droppable) {
        this.suffix = suffix;
        this.retained = retained;
        this.droppable = droppable;
    }

    public String suffix() {
        return suffix;
    }

    /** The broker keeps the last message for a viewer that subscribes later. */
    public boolean retained() {
        return retained;
    }

    /** An old message of this kind may be dropped from a full offline queue (a newer one says more). */
    public boolean droppable() {
        return droppable;
    }

    public String topicFor(String unitId) {
        return "lodestone/" + unitId + "/" + suffix;
    }

    public static TelemetryTopic fromSuffix(String suffix) {
        for (TelemetryTopic t : values()) if (t.suffix.equals(suffix)) return t;
        throw new IllegalArgumentException("no telemetry topic '" + suffix + "'");
    }
}
