package org.lodestone.console.link;

import org.lodestone.console.unit.Units;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.lodestone.scan.ScanProgress;
import org.lodestone.scan.ScanRequest;
import org.lodestone.scan.ScanResult;
import org.lodestone.scan.ScanService;
import org.lodestone.scan.ScanStatus;
import org.lodestone.scan.unit.UnitConnection;
import org.lodestone.twin.launch.TwinOptions;
import org.lodestone.twin.testing.TwinExtension;
import org.lodestone.recon.mrd.Acquisition;
import org.lodestone.recon.mrd.MrdStreamReader;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The serial line's device nodes vanish mid-scan and come back at the same paths: the socat pty
 * pair between console and virtual scanner process is killed and made again. Both ends notice,
 * reopen, and the scan resumes within the unit's resume window; the raw data are bit-identical to
 * a clean run of the same seed (nothing lost, nothing twice).
 */
class SerialReconnectTest {
    private static final Map<String, Double> SCAN = Map.of("matrix", 64.0, "tr", 100.0);
    private static final long SEED = 13;

    @RegisterExtension
    static final TwinExtension twin = TwinExtension.builder().seed(SEED).speed(1).build();

    @TempDir
    Path tmp;

    @Test
    void socatPairKilledAndRecreatedMidScanLosesNothing() throws Exception {
        List<String> stages = new CopyOnWriteArrayList<>();
        Path out = tmp.resolve("reconnect");
        ScanResult r;
        try (UnitConnection unit = Units.open(twin.portSpec(), TwinOptions.defaults(), UnitConnection.GpioSetup.NONE)) {
            r = new ScanService(unit).run(new ScanRequest("se2d", SCAN, out, "test"), new ScanProgress() {
                @Override
                public void stage(String what) {
                    stages.add(what);
                }

                @Override
                public void lines(long received, long expected, double remaining) {
                    if (received == 20) {
                        // Off this thread: the scan must go on receiving while the line is down.
                        Thread.ofPlatform().start(SerialReconnectTest::unplugAndReplug);
                    }
                }
            });
            System.out.println("reconnect: " + r.message() + "; " + unit.session().linkStatistics());
        }
        assertThat(r.status()).as(r.message()).isEqualTo(ScanStatus.COMPLETE);
        assertThat(stages).anyMatch(s -> s.startsWith("Waiting for the link"));
        assertThat(stages).contains("Scanning (link restored)");
        String twinLog = String.join("\n", twin.twin().recentOutput());
        Path device = twin.twin().devicePort();
        assertThat(twinLog).contains("Link lost: serial " + device).contains("Link back: serial " + device);

        List<Acquisition> got = MrdStreamReader.read(out.resolve("raw.mrd")).acquisitions();
        List<Acquisition> clean;
        try (UnitConnection unit = Units.open(null, TwinOptions.defaults().withSeed(SEED).withSpeed(0))) {
            ScanResult c = new ScanService(unit).run(new ScanRequest("se2d", SCAN, tmp.resolve("clean"), "test"), ScanProgress.NONE);
            assertThat(c.status()).isEqualTo(ScanStatus.COMPLETE);
        }
        clean = MrdStreamReader.read(tmp.resolve("clean/raw.mrd")).acquisitions();
        assertThat(got).hasSize(64).hasSameSizeAs(clean);
        for (int i = 0; i < got.size(); i++) {
            assertThat(got.get(i).header().idx()).as("counters of line %d", i).isEqualTo(clean.get(i).header().idx());
            assertThat(got.get(i).data()).as("samples of line %d", i).containsExactly(clean.get(i).data());
        }
    }

    /** Kills the pty pair (its device nodes vanish), waits a second, and makes a new one at the same paths. */
    private static void unplugAndReplug() {
        try {
            twin.twin().replugSerialLine(1000);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
