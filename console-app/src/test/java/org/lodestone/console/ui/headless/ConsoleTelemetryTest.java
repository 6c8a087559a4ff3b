package org.lodestone.console.ui.headless;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.lodestone.console.ui.ConsoleWindow;
import org.lodestone.console.unit.Units;
import org.lodestone.remote.telemetry.TelemetrySession;
import org.lodestone.scan.ScanListener;
import org.lodestone.seq.protocol.Protocol;
import org.lodestone.twin.launch.TwinOptions;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * {@code console --mqtt}: the operator window on Monocle runs an se2d on a twin (speed 0) while a
 * TelemetrySession, wired as ConsoleCommand wires it (settings from lodestone.properties, the
 * window's {@code alsoHears}), publishes to a real Debian mosquitto; a subscriber sees the scan
 * start, scanning status for se2d, the scan finish and the unit idle again.
 */
@Tag("headless-ui")
@Tag("remote")
@ExtendWith(ApplicationExtension.class)
class ConsoleTelemetryTest {
    @TempDir
    static Path dir;
    static Process mosquitto;
    static int port;
    static TelemetrySession telemetry;
    static Mqtt5AsyncClient viewer;
    static final List<String[]> received = new CopyOnWriteArrayList<>();
    ConsoleWindow window;

    @BeforeAll
    static void brokerAndTelemetry() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Files.writeString(dir.resolve("mosquitto.conf"), "listener " + port + " 127.0.0.1\nallow_anonymous true\n");
        String exe = Files.isExecutable(Path.of("/usr/sbin/mosquitto")) ? "/usr/sbin/mosquitto" : "mosquitto";
        mosquitto = new ProcessBuilder(exe, "-c", dir.resolve("mosquitto.conf").toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("mosquitto.log").toFile()).start();
        waitFor("mosquitto", 10, () -> {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return true;
            } catch (Exception notYet) {
                return false;
            }
        });
        viewer = MqttClient.builder().useMqttVersion5().identifier("console-test-viewer").serverHost("127.0.0.1").serverPort(port).buildAsync();
        viewer.publishes(MqttGlobalPublishFilter.ALL, p -> received.add(new String[]{p.getTopic().toString(),
                new String(p.getPayloadAsBytes(), StandardCharsets.UTF_8)}));
        viewer.connect().get(5, TimeUnit.SECONDS);
        viewer.subscribeWith().topicFilter("lodestone/#").qos(MqttQos.AT_LEAST_ONCE).send().get(5, TimeUnit.SECONDS);
        // as ConsoleCommand: the broker from lodestone.properties when no --mqtt is given
        Files.writeString(dir.resolve("lodestone.properties"),
                "telemetry.mqtt.url=mqtt://127.0.0.1:" + port + "\ntelemetry.unit.id=console-unit\n");
        telemetry = TelemetrySession.start(dir, null).orElseThrow();
    }

    @AfterAll
    static void stop() throws Exception {
        if (telemetry != null) telemetry.close();
        if (viewer != null) viewer.disconnect().get(2, TimeUnit.SECONDS);
        if (mosquitto != null) {
            mosquitto.destroy();
            mosquitto.waitFor(5, TimeUnit.SECONDS);
        }
    }

    @Start
    void show(Stage stage) {
        ScanListener hears = telemetry.unit();
        window = new ConsoleWindow(new ConsoleWindow.Config("telemetry-test", dir.resolve("exams"),
                () -> Units.open(null, TwinOptions.defaults().withSeed(5).withSpeed(0.0)), null, hears));
        window.show(stage);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aScanFromTheWindowIsPublishedAsTelemetry(FxRobot robot) throws Exception {
        Label status = robot.lookup("#status").queryAs(Label.class);
        waitFor("the connection", 90, () -> {
            String s = fx(status::getText);
            if (s.startsWith("Not connected")) fail("the console could not connect: " + s);
            return s.startsWith("Connected to");
        });
        ComboBox<Protocol> protocol = robot.lookup("#protocol").queryAs(ComboBox.class);
        onFx(() -> protocol.getSelectionModel().select(
                protocol.getItems().stream().filter(p -> p.name().equals("se2d")).findFirst().orElseThrow()));
        TextField matrix = robot.lookup("#param-matrix").queryAs(TextField.class);
        onFx(() -> {
            matrix.setText("32");
            robot.lookup("#param-slices").queryAs(TextField.class).setText("1");
            robot.lookup("#param-tr").queryAs(TextField.class).setText("300");
        });
        Button start = robot.lookup("#start").queryAs(Button.class);
        assertThat(fx(start::isDisabled)).as("Start for se2d 32²").isFalse();
        onFx(start::fire);
        Label message = robot.lookup("#message").queryAs(Label.class);
        waitFor("the scan to end", 120, () -> !fx(message::getText).isEmpty());
        assertThat(fx(message::getText)).startsWith("Scan complete");

        ObjectMapper json = new ObjectMapper();
        waitFor("scan_finished on the broker", 15, () -> received.stream().anyMatch(r -> r[1].contains("\"scan_finished\"")));
        waitFor("the idle status after it", 15, () -> lastStatus(json).path("state").asText().equals("idle")
                && lastStatus(json).path("lines_received").asLong() == 32);
        List<JsonNode> scanning = received.stream().filter(r -> r[0].equals("lodestone/console-unit/status"))
                .map(r -> parse(json, r[1])).filter(n -> n.path("state").asText().equals("scanning")).toList();
        assertThat(scanning).as("scanning status messages").isNotEmpty();
        assertThat(scanning).allSatisfy(n -> assertThat(n.path("protocol").asText()).isEqualTo("se2d"));
        assertThat(received.stream().filter(r -> r[0].equals("lodestone/console-unit/events")).map(r -> parse(json, r[1]).path("kind").asText()))
                .containsSubsequence("scan_started", "scan_finished");

        onFx(window::close);
        assertThat(window.closedLatch().await(30, TimeUnit.SECONDS)).as("window released the unit").isTrue();
    }

    private static <T> T fx(java.util.concurrent.Callable<T> c) {
        try {
            return WaitForAsyncUtils.asyncFx(c).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("on the FX thread", e);
        }
    }

    private static void onFx(Runnable r) {
        fx(() -> {
            r.run();
            return null;
        });
    }

    private static JsonNode lastStatus(ObjectMapper json) {
        List<String[]> s = received.stream().filter(r -> r[0].equals("lodestone/console-unit/status")).toList();
        return s.isEmpty() ? json.createObjectNode() : parse(json, s.getLast()[1]);
    }

    private static JsonNode parse(ObjectMapper json, String s) {
        try {
            return json.readTree(s);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + s, e);
        }
    }

    private static void waitFor(String what, int seconds, BooleanSupplier done) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > end) fail("timed out waiting for " + what);
            Thread.sleep(50);
        }
    }
}
