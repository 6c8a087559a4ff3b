package org.lodestone.remote.telemetry;

import java.util.Locale;

/**
 * The four telemetry topics under {@code lodestone/<unit-id>/}, each named by its lower-case suffix;
 * see docs/telemetry-schema.json.
 */
public enum TelemetryTopic {
    /** State, protocol, progress: at least 1 Hz while scanning, the last one retained. */
    STATUS(Delivery.LATEST_RETAINED),
    SENSORS(Delivery.LATEST),
    /** Interlocks, faults, alerts, scan start and end: never dropped. */
    EVENTS(Delivery.EVERY),
    /** QA results: never dropped. */
    QA(Delivery.EVERY);

    /** What the broker and the offline queue do with a topic's messages. */
    enum Delivery {
        /** Only the newest matters, and the broker keeps it for a viewer that subscribes later. */
        LATEST_RETAINED,
        /** Only the newest matters. */
        LATEST,
        /** Each message matters. */
        EVERY
    }

    private final Delivery delivery;

    TelemetryTopic(Delivery delivery) {
        this.delivery = delivery;
    }

    public String suffix() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The broker keeps the last message for a viewer that subscribes later. */
    public boolean retained() {
        return delivery == Delivery.LATEST_RETAINED;
    }

    /** An old message of this kind may be dropped from a full offline queue (a newer one says more). */
    public boolean droppable() {
        return delivery != Delivery.EVERY;
    }

    public String topicFor(String unitId) {
        return "lodestone/" + unitId + "/" + suffix();
    }

    public static TelemetryTopic fromSuffix(String suffix) {
        for (TelemetryTopic t : values()) if (t.suffix().equals(suffix)) return t;
        throw new IllegalArgumentException("no telemetry topic '" + suffix + "'");
    }
}
