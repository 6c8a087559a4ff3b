package org.lodestone.console.link;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lodestone.console.unit.VirtualScannerProcess;
import org.lodestone.scan.ScanProgress;
import org.lodestone.scan.ScanRequest;
import org.lodestone.scan.ScanResult;
import org.lodestone.scan.ScanService;
import org.lodestone.scan.ScanStatus;
import org.lodestone.scan.unit.UnitConnection;
import org.lodestone.scan.unit.UnitConnection.GpioSetup;
import org.lodestone.scan.unit.UnitState;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Connection supervision with a real twin process: a unit that stalls while the console is idle
 * (SIGSTOP for 20 s) or vanishes and comes back on the same address is reported "Unit not
 * responding", found again by itself, and the next scan in the same connection completes.
 */
class UnitSupervisionTest {
    private static final long SEED = 21;

    @TempDir
    Path tmp;
    private final List<Process> processes = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (Process p : processes) {
            signal(p, "CONT");
            p.destroyForcibly();
        }
    }

    private record Change(UnitState state, long nanos) {
    }

    @Test
    void aTwinStoppedForTwentySecondsWhileIdleIsReportedAndTheNextScanSucceeds() throws Exception {
        try (VirtualScannerProcess twin = VirtualScannerProcess.start(new VirtualScannerProcess.Options(SEED, 0, null));
             UnitConnection unit = UnitConnection.open(twin.hostPort().toString(), GpioSetup.NONE)) {
            processes.add(twin.process());
            List<Change> changes = new CopyOnWriteArrayList<>();
            unit.addStateListener(s -> changes.add(new Change(s, System.nanoTime())));
            assertThat(unit.state()).isEqualTo(UnitState.CONNECTED);
            assertThat(scan(unit, "before").status()).isEqualTo(ScanStatus.COMPLETE);

            long stopped = System.nanoTime();
            signal(twin.process(), "STOP");
            awaitState(unit, UnitState.NOT_RESPONDING, 10);
            System.out.printf("stalled unit reported not responding after %.2f s%n",
                    (changes.getFirst().nanos() - stopped) / 1e9);
            Thread.sleep(Math.max(0, 20_000 - (System.nanoTime() - stopped) / 1_000_000));
            assertThat(unit.state()).isEqualTo(UnitState.NOT_RESPONDING);
            signal(twin.process(), "CONT");
            awaitState(unit, UnitState.CONNECTED, 30);

            assertThat(changes).extracting(Change::state).containsExactly(UnitState.NOT_RESPONDING, UnitState.CONNECTED);
            assertThat(unit.state().text()).isEqualTo("Connected");
            ScanResult after = scan(unit, "after");
            assertThat(after.status()).as(after.message()).isEqualTo(ScanStatus.COMPLETE);
        }
    }

    @Test
    void aTwinKilledAndStartedAgainOnTheSamePortIsFoundAgain() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Process first = tcpTwin(port, "first");
        try (UnitConnection unit = UnitConnection.open("tcp:127.0.0.1:" + port, GpioSetup.NONE)) {
            List<UnitState> changes = new CopyOnWriteArrayList<>();
            unit.addStateListener(changes::add);
            first.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            awaitState(unit, UnitState.NOT_RESPONDING, 10);

            tcpTwin(port, "second");
            awaitState(unit, UnitState.CONNECTED, 30);
            assertThat(changes).containsExactly(UnitState.NOT_RESPONDING, UnitState.CONNECTED);
            ScanResult r = scan(unit, "again");
            assertThat(r.status()).as(r.message()).isEqualTo(ScanStatus.COMPLETE);
        }
    }

    private ScanResult scan(UnitConnection unit, String name) throws Exception {
        return new ScanService(unit).run(new ScanRequest("fid", Map.of(), tmp.resolve(name), "test"), ScanProgress.NONE);
    }

    private static void awaitState(UnitConnection unit, UnitState state, int seconds) throws InterruptedException {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (unit.state() != state) {
            if (System.nanoTime() > end) throw new AssertionError("state still " + unit.state() + " after " + seconds + " s, not " + state);
            Thread.sleep(20);
        }
    }

    /** A twin serving TCP on {@code port} (loopback), ready to accept. */
    private Process tcpTwin(int port, String name) throws Exception {
        Path out = tmp.resolve(name + ".out");
        Process p = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                "org.lodestone.twin.SimulatorCommand", "--port", "tcp:127.0.0.1:" + port, "--seed", Long.toString(SEED),
                "--speed", "0").redirectErrorStream(true).redirectOutput(out.toFile()).start();
        processes.add(p);
        long end = System.nanoTime() + 30_000_000_000L;
        while (!Files.exists(out) || !Files.readString(out).contains("virtual scanner ready")) {
            if (System.nanoTime() > end || !p.isAlive()) throw new AssertionError("twin did not start: " + Files.readString(out));
            Thread.sleep(50);
        }
        return p;
    }

    private static void signal(Process p, String signal) throws Exception {
        if (p.isAlive()) new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).inheritIO().start().waitFor();
    }
}
