package org.lodestone.console.scan;

import org.lodestone.scan.ScanService;
import org.lodestone.scan.ScanRequest;
import org.lodestone.scan.ScanResult;
import org.lodestone.scan.ScanStatus;
import org.lodestone.scan.ScanProgress;
import org.lodestone.console.unit.Units;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.lodestone.console.cli.Main;
import org.lodestone.scan.unit.UnitConnection;
import org.lodestone.recon.image.ImageMetrics;
import org.lodestone.recon.image.ImageVolume;
import org.lodestone.recon.image.NiftiReader;
import org.lodestone.recon.mrd.Acquisition;
import org.lodestone.recon.mrd.MrdStreamReader;
import org.lodestone.twin.launch.RunningTwin;
import org.lodestone.twin.launch.TwinOptions;
import org.lodestone.twin.testing.TwinExtension;
import picocli.CommandLine;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole path with real parts: socat pty pair, the virtual scanner as a child process (started by the
 * twin's launcher), jSerialComm on the host end, raw.mrd, reconstruction, images and scan.json.
 */
class EndToEndScanTest {
    @RegisterExtension
    static final TwinExtension twins = TwinExtension.builder().perTestOnly().build();

    @TempDir
    Path tmp;

    @Test
    void scanCommandWritesEverythingAndMatchesTheTruth() throws Exception {
        Path out = tmp.resolve("a");
        Path truth = out.resolve("truth");
        int code = new CommandLine(new Main()).execute("scan", "--protocol", "se2d", "--out", out.toString(),
                "--sim-truth", truth.toString(), "--sim-speed", "0", "--operator", "test");
        assertThat(code).isZero();
        assertThat(out.resolve("raw.mrd")).isRegularFile();
        assertThat(out.resolve("images.nii")).isRegularFile();
        assertThat(out.resolve("preview.png")).isRegularFile();
        JsonNode json = new ObjectMapper().readTree(out.resolve("scan.json").toFile());
        assertThat(json.get("status").asText()).isEqualTo("complete");
        assertThat(json.get("lines_expected").asLong()).isEqualTo(128);
        assertThat(json.get("lines_received").asLong()).isEqualTo(128);
        assertThat(json.get("frequency_hz").asDouble()).isGreaterThan(1e6);
        assertThat(json.get("snr_estimate").asDouble()).isGreaterThan(5);

        ImageVolume image = NiftiReader.read(out.resolve("images.nii"));
        ImageVolume ideal = NiftiReader.read(truth.resolve("truth.nii"));
        assertThat(image.nx()).isEqualTo(128);
        assertThat(image.dxMm()).isEqualTo(240.0 / 128);
        double r = ImageMetrics.pearson(image.data(), ideal.data());
        System.out.printf("Pearson correlation of images.nii with truth.nii: %.4f%n", r);
        assertThat(r).isGreaterThanOrEqualTo(0.95);

        MrdStreamReader.Result raw = MrdStreamReader.read(out.resolve("raw.mrd"));
        assertThat(raw.complete()).isTrue();
        assertThat(raw.acquisitions()).hasSize(128);
        assertThat(raw.xml()).contains("ISMRMRD");
    }

    @Test
    void simulatorOnAnExplicitPortGivesTheSameRawData() throws Exception {
        // started by the test, opened by path as a real unit would be; then the same seed started by Units itself
        RunningTwin twin = twins.start(TwinOptions.forTests(7));
        Map<String, Double> small = Map.of("matrix", 64.0, "tr", 100.0);
        List<Acquisition> byHand;
        try (UnitConnection unit = Units.open(twin.portSpec(), TwinOptions.defaults(), UnitConnection.GpioSetup.NONE)) {
            ScanResult r = new ScanService(unit).run(new ScanRequest("se2d", small, tmp.resolve("hand"), "test"), ScanProgress.NONE);
            assertThat(r.status()).isEqualTo(ScanStatus.COMPLETE);
            byHand = MrdStreamReader.read(tmp.resolve("hand/raw.mrd")).acquisitions();
        }
        List<Acquisition> auto;
        try (UnitConnection unit = Units.open(null, TwinOptions.defaults().withSeed(7).withSpeed(0))) {
            ScanResult r = new ScanService(unit).run(new ScanRequest("se2d", small, tmp.resolve("auto"), "test"), ScanProgress.NONE);
            assertThat(r.status()).isEqualTo(ScanStatus.COMPLETE);
            auto = MrdStreamReader.read(tmp.resolve("auto/raw.mrd")).acquisitions();
        }
        assertThat(byHand).hasSize(64).hasSameSizeAs(auto);
        for (int i = 0; i < byHand.size(); i++) {
            assertThat(byHand.get(i).data()).as("line %d", i).containsExactly(auto.get(i).data());
        }
    }

    @Test
    void killingTheVirtualScannerMidScanKeepsTheLinesAndSaysWhy() throws Exception {
        Path out = tmp.resolve("killed");
        // Real-time pace (TR 50 ms) so there is time to kill it mid-scan.
        try (Units.TwinUnit started = Units.openTwin(TwinOptions.defaults().withSeed(3))) {
            UnitConnection unit = started.unit();
            ScanService service = new ScanService(unit);
            List<Long> seen = new ArrayList<>();
            Process sim = started.twin().process();
            ScanResult r = service.run(new ScanRequest("se2d", Map.of("matrix", 64.0, "tr", 100.0), out, "test"),
                    new ScanProgress() {
                        @Override
                        public void lines(long received, long expected, double remaining) {
                            seen.add(received);
                            if (received == 20) sim.destroyForcibly();
                        }
                    });
            assertThat(r.status()).isEqualTo(ScanStatus.INTERRUPTED);
            assertThat(r.message()).contains("interrupted").contains("lines received are kept");
            assertThat(r.linesReceived()).isBetween(20L, 63L);
            MrdStreamReader.Result raw = MrdStreamReader.read(out.resolve("raw.mrd"));
            assertThat(raw.acquisitions()).hasSize((int) r.linesReceived());
            JsonNode json = new ObjectMapper().readTree(out.resolve("scan.json").toFile());
            assertThat(json.get("status").asText()).isEqualTo("interrupted");
            assertThat(json.get("lines_received").asLong()).isEqualTo(r.linesReceived());
        }
    }
}
