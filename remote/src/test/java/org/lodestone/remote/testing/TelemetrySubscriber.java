package org.lodestone.remote.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A viewer of {@code lodestone/#} with a persistent session (QoS 1, cleanStart false), so what is
 * published while it is cut off from a restarted broker still reaches it. Records every message.
 */
public final class TelemetrySubscriber implements AutoCloseable {
    public record Received(String topic, JsonNode json, long arrivedNanos) {
    }

    private final Mqtt5AsyncClient client;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final ObjectMapper mapper = new ObjectMapper();

    public TelemetrySubscriber(int port) throws Exception {
        client = MqttClient.builder().useMqttVersion5().identifier("viewer-" + UUID.randomUUID())
                .serverHost("127.0.0.1").serverPort(port)
                .automaticReconnect().initialDelay(100, TimeUnit.MILLISECONDS).maxDelay(500, TimeUnit.MILLISECONDS).applyAutomaticReconnect()
                .buildAsync();
        client.publishes(MqttGlobalPublishFilter.ALL, p -> {
            try {
                received.add(new Received(p.getTopic().toString(),
                        mapper.readTree(new String(p.getPayloadAsBytes(), StandardCharsets.UTF_8)), System.nanoTime()));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        client.connectWith().cleanStart(false).sessionExpiryInterval(600).send().get(5, TimeUnit.SECONDS);
        client.subscribeWith().topicFilter("lodestone/#").qos(MqttQos.AT_LEAST_ONCE).send().get(5, TimeUnit.SECONDS);
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    public List<Received> on(String topic) {
        return received.stream().filter(r -> r.topic().equals(topic)).toList();
    }

    public void clear() {
        received.clear();
    }

    @Override
    public void close() throws Exception {
        client.disconnect().get(2, TimeUnit.SECONDS);
    }
}
