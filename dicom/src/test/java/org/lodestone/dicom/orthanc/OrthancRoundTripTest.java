package org.lodestone.dicom.orthanc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.TagFromName;
import com.zaxxer.hikari.HikariDataSource;
import org.lodestone.dicom.Peers;
import org.lodestone.dicom.TestExams;
import org.lodestone.dicom.export.Attributes;
import org.lodestone.dicom.export.ExamExporter;
import org.lodestone.dicom.export.ExportedInstance;
import org.lodestone.dicom.model.ExamRecords;
import org.lodestone.dicom.model.ImageKind;
import org.lodestone.dicom.net.DicomClient;
import org.lodestone.dicom.net.DicomNode;
import org.lodestone.dicom.net.NetworkFailure;
import org.lodestone.dicom.outbox.Backoff;
import org.lodestone.dicom.outbox.TestDatabase;
import org.lodestone.dicom.outbox.Destinations;
import org.lodestone.dicom.outbox.Outbox;
import org.lodestone.dicom.outbox.OutboxJob;
import org.lodestone.dicom.outbox.OutboxWorker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** A study C-STOREd through the outbox into a real Orthanc and read back over its REST API. */
class OrthancRoundTripTest {
    @TempDir
    static Path dir;
    static Process orthanc;
    static int dicomPort;
    static int httpPort;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private final DicomClient client = new DicomClient("LODESTONE", Duration.ofSeconds(20));

    @BeforeAll
    static void start() throws Exception {
        dicomPort = Peers.freePort();
        httpPort = Peers.freePort();
        Map<String, Object> cfg = new HashMap<>();
        cfg.put("Name", "lodestone-test");
        cfg.put("StorageDirectory", dir.resolve("storage").toString());
        cfg.put("IndexDirectory", dir.resolve("index").toString());
        cfg.put("HttpPort", httpPort);
        cfg.put("DicomPort", dicomPort);
        cfg.put("DicomAet", "ORTHANC");
        cfg.put("DicomCheckCalledAet", true);
        cfg.put("RemoteAccessAllowed", false);
        cfg.put("AuthenticationEnabled", false);
        cfg.put("Plugins", List.of());
        cfg.put("DicomAlwaysAllowStore", true);
        cfg.put("DicomAlwaysAllowEcho", true);
        Path config = dir.resolve("orthanc.json");
        JSON.writeValue(config.toFile(), cfg);
        orthanc = Peers.start(List.of("Orthanc", config.toString()), httpPort, dir.resolve("orthanc.log"));
        Peers.awaitPort(orthanc, dicomPort, dir.resolve("orthanc.log"));
    }

    @AfterAll
    static void stop() throws Exception {
        Peers.stop(orthanc);
    }

    private static JsonNode get(String path) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("GET %s", path).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private static byte[] getBytes(String path) throws Exception {
        HttpResponse<byte[]> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).as("GET %s", path).isEqualTo(200);
        return r.body();
    }

    @Test
    void aStudySentToOrthancComesBackWithItsTagsGeometryAndPixels() throws Exception {
        ExamRecords exam = TestExams.exam(dir, TestExams.obliqueVolume(40, 36, 3), ImageKind.ORIGINAL);
        List<ExportedInstance> files = new ExamExporter("LODESTONE", (a, s, d) -> { }).exportDicom(exam, dir.resolve("out"), false);
        try (HikariDataSource ds = TestDatabase.open(dir.resolve("db"))) {
            new Destinations(ds).save(new DicomNode("orthanc", "ORTHANC", "127.0.0.1", dicomPort, false));
            Map<String, Path> items = new HashMap<>();
            files.forEach(f -> items.put(f.sopInstanceUid(), f.file()));
            new Outbox(ds).enqueue(exam.study().studyUid(), "orthanc", items, Instant.now());
            List<OutboxJob> jobs = new OutboxWorker(new Outbox(ds), new Destinations(ds), client, Backoff.DEFAULT,
                    Clock.systemUTC(), s -> { }).runUntilEmpty(Duration.ofSeconds(30));
            assertThat(jobs.getFirst().status()).isEqualTo(OutboxJob.Status.SENT);
        }
        JsonNode ids = get("/instances");
        assertThat(ids).hasSize(3);
        for (JsonNode id : ids) {
            JsonNode tags = get("/instances/" + id.asText() + "/simplified-tags");
            ExportedInstance ours = files.stream().filter(f -> f.sopInstanceUid().equals(tags.path("SOPInstanceUID").asText()))
                    .findFirst().orElseThrow();
            AttributeList l = new AttributeList();
            l.read(ours.file().toFile());
            assertThat(tags.path("PatientName").asText()).isEqualTo("Müller^Jürgen");
            assertThat(tags.path("StudyInstanceUID").asText()).isEqualTo(exam.study().studyUid());
            assertThat(tags.path("SpecificCharacterSet").asText()).isEqualTo("ISO_IR 192");
            assertThat(tags.path("Modality").asText()).isEqualTo("MR");
            assertThat(tags.path("MagneticFieldStrength").asText()).isEqualTo("0.35");
            for (String geometry : List.of("ImagePositionPatient", "ImageOrientationPatient", "PixelSpacing")) {
                double[] theirs = numbers(tags.path(geometry).asText());
                double[] mine = numbers(Attributes.get(l, "ImagePositionPatient".equals(geometry) ? TagFromName.ImagePositionPatient
                        : "PixelSpacing".equals(geometry) ? TagFromName.PixelSpacing : TagFromName.ImageOrientationPatient));
                assertThat(theirs).as(geometry).hasSameSizeAs(mine);
                for (int i = 0; i < mine.length; i++) assertThat(theirs[i]).isCloseTo(mine[i], within(1e-6));
            }
            byte[] raw = getBytes("/instances/" + id.asText() + "/frames/0/raw");
            short[] px = ((com.pixelmed.dicom.OtherWordAttribute) l.get(TagFromName.PixelData)).getShortValues();
            short[] back = new short[raw.length / 2];
            ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(back);
            assertThat(back).isEqualTo(px);
        }
        assertThat(Files.size(files.getFirst().file())).isPositive();
    }

    @Test
    void aWrongCalledAeTitleIsRefusedAsSuch() {
        assertThatThrownBy(() -> client.echo(new DicomNode("orthanc", "NOT-ORTHANC", "127.0.0.1", dicomPort, false)))
                .isInstanceOfSatisfying(NetworkFailure.class, f -> {
                    assertThat(f.kind()).isEqualTo(NetworkFailure.Kind.AE_TITLE_REFUSED);
                    assertThat(f.getMessage()).startsWith("AE title refused").contains("NOT-ORTHANC");
                });
    }

    private static double[] numbers(String backslashed) {
        String[] parts = backslashed.split("\\\\");
        double[] d = new double[parts.length];
        for (int i = 0; i < parts.length; i++) d[i] = Double.parseDouble(parts[i].trim());
        return d;
    }
}
