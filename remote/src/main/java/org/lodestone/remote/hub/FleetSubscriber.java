package org.lodestone.remote.hub;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5ClientBuilder;
import org.lodestone.remote.telemetry.BrokerAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Subscribes to every unit's telemetry ({@code lodestone/+/+}) and feeds the {@link FleetState}.
 * Read-only: the hub publishes nothing, so it can command no unit.
 */
public final class FleetSubscriber implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(FleetSubscriber.class);

    private final Mqtt5AsyncClient client;

    public FleetSubscriber(BrokerAddress broker, FleetState fleet) {
        ObjectMapper json = new ObjectMapper();
        Mqtt5ClientBuilder b = MqttClient.builder().useMqttVersion5().identifier("lodestone-hub-" + UUID.randomUUID())
                .serverHost(broker.host()).serverPort(broker.port())
                .automaticReconnect().initialDelay(200, TimeUnit.MILLISECONDS).maxDelay(5, TimeUnit.SECONDS).applyAutomaticReconnect();
        if (broker.tls()) b = b.sslWithDefaultConfig();
        if (broker.user().isPresent()) {
            b = b.simpleAuth().username(broker.user().get())
                    .password(broker.password().orElse("").getBytes(StandardCharsets.UTF_8)).applySimpleAuth();
        }
        client = b.addConnectedListener(c -> subscribe()).buildAsync();
        client.publishes(MqttGlobalPublishFilter.ALL, p -> {
            try {
                fleet.accept(p.getTopic().toString(), json.readTree(new String(p.getPayloadAsBytes(), StandardCharsets.UTF_8)));
            } catch (Exception e) {
                log.warn("Hub ignored a message on {} that is not telemetry JSON: {}", p.getTopic(), e.getMessage());
            }
        });
        client.connectWith().cleanStart(true).send().whenComplete((ack, e) -> {
            if (e != null) log.warn("Hub cannot reach the broker {} yet (it retries): {}", broker, e.getMessage());
        });
    }

    /** After every (re)connect: each is a clean session, and retained status comes back with it. */
    private void subscribe() {
        client.subscribeWith().topicFilter("lodestone/+/+").qos(MqttQos.AT_LEAST_ONCE).send()
                .whenComplete((ok, e) -> {
                    if (e != null) log.warn("Hub cannot subscribe at the broker yet: {}", e.getMessage());
                    else log.info("Hub subscribed to lodestone/+/+");
                });
    }

    public boolean connected() {
        return client.getState().isConnected();
    }

    @Override
    public void close() {
        try {
            client.disconnect().get(2, TimeUnit.SECONDS);
        } catch (Exception e) {
            log.debug("hub disconnect: {}", e.toString());
        }
    }
}
