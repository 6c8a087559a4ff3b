package org.lodestone.console.link;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lodestone.console.scan.ScanProgress;
import org.lodestone.console.scan.ScanRequest;
import org.lodestone.console.scan.ScanResult;
import org.lodestone.console.scan.ScanService;
import org.lodestone.console.scan.ScanStatus;
import org.lodestone.console.unit.UnitConnection;
import org.lodestone.console.unit.VirtualScannerProcess;
import org.lodestone.hw.link.FaultyRelay;
import org.lodestone.hw.link.SerialTransport;
import org.lodestone.recon.mrd.Acquisition;
import org.lodestone.recon.mrd.MrdStreamReader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A bad cable between console and unit, made of real parts: console ⇄ pty pair ⇄ relay ⇄ pty pair ⇄
 * virtual scanner process. The raw data must come out bit-identical to a clean run of the same seed.
 */
class LinkFaultTest {
    private static final Map<String, Double> SCAN = Map.of("matrix", 256.0, "tr", 100.0, "fov", 240.0, "bandwidth", 250.0);
    private static final long SEED = 11;

    @TempDir
    Path tmp;
    private final List<Process> processes = new ArrayList<>();
    private FaultyRelay relay;

    @AfterEach
    void stop() {
        if (relay != null) relay.close();
        processes.forEach(Process::destroyForcibly);
    }

    @Test
    void corruptedDroppedAndDuplicatedBytesLoseNothing() throws Exception {
        List<Acquisition> clean = cleanRun();
        Path host = startFaultyLink(new FaultyRelay.Faults(1e-4, 1e-4, 1e-4));
        List<Acquisition> faulty = scan(host, "faulty", null);
        System.out.println("relay: " + relay.statistics());
        assertSameData(faulty, clean);
    }

    @Test
    void aTwoSecondUnplugMidScanIsSurvived() throws Exception {
        List<Acquisition> clean = cleanRun();
        Path host = startFaultyLink(FaultyRelay.Faults.NONE);
        List<Acquisition> unplugged = scan(host, "unplug2", received -> {
            if (received == 100) relay.unplug(2000);
        });
        assertSameData(unplugged, clean);
    }

    @Test
    void aLongUnplugAbortsCleanlyAndKeepsTheLines() throws Exception {
        Path host = startFaultyLink(FaultyRelay.Faults.NONE);
        Path out = tmp.resolve("unplug60");
        try (UnitConnection unit = UnitConnection.open(host.toString(), VirtualScannerProcess.Options.DEFAULT)) {
            ScanResult r = new ScanService(unit).run(new ScanRequest("se2d", SCAN, out, "test"), new ScanProgress() {
                @Override
                public void lines(long received, long expected, double remaining) {
                    if (received == 60) relay.unplug(60_000);
                }
            });
            assertThat(r.status()).isEqualTo(ScanStatus.INTERRUPTED);
            assertThat(r.message()).contains("lines received are kept");
            assertThat(r.linesReceived()).isBetween(60L, 255L);
            assertThat(MrdStreamReader.read(out.resolve("raw.mrd")).acquisitions()).hasSize((int) r.linesReceived());
        }
    }

    /** One clean run serves every test of the class: same seed, same data. */
    private static List<Acquisition> clean;

    private List<Acquisition> cleanRun() throws Exception {
        if (clean != null) return clean;
        try (UnitConnection unit = UnitConnection.open(null, new VirtualScannerProcess.Options(SEED, 0, null))) {
            ScanResult r = new ScanService(unit).run(new ScanRequest("se2d", SCAN, tmp.resolve("clean"), "test"), ScanProgress.NONE);
            assertThat(r.status()).isEqualTo(ScanStatus.COMPLETE);
        }
        clean = MrdStreamReader.read(tmp.resolve("clean/raw.mrd")).acquisitions();
        return clean;
    }

    private List<Acquisition> scan(Path host, String name, java.util.function.LongConsumer onLine) throws Exception {
        try (UnitConnection unit = UnitConnection.open(host.toString(), VirtualScannerProcess.Options.DEFAULT)) {
            ScanResult r = new ScanService(unit).run(new ScanRequest("se2d", SCAN, tmp.resolve(name), "test"), new ScanProgress() {
                @Override
                public void lines(long received, long expected, double remaining) {
                    if (onLine != null) onLine.accept(received);
                }
            });
            System.out.println(name + ": " + r.message() + "; " + unit.session().linkStatistics());
            assertThat(r.status()).as(r.message()).isEqualTo(ScanStatus.COMPLETE);
        }
        return MrdStreamReader.read(tmp.resolve(name + "/raw.mrd")).acquisitions();
    }

    private static void assertSameData(List<Acquisition> got, List<Acquisition> clean) {
        assertThat(got).hasSize(256).hasSameSizeAs(clean);
        for (int i = 0; i < got.size(); i++) {
            assertThat(got.get(i).header().idx()).as("counters of line %d", i).isEqualTo(clean.get(i).header().idx());
            assertThat(got.get(i).data()).as("samples of line %d", i).containsExactly(clean.get(i).data());
        }
    }

    /** console end ⇄ [pty] ⇄ relay ⇄ [pty] ⇄ simulator process (real-time pace); returns the console's end. */
    private Path startFaultyLink(FaultyRelay.Faults faults) throws Exception {
        Path host = tmp.resolve("ttyHost"), relayA = tmp.resolve("ttyRelayA");
        Path relayB = tmp.resolve("ttyRelayB"), device = tmp.resolve("ttyDevice");
        processes.add(socat(host, relayA));
        processes.add(socat(relayB, device));
        for (Path p : List.of(host, relayA, relayB, device)) waitFor(p);
        Process sim = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                "org.lodestone.twin.SimulatorCommand", "--port", device.toString(), "--seed", Long.toString(SEED), "--speed", "1")
                .redirectErrorStream(true).redirectOutput(tmp.resolve("sim.out").toFile()).start();
        processes.add(sim);
        waitForLine(tmp.resolve("sim.out"), "virtual scanner ready");
        relay = new FaultyRelay(SerialTransport.open(relayA.toString(), SerialTransport.Settings.DEFAULT),
                SerialTransport.open(relayB.toString(), SerialTransport.Settings.DEFAULT), faults, 99).start();
        return host;
    }

    private static Process socat(Path a, Path b) throws IOException {
        return new ProcessBuilder("socat", "pty,raw,echo=0,link=" + a, "pty,raw,echo=0,link=" + b)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    private static void waitFor(Path p) throws InterruptedException {
        for (int i = 0; i < 250 && !Files.exists(p); i++) Thread.sleep(20);
        assertThat(p).exists();
    }

    private static void waitForLine(Path file, String text) throws InterruptedException, IOException {
        for (int i = 0; i < 1500; i++) {
            if (Files.exists(file) && Files.readString(file).contains(text)) return;
            TimeUnit.MILLISECONDS.sleep(20);
        }
        throw new AssertionError("simulator did not start: " + (Files.exists(file) ? Files.readString(file) : ""));
    }
}
