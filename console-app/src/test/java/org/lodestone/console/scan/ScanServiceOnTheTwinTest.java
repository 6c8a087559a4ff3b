package org.lodestone.console.scan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.lodestone.console.unit.Units;
import org.lodestone.twin.launch.TwinOptions;
import org.lodestone.recon.mrd.MrdStreamReader;
import org.lodestone.scan.ScanEvent;
import org.lodestone.scan.ScanRequest;
import org.lodestone.scan.ScanResult;
import org.lodestone.scan.ScanService;
import org.lodestone.scan.ScanStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scan service's contract on one twin (speed 0, se2d 32²): the events a subscriber sees, FAILED
 * with the raw data kept when the reconstruction cannot write its image, and no frequency carried
 * from one scan to the next.
 */
class ScanServiceOnTheTwinTest {
    static final Map<String, Double> SMALL = Map.of("matrix", 32.0, "tr", 100.0, "te", 20.0);

    static Units.TwinUnit twin;

    @TempDir
    Path tmp;

    @BeforeAll
    static void startTwin() throws Exception {
        twin = Units.openTwin(TwinOptions.defaults().withSeed(21).withSpeed(0));
    }

    @AfterAll
    static void stopTwin() {
        if (twin != null) twin.close();
    }

    static JsonNode json(Path out) throws Exception {
        return new ObjectMapper().readTree(out.resolve("scan.json").toFile());
    }

    @Test
    void aSubscriberHearsTheScanFromStartedToFinishedInOrder() throws Exception {
        List<ScanEvent> events = new CopyOnWriteArrayList<>();
        Path out = tmp.resolve("events");
        ScanResult r = new ScanService(twin.unit()).run(new ScanRequest("se2d", SMALL, out, "test"), events::add);

        assertThat(r.status()).as(r.message()).isEqualTo(ScanStatus.COMPLETE);
        assertThat(events.getFirst()).isInstanceOf(ScanEvent.Started.class);
        assertThat(((ScanEvent.Started) events.getFirst()).expectedLines()).isEqualTo(32);
        assertThat(events.getLast()).isEqualTo(new ScanEvent.Finished(r));
        assertThat(events.stream().filter(e -> e instanceof ScanEvent.Finished)).hasSize(1);
        List<Long> lines = events.stream().filter(e -> e instanceof ScanEvent.Progress)
                .map(e -> ((ScanEvent.Progress) e).received()).toList();
        assertThat(lines).hasSize(32).isSorted().startsWith(1L).endsWith(32L);
        assertThat(events.stream().filter(e -> e instanceof ScanEvent.Stage).map(e -> ((ScanEvent.Stage) e).what()))
                .containsExactly("Adjusting frequency", "Scanning", "Reconstructing");
        List<ScanEvent.Preview> previews = events.stream().filter(e -> e instanceof ScanEvent.Preview).map(e -> (ScanEvent.Preview) e).toList();
        assertThat(previews).isNotEmpty();
        assertThat(previews.getLast().last()).isTrue();
        assertThat(previews.getLast().image()).isSameAs(r.image());

        JsonNode json = json(out);
        assertThat(json.get("status").asText()).isEqualTo("complete");
        assertThat(json.get("parameters").get("te").asDouble()).isEqualTo(20.0);
        assertThat(json.get("parameter_units").get("te").asText()).isEqualTo("ms");
        assertThat(json.get("parameter_units").get("matrix").asText()).isEqualTo("px");
    }

    @Test
    void aReconstructionThatCannotWriteItsImageIsFailedAndKeepsTheRawData() throws Exception {
        Path out = tmp.resolve("failed");
        Files.createDirectories(out.resolve("images.nii")); // a folder where the image file must go
        List<ScanEvent> events = new CopyOnWriteArrayList<>();
        ScanResult r = new ScanService(twin.unit()).run(new ScanRequest("se2d", SMALL, out, "test"), events::add);

        assertThat(r.status()).as(r.message()).isEqualTo(ScanStatus.FAILED);
        assertThat(r.linesReceived()).isEqualTo(32);
        assertThat(r.message()).startsWith("Reconstruction failed").contains("raw data is kept").contains("raw.mrd");
        var raw = MrdStreamReader.read(out.resolve("raw.mrd"));
        assertThat(raw.complete()).isTrue();
        assertThat(raw.acquisitions()).hasSize(32);
        JsonNode json = json(out);
        assertThat(json.get("status").asText()).isEqualTo("failed");
        assertThat(json.get("message").asText()).startsWith("Reconstruction failed");
        assertThat(json.get("lines_received").asLong()).isEqualTo(32);
        assertThat(((ScanEvent.Finished) events.getLast()).status()).isEqualTo(ScanStatus.FAILED);
    }

    @Test
    void everyScanStartsItsFrequencySearchFromTheNominalLarmorNotFromTheLastScan() throws Exception {
        ScanService service = new ScanService(twin.unit());
        double nominal = twin.unit().capabilities().nominalLarmorHz();
        for (String name : List.of("first", "second")) {
            Path out = tmp.resolve(name);
            ScanResult r = service.run(new ScanRequest("se2d", SMALL, out, "test"), e -> { });
            assertThat(r.status()).as(r.message()).isEqualTo(ScanStatus.COMPLETE);
            JsonNode f = json(out).get("frequency_adjustment");
            assertThat(f.get("previous_hz").asDouble()).as(name).isEqualTo(nominal);
            // the twin's magnet is off nominal: the search found it, so a carried-over frequency would show
            assertThat(Math.abs(f.get("offset_hz").asDouble())).as(name).isGreaterThan(1.0);
        }
    }
}
