package org.lodestone.remote.telemetry;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttClientState;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5ClientBuilder;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Sends what waits in the {@link OfflineQueue} to the broker, oldest first, one at a time at QoS 1:
 * a message leaves the queue only when the broker has acknowledged it, so a broker that goes away
 * mid-scan loses nothing and the order is kept. The HiveMQ client reconnects by itself.
 */
public final class BrokerLink implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(BrokerLink.class);
    private static final long ACK_TIMEOUT_MS = 5_000;
    private static final long RETRY_MS = 250;

    private final String unitId;
    private final BrokerAddress address;
    private final OfflineQueue queue;
    private final Mqtt5AsyncClient client;
    private final Thread sender;
    private volatile boolean closing;
    private volatile boolean wasConnected;

    public BrokerLink(String unitId, BrokerAddress address, OfflineQueue queue) {
        this.unitId = unitId;
        this.address = address;
        this.queue = queue;
        Mqtt5ClientBuilder b = MqttClient.builder().useMqttVersion5()
                .identifier("lodestone-" + unitId)
                .serverHost(address.host()).serverPort(address.port())
                .automaticReconnect().initialDelay(200, TimeUnit.MILLISECONDS).maxDelay(2, TimeUnit.SECONDS).applyAutomaticReconnect();
        if (address.tls()) b = b.sslWithDefaultConfig();
        if (address.user().isPresent()) {
            b = b.simpleAuth().username(address.user().get())
                    .password(address.password().orElse("").getBytes(StandardCharsets.UTF_8)).applySimpleAuth();
        }
        this.client = b.addConnectedListener(c -> onConnected()).addDisconnectedListener(c -> onDisconnected(c.getCause())).buildAsync();
        this.sender = Thread.ofPlatform().daemon().name("telemetry-" + unitId).start(this::sendLoop);
        connect();
    }

    private void connect() {
        client.connectWith().cleanStart(true).send().whenComplete((ack, e) -> {
            if (e != null) log.debug("MQTT connect to {} failed (the client retries): {}", address, e.toString());
        });
    }

    private void onConnected() {
        wasConnected = true;
        log.info("Telemetry connected to {} as unit {}", address, unitId);
    }

    private void onDisconnected(Throwable cause) {
        if (wasConnected && !closing) log.warn("Telemetry broker {} unreachable; queueing on disk: {}", address, cause.toString());
        wasConnected = false;
    }

    public boolean connected() {
        return client.getState().isConnected();
    }

    private void sendLoop() {
        while (!closing) {
            try {
                Optional<QueuedMessage> next = queue.oldest(500);
                if (next.isEmpty()) continue;
                if (!connected()) {
                    // The client reconnects by itself; only a client that gave up needs a new connect.
                    if (client.getState() == MqttClientState.DISCONNECTED) connect();
                    Thread.sleep(RETRY_MS);
                    continue;
                }
                if (send(next.get())) queue.remove(next.get());
                else Thread.sleep(RETRY_MS);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.warn("Telemetry send failed; retrying", e);
            }
        }
    }

    private boolean send(QueuedMessage m) throws InterruptedException {
        try {
            Mqtt5PublishResult r = client.publishWith()
                    .topic(m.topic().topicFor(unitId))
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .retain(m.topic().retained())
                    .contentType("application/json")
                    .payload(m.json().getBytes(StandardCharsets.UTF_8))
                    .send().get(ACK_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            if (r.getError().isPresent()) {
                log.debug("Telemetry message {} not acknowledged: {}", m.sequence(), r.getError().get().toString());
                return false;
            }
            return true;
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            log.debug("Telemetry message {} not sent: {}", m.sequence(), e.toString());
            return false;
        }
    }

    /** Waits up to {@code millis} for the queue to empty, then disconnects. */
    @Override
    public void close() {
        try {
            queue.awaitEmpty(connected() ? 3_000 : 0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closing = true;
        sender.interrupt();
        try {
            sender.join(2_000);
            client.disconnect().get(2, TimeUnit.SECONDS);
        } catch (Exception e) {
            log.debug("Telemetry disconnect: {}", e.toString());
        }
    }
}
