package org.lodestone.remote.telemetry;

/** One telemetry message waiting in the {@link OfflineQueue}: its place in the order, topic and JSON (with its own time). */
public record QueuedMessage(long sequence, TelemetryTopic topic, String json) {
}
