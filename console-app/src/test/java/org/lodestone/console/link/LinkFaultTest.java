package org.lodestone.console.link;

import org.lodestone.console.unit.Units;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lodestone.scan.ScanProgress;
import org.lodestone.scan.ScanRequest;
import org.lodestone.scan.ScanResult;
import org.lodestone.scan.ScanService;
import org.lodestone.scan.ScanStatus;
import org.lodestone.scan.unit.UnitConnection;
import org.lodestone.hw.link.FaultyRelay;
import org.lodestone.hw.link.SerialTransport;
import org.lodestone.recon.mrd.Acquisition;
import org.lodestone.recon.mrd.MrdStreamReader;
import org.lodestone.twin.launch.PtyPair;
import org.lodestone.twin.launch.RunningTwin;
import org.lodestone.twin.launch.TwinLauncher;
import org.lodestone.twin.launch.TwinOptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A bad cable between console and unit, made of real parts: console ⇄ pty pair ⇄ relay ⇄ pty pair ⇄
 * virtual scanner process. The raw data must come out bit-identical to a clean run of the same seed.
 * <p>
 * The scenarios are independent (each its own twin, pty pairs and relay), so they all run at once, started
 * before the first test; each test waits for its own and checks it. Wall time is the longest scenario, not the
 * sum. Every timer is the real one: real-time twins, the session's own give-up time, a 60 s unplug.
 */
class LinkFaultTest {
    private static final Map<String, Double> SCAN = Map.of("matrix", 256.0, "tr", 100.0, "fov", 240.0, "bandwidth", 250.0);
    private static final long SEED = 11;
    private static final long WAIT_MINUTES = 6;

    @TempDir
    static Path tmp;
    private static final List<AutoCloseable> closeAtEnd = new java.util.concurrent.CopyOnWriteArrayList<>();
    private static final List<FaultyRelay> relays = new java.util.concurrent.CopyOnWriteArrayList<>();
    private static CompletableFuture<List<Acquisition>> clean;
    private static CompletableFuture<List<Acquisition>> faulty;
    private static CompletableFuture<List<Acquisition>> unplugged2s;
    private static CompletableFuture<ScanResult> unplugged60s;

    @BeforeAll
    static void startEveryScenario() {
        clean = async("clean", LinkFaultTest::cleanRun);
        faulty = async("faulty", () -> {
            Link link = startFaultyLink("faulty", new FaultyRelay.Faults(1e-4, 1e-4, 1e-4));
            List<Acquisition> got = scan(link.host(), "faulty", null);
            System.out.println("relay: " + link.relay().statistics());
            return got;
        });
        unplugged2s = async("unplug2", () -> {
            Link link = startFaultyLink("unplug2", FaultyRelay.Faults.NONE);
            return scan(link.host(), "unplug2", received -> {
                if (received == 100) link.relay().unplug(2000);
            });
        });
        unplugged60s = async("unplug60", () -> {
            Link link = startFaultyLink("unplug60", FaultyRelay.Faults.NONE);
            try (UnitConnection unit = Units.open(link.host().toString(), TwinOptions.defaults(), UnitConnection.GpioSetup.NONE)) {
                return new ScanService(unit).run(new ScanRequest("se2d", SCAN, tmp.resolve("unplug60"), "test"), new ScanProgress() {
                    @Override
                    public void lines(long received, long expected, double remaining) {
                        if (received == 60) link.relay().unplug(60_000);
                    }
                });
            }
        });
    }

    @AfterAll
    static void stopEverything() {
        relays.forEach(FaultyRelay::close);
        for (AutoCloseable c : closeAtEnd.reversed()) {
            try {
                c.close();
            } catch (Exception e) {
                System.out.println("closing " + c + ": " + e);
            }
        }
    }

    @Test
    void corruptedDroppedAndDuplicatedBytesLoseNothing() throws Exception {
        assertSameData(faulty.get(WAIT_MINUTES, TimeUnit.MINUTES), clean.get(WAIT_MINUTES, TimeUnit.MINUTES));
    }

    @Test
    void aTwoSecondUnplugMidScanIsSurvived() throws Exception {
        assertSameData(unplugged2s.get(WAIT_MINUTES, TimeUnit.MINUTES), clean.get(WAIT_MINUTES, TimeUnit.MINUTES));
    }

    @Test
    void aLongUnplugAbortsCleanlyAndKeepsTheLines() throws Exception {
        ScanResult r = unplugged60s.get(WAIT_MINUTES, TimeUnit.MINUTES);
        assertThat(r.status()).isEqualTo(ScanStatus.INTERRUPTED);
        assertThat(r.message()).contains("lines received are kept");
        assertThat(r.linesReceived()).isBetween(60L, 255L);
        assertThat(MrdStreamReader.read(tmp.resolve("unplug60").resolve("raw.mrd")).acquisitions()).hasSize((int) r.linesReceived());
    }

    private interface Scenario<T> {
        T run() throws Exception;
    }

    /** Runs a scenario on its own thread; a failure reaches the test that waits for it. */
    private static <T> CompletableFuture<T> async(String name, Scenario<T> s) {
        CompletableFuture<T> f = new CompletableFuture<>();
        Thread.ofPlatform().daemon().name("link-fault-" + name).start(() -> {
            try {
                f.complete(s.run());
            } catch (Throwable e) {
                f.completeExceptionally(e);
            }
        });
        return f;
    }

    /** The reference: same seed, straight to the twin at full speed. */
    private static List<Acquisition> cleanRun() throws Exception {
        try (UnitConnection unit = Units.open(null, TwinOptions.defaults().withSeed(SEED).withSpeed(0))) {
            ScanResult r = new ScanService(unit).run(new ScanRequest("se2d", SCAN, tmp.resolve("clean"), "test"), ScanProgress.NONE);
            assertThat(r.status()).isEqualTo(ScanStatus.COMPLETE);
        }
        return MrdStreamReader.read(tmp.resolve("clean/raw.mrd")).acquisitions();
    }

    private static List<Acquisition> scan(Path host, String name, java.util.function.LongConsumer onLine) throws Exception {
        try (UnitConnection unit = Units.open(host.toString(), TwinOptions.defaults(), UnitConnection.GpioSetup.NONE)) {
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

    private record Link(Path host, FaultyRelay relay) {
    }

    private static void assertSameData(List<Acquisition> got, List<Acquisition> clean) {
        assertThat(got).hasSize(256).hasSameSizeAs(clean);
        for (int i = 0; i < got.size(); i++) {
            assertThat(got.get(i).header().idx()).as("counters of line %d", i).isEqualTo(clean.get(i).header().idx());
            assertThat(got.get(i).data()).as("samples of line %d", i).containsExactly(clean.get(i).data());
        }
    }

    /**
     * console end ⇄ [pty] ⇄ relay ⇄ [pty] ⇄ simulator process (real-time pace): the twin and its own pair from the
     * launcher, the console's pair in a directory of its own.
     */
    private static Link startFaultyLink(String name, FaultyRelay.Faults faults) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve(name + "-link"));
        RunningTwin twin = TwinLauncher.start(TwinOptions.defaults().withSeed(SEED));
        closeAtEnd.add(twin);
        PtyPair consoleLine = PtyPair.open(dir.resolve("ttyHost"), dir.resolve("ttyRelay"));
        closeAtEnd.add(consoleLine);
        FaultyRelay relay = new FaultyRelay(SerialTransport.open(consoleLine.device().toString(), SerialTransport.Settings.DEFAULT),
                SerialTransport.open(twin.portSpec(), SerialTransport.Settings.DEFAULT), faults, 99).start();
        relays.add(relay);
        return new Link(consoleLine.host(), relay);
    }
}
