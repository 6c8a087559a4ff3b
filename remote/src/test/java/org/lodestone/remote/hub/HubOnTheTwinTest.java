package org.lodestone.remote.hub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.lodestone.remote.telemetry.BrokerAddress;
import org.lodestone.remote.telemetry.BrokerLink;
import org.lodestone.remote.telemetry.OfflineQueue;
import org.lodestone.remote.telemetry.UnitTelemetry;
import org.lodestone.remote.testing.MosquittoBroker;
import org.lodestone.scan.ScanRequest;
import org.lodestone.scan.ScanResult;
import org.lodestone.scan.ScanService;
import org.lodestone.scan.ScanStatus;
import org.lodestone.scan.unit.UnitConnection;
import org.lodestone.twin.testing.TwinExtension;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hub on a real mosquitto, fed by a real-time twin scan (se2d 32², TR 300 ms): its page,
 * loaded mid-scan in a real headless Debian chromium, shows the unit, se2d and its progress; the
 * JSON API needs a viewer's login and offers nothing to write.
 */
class HubOnTheTwinTest {
    @RegisterExtension
    static final TwinExtension twin = TwinExtension.builder().seed(31).speed(1).build();

    @TempDir
    static Path dir;
    static MosquittoBroker broker;
    static FleetState fleet;
    static FleetSubscriber subscriber;
    static HubServer hub;
    static final HttpClient http = HttpClient.newHttpClient();
    static final String AUTH = "Basic " + Base64.getEncoder().encodeToString("viewer:s3cret".getBytes(StandardCharsets.UTF_8));

    @BeforeAll
    static void start() throws Exception {
        broker = new MosquittoBroker(dir.resolve("broker"));
        broker.start();
        fleet = new FleetState();
        subscriber = new FleetSubscriber(BrokerAddress.parse(broker.url()), fleet);
        hub = HubServer.start(fleet, Viewers.of("viewer", "s3cret"), "127.0.0.1", 0);
    }

    @AfterAll
    static void stop() throws Exception {
        if (hub != null) hub.close();
        if (subscriber != null) subscriber.close();
        if (broker != null) broker.close();
    }

    static HttpResponse<String> get(String path, String auth) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hub.port() + path)).timeout(Duration.ofSeconds(20));
        if (auth != null) b.header("Authorization", auth);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String chromium() {
        for (String p : new String[]{"/usr/bin/chromium", "/usr/bin/chromium-browser"}) if (Files.isExecutable(Path.of(p))) return p;
        throw new AssertionError("chromium is not installed (bin/run-tests installs Debian's chromium)");
    }

    @Test
    void thePageLoadedMidScanInHeadlessChromiumShowsTheUnitSe2dAndItsProgress() throws Exception {
        OfflineQueue q = new OfflineQueue(dir.resolve("queue"), 1000);
        try (BrokerLink link = new BrokerLink("truck-7", BrokerAddress.parse(broker.url()), q);
             UnitTelemetry telemetry = new UnitTelemetry("truck-7", q, Clock.systemUTC(), Duration.ofSeconds(1));
             UnitConnection unit = UnitConnection.open(twin.portSpec(), UnitConnection.GpioSetup.NONE)) {
            CompletableFuture<ScanResult> scan = CompletableFuture.supplyAsync(() -> {
                try {
                    return new ScanService(unit).run(new ScanRequest("se2d", Map.of("matrix", 32.0, "tr", 300.0, "te", 20.0),
                            dir.resolve("scan"), "test"), telemetry);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            long end = System.currentTimeMillis() + 30_000;
            JsonNode status = null;
            while (System.currentTimeMillis() < end) {
                JsonNode units = new ObjectMapper().readTree(get("/api/units", AUTH).body());
                status = units.isEmpty() ? null : units.get(0).path("status");
                if (status != null && status.path("lines_received").asLong() >= 4) break;
                Thread.sleep(100);
            }
            assertThat(status).isNotNull();
            assertThat(status.path("state").asText()).isEqualTo("scanning");

            Path profile = Files.createDirectories(dir.resolve("chromium-profile"));
            Process p = new ProcessBuilder(chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--no-first-run", "--user-data-dir=" + profile,
                    "--dump-dom", "http://viewer:s3cret@127.0.0.1:" + hub.port() + "/")
                    .redirectError(dir.resolve("chromium.err").toFile()).start();
            String dom = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            int at = dom.indexOf("<section class=\"unit\" id=\"unit-truck-7\">");
            assertThat(at).as("the unit's section in the DOM chromium built").isNotNegative();
            String section = dom.substring(at, dom.indexOf("</section>", at) + 10);
            System.out.println("hub page in chromium: " + section);
            assertThat(section).contains("<span class=\"protocol\">se2d</span>");
            assertThat(section).containsPattern("<span class=\"state scanning\">scanning</span>|<span class=\"state idle\">idle</span>");
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+\\.\\d) % \\((\\d+)/32 lines").matcher(section);
            assertThat(m.find()).as(section).isTrue();
            assertThat(Long.parseLong(m.group(2))).isGreaterThanOrEqualTo(4);
            assertThat(section).contains("Scan se2d started");
            assertThat(scan.get(60, TimeUnit.SECONDS).status()).isEqualTo(ScanStatus.COMPLETE);
        }
    }

    @Test
    void aViewerWhoLoggedInGetsTheFleetAsServerSentEventsWithTheSessionCookie() throws Exception {
        HttpResponse<String> page = get("/", AUTH);
        String cookie = page.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        assertThat(cookie).startsWith("lodestone_hub=");
        HttpResponse<java.util.stream.Stream<String>> sse = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hub.port() + "/events"))
                .header("Cookie", cookie).header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofLines());
        assertThat(sse.statusCode()).isEqualTo(200);
        try (var lines = sse.body()) {
            var first = lines.limit(2).toList();
            assertThat(first.get(0)).isEqualTo("event: units");
            assertThat(first.get(1)).startsWith("data: [");
        }
        HttpResponse<String> forged = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hub.port() + "/api/units"))
                .header("Cookie", "lodestone_hub=0123").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(forged.statusCode()).isEqualTo(401);
    }

    @Test
    void theApiNeedsAViewerLoginAndHasNothingToWrite() throws Exception {
        assertThat(get("/api/units", null).statusCode()).isEqualTo(401);
        assertThat(get("/api/units", null).headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
        String wrong = "Basic " + Base64.getEncoder().encodeToString("viewer:nope".getBytes(StandardCharsets.UTF_8));
        assertThat(get("/api/units", wrong).statusCode()).isEqualTo(401);
        HttpResponse<String> ok = get("/api/units", AUTH);
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(new ObjectMapper().readTree(ok.body()).isArray()).isTrue();
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hub.port() + "/api/units"))
                .header("Authorization", AUTH).POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isIn(404, 405);
    }
}
