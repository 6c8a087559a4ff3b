package org.lodestone.console.link;

import org.lodestone.console.unit.Units;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lodestone.scan.ScanProgress;
import org.lodestone.scan.ScanRequest;
import org.lodestone.scan.ScanResult;
import org.lodestone.scan.ScanService;
import org.lodestone.scan.ScanStatus;
import org.lodestone.scan.unit.UnitConnection;
import org.lodestone.console.unit.VirtualScannerProcess;
import org.lodestone.recon.mrd.Acquisition;
import org.lodestone.recon.mrd.MrdStreamReader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

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

    @TempDir
    Path tmp;
    private final List<Process> processes = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        processes.forEach(Process::destroyForcibly);
    }

    @Test
    void socatPairKilledAndRecreatedMidScanLosesNothing() throws Exception {
        Path host = tmp.resolve("ttyHost"), device = tmp.resolve("ttyDevice");
        Process first = socat(host, device);
        Process sim = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                "org.lodestone.twin.SimulatorCommand", "--port", device.toString(), "--seed", Long.toString(SEED), "--speed", "1")
                .redirectErrorStream(true).redirectOutput(tmp.resolve("sim.out").toFile()).start();
        processes.add(sim);
        waitForLine(tmp.resolve("sim.out"), "virtual scanner ready");

        List<String> stages = new CopyOnWriteArrayList<>();
        Path out = tmp.resolve("reconnect");
        ScanResult r;
        try (UnitConnection unit = Units.open(host.toString(), VirtualScannerProcess.Options.DEFAULT, UnitConnection.GpioSetup.NONE)) {
            r = new ScanService(unit).run(new ScanRequest("se2d", SCAN, out, "test"), new ScanProgress() {
                @Override
                public void stage(String what) {
                    stages.add(what);
                }

                @Override
                public void lines(long received, long expected, double remaining) {
                    if (received == 20) {
                        // Off this thread: the scan must go on receiving while the line is down.
                        Thread.ofPlatform().start(() -> unplugAndReplug(first, host, device));
                    }
                }
            });
            System.out.println("reconnect: " + r.message() + "; " + unit.session().linkStatistics());
        }
        assertThat(r.status()).as(r.message()).isEqualTo(ScanStatus.COMPLETE);
        assertThat(stages).anyMatch(s -> s.startsWith("Waiting for the link"));
        assertThat(stages).contains("Scanning (link restored)");
        String twinLog = Files.readString(tmp.resolve("sim.out"));
        assertThat(twinLog).contains("Link lost: serial " + device).contains("Link back: serial " + device);

        List<Acquisition> got = MrdStreamReader.read(out.resolve("raw.mrd")).acquisitions();
        List<Acquisition> clean;
        try (UnitConnection unit = Units.open(null, new VirtualScannerProcess.Options(SEED, 0, null))) {
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
    private void unplugAndReplug(Process socat, Path host, Path device) {
        try {
            socat.destroy();
            socat.waitFor(5, TimeUnit.SECONDS);
            Files.deleteIfExists(host);
            Files.deleteIfExists(device);
            Thread.sleep(1000);
            socat(host, device);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private Process socat(Path a, Path b) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("socat", "pty,raw,echo=0,link=" + a, "pty,raw,echo=0,link=" + b)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        processes.add(p);
        for (int i = 0; i < 250 && !(Files.exists(a) && Files.exists(b)); i++) Thread.sleep(20);
        assertThat(a).exists();
        return p;
    }

    private static void waitForLine(Path file, String text) throws InterruptedException, IOException {
        for (int i = 0; i < 1500; i++) {
            if (Files.exists(file) && Files.readString(file).contains(text)) return;
            TimeUnit.MILLISECONDS.sleep(20);
        }
        throw new AssertionError("simulator did not start: " + (Files.exists(file) ? Files.readString(file) : ""));
    }
}
