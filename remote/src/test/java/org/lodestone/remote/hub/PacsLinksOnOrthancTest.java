package org.lodestone.remote.hub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lodestone.remote.telemetry.BrokerAddress;
import org.lodestone.remote.telemetry.BrokerLink;
import org.lodestone.remote.telemetry.OfflineQueue;
import org.lodestone.remote.telemetry.UnitTelemetry;
import org.lodestone.remote.testing.MosquittoBroker;
import org.lodestone.remote.testing.OrthancPacs;
import org.lodestone.remote.testing.TestKeystore;
import org.lodestone.remote.tls.TlsKeystore;

import javax.net.ssl.SSLHandshakeException;
import java.io.IOException;
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
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Shared results: a unit publishes "exam sent to CENTRAL, study UID" over a real mosquitto; the
 * hub (serving HTTPS with a keystore made by keytool for the test) links it to the study's
 * DICOMweb URL on a real Orthanc with the DICOMweb plugin, checks the study is there (QIDO-RS),
 * and shows the link on its page and in /api/units. A study the PACS lacks and a PACS the hub
 * does not know are shown as such.
 */
class PacsLinksOnOrthancTest {
    static final String ON_PACS = "1.2.826.0.1.3680043.10.1234.19.1";
    static final String NOT_ON_PACS = "1.2.826.0.1.3680043.10.1234.19.2";
    static final String AUTH = "Basic " + Base64.getEncoder().encodeToString("viewer:pacs-view".getBytes(StandardCharsets.UTF_8));

    @TempDir
    static Path dir;
    static OrthancPacs orthanc;
    static MosquittoBroker broker;
    static FleetSubscriber subscriber;
    static HubServer hub;
    static TestKeystore keys;
    static HttpClient https;

    @BeforeAll
    static void start() throws Exception {
        orthanc = OrthancPacs.start(dir.resolve("orthanc"));
        orthanc.createStudy(ON_PACS);
        broker = new MosquittoBroker(dir.resolve("broker"));
        broker.start();
        keys = TestKeystore.create(dir.resolve("tls"));
        FleetState fleet = new FleetState(new StudyLinks(PacsDirectory.parse(List.of("CENTRAL=" + orthanc.dicomWebRoot())),
                HttpClient.newHttpClient()));
        subscriber = new FleetSubscriber(BrokerAddress.parse(broker.url()), fleet);
        hub = HubServer.start(fleet, Viewers.of("viewer", "pacs-view"), "127.0.0.1", 0, keys.keystore().serverContext());
        https = HttpClient.newBuilder().sslContext(keys.clientContext()).build();
    }

    @AfterAll
    static void stop() throws Exception {
        if (hub != null) hub.close();
        if (subscriber != null) subscriber.close();
        if (broker != null) broker.close();
        if (orthanc != null) orthanc.close();
    }

    static HttpResponse<String> get(String path) throws Exception {
        return https.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + hub.port() + path)).header("Authorization", AUTH)
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aSentExamIsLinkedToItsStudyOnTheCentralPacs() throws Exception {
        OfflineQueue queue = new OfflineQueue(dir.resolve("queue"), 100);
        try (UnitTelemetry unit = new UnitTelemetry("unit-pacs", queue, Clock.systemUTC(), Duration.ofSeconds(1));
             BrokerLink link = new BrokerLink("unit-pacs", BrokerAddress.parse(broker.url()), queue)) {
            unit.publishExamSent("CENTRAL", ON_PACS, 1);
            unit.publishExamSent("CENTRAL", NOT_ON_PACS, 3);
            unit.publishExamSent("ELSEWHERE", ON_PACS, 1);
            assertThat(queue.awaitEmpty(10_000)).as("telemetry reached the broker").isTrue();
        }
        JsonNode exams = null;
        long end = System.nanoTime() + 15_000_000_000L;
        while (System.nanoTime() < end) {
            HttpResponse<String> r = get("/api/units");
            assertThat(r.statusCode()).isEqualTo(200);
            for (JsonNode u : new ObjectMapper().readTree(r.body())) {
                if (u.path("unit").asText().equals("unit-pacs")) exams = u.path("exams");
            }
            if (exams != null && exams.size() == 3 && !exams.toString().contains("checking")) break;
            Thread.sleep(100);
        }
        assertThat(exams).as("exams in /api/units").isNotNull().hasSize(3);
        // newest first
        JsonNode elsewhere = exams.get(0), missing = exams.get(1), linked = exams.get(2);
        String url = orthanc.dicomWebRoot() + "/studies/" + ON_PACS;
        assertThat(linked.path("url").asText()).isEqualTo(url);
        assertThat(linked.path("on_pacs").asText()).isEqualTo("yes");
        assertThat(missing.path("url").asText()).isEqualTo(orthanc.dicomWebRoot() + "/studies/" + NOT_ON_PACS);
        assertThat(missing.path("on_pacs").asText()).isEqualTo("no");
        assertThat(elsewhere.has("url")).isFalse();
        assertThat(elsewhere.path("on_pacs").asText()).isEqualTo("unknown PACS");

        // the link is the study on the PACS: its DICOMweb metadata names it
        HttpResponse<String> meta = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url + "/metadata"))
                .header("Accept", "application/dicom+json").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(meta.statusCode()).isEqualTo(200);
        assertThat(meta.body()).contains(ON_PACS).contains("PACS^LINK");

        String page = get("/").body();
        assertThat(page).contains("<a class=\"study\" href=\"" + url + "\">" + ON_PACS + "</a>");
        assertThat(page).contains("unknown PACS");
    }

    @Test
    void theHubServesOnlyHttpsWithTheKeystoresCertificate() throws Exception {
        assertThat(get("/api/units").statusCode()).isEqualTo(200);
        assertThat(get("/api/units").headers().firstValue("Set-Cookie").orElse("")).contains("Secure");
        // a client that does not trust the certificate fails the handshake
        assertThatThrownBy(() -> HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + hub.port() + "/"))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString())).isInstanceOf(SSLHandshakeException.class);
        // plain HTTP on the port gets no page
        int plainStatus;
        try {
            plainStatus = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hub.port() + "/api/units"))
                    .header("Authorization", AUTH).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).statusCode();
        } catch (IOException refused) {
            plainStatus = -1;
        }
        assertThat(plainStatus).isNotEqualTo(200);
    }

    @Test
    void aWrongKeystorePasswordIsOneLineThatShowsNoSecret() throws Exception {
        Path wrong = dir.resolve("wrong.pass");
        Files.writeString(wrong, "not-the-password");
        TlsKeystore bad = new TlsKeystore(keys.keystore().file(), wrong);
        assertThatThrownBy(bad::serverContext).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot open the TLS keystore").hasMessageNotContaining("not-the-password")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        assertThat(bad.toString()).doesNotContain("not-the-password");
    }
}
