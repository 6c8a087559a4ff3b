package org.lodestone.console.link;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lodestone.scan.ScanProgress;
import org.lodestone.scan.ScanRequest;
import org.lodestone.scan.ScanResult;
import org.lodestone.scan.ScanService;
import org.lodestone.scan.ScanStatus;
import org.lodestone.scan.unit.UnitConnection;
import org.lodestone.scan.unit.UnitConnection.GpioSetup;
import org.lodestone.scan.unit.UnitState;
import org.lodestone.twin.launch.RunningTwin;
import org.lodestone.twin.launch.TwinLauncher;
import org.lodestone.twin.launch.TwinOptions;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Connection supervision with a real twin process (the one launcher): a unit that stalls while the
 * console is idle (SIGSTOP for 20 s) or is killed and started again on the same address is reported
 * "Unit not responding", found again by itself, and the next scan in the same connection completes.
 */
class UnitSupervisionTest {
    private static final long SEED = 21;

    @TempDir
    Path tmp;

    private record Change(UnitState state, long nanos) {
    }

    @Test
    void aTwinStoppedForTwentySecondsWhileIdleIsReportedAndTheNextScanSucceeds() throws Exception {
        try (RunningTwin twin = TwinLauncher.start(TwinOptions.forTests(SEED));
             UnitConnection unit = UnitConnection.open(twin.portSpec(), GpioSetup.NONE)) {
            List<Change> changes = new CopyOnWriteArrayList<>();
            unit.addStateListener(s -> changes.add(new Change(s, System.nanoTime())));
            assertThat(scan(unit, "before").status()).isEqualTo(ScanStatus.COMPLETE);
            awaitState(unit, changes, UnitState.CONNECTED, 10);

            changes.clear();
            long stopped = System.nanoTime();
            twin.suspend();
            awaitState(unit, changes, UnitState.NOT_RESPONDING, 10);
            System.out.printf("stalled unit reported not responding after %.2f s%n", (changes.getFirst().nanos() - stopped) / 1e9);
            Thread.sleep(Math.max(0, 20_000 - (System.nanoTime() - stopped) / 1_000_000));
            assertThat(unit.state()).isEqualTo(UnitState.NOT_RESPONDING);
            twin.resume();
            awaitState(unit, changes, UnitState.CONNECTED, 30);

            assertThat(changes).extracting(Change::state).containsExactly(UnitState.NOT_RESPONDING, UnitState.CONNECTED);
            assertThat(unit.state().text()).isEqualTo("Connected");
            ScanResult after = scan(unit, "after");
            assertThat(after.status()).as(after.message()).isEqualTo(ScanStatus.COMPLETE);
        }
    }

    @Test
    void aTwinKilledAndStartedAgainOnTheSameTcpPortIsFoundAgain() throws Exception {
        killAndRestart(TwinOptions.Link.TCP);
    }

    @Test
    void aTwinKilledAndStartedAgainOnTheSameSerialDeviceIsFoundAgain() throws Exception {
        killAndRestart(TwinOptions.Link.PTY);
    }

    private void killAndRestart(TwinOptions.Link link) throws Exception {
        try (RunningTwin twin = TwinLauncher.start(TwinOptions.forTests(SEED).withLink(link));
             UnitConnection unit = UnitConnection.open(twin.portSpec(), GpioSetup.NONE)) {
            List<Change> changes = new CopyOnWriteArrayList<>();
            unit.addStateListener(s -> changes.add(new Change(s, System.nanoTime())));
            twin.kill();
            awaitState(unit, changes, UnitState.NOT_RESPONDING, 10);

            twin.restart();
            awaitState(unit, changes, UnitState.CONNECTED, 40);
            assertThat(changes).extracting(Change::state).endsWith(UnitState.NOT_RESPONDING, UnitState.CONNECTED);
            ScanResult r = scan(unit, "again");
            assertThat(r.status()).as(r.message()).isEqualTo(ScanStatus.COMPLETE);
        }
    }

    private ScanResult scan(UnitConnection unit, String name) throws Exception {
        return new ScanService(unit).run(new ScanRequest("fid", Map.of(), tmp.resolve(name), "test"), ScanProgress.NONE);
    }

    /** Until the unit is in {@code state} and its listeners have heard so (they run just after the state changes). */
    private static void awaitState(UnitConnection unit, List<Change> heard, UnitState state, int seconds) throws InterruptedException {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (unit.state() != state || (heard.isEmpty() ? UnitState.CONNECTED : heard.getLast().state()) != state) {
            if (System.nanoTime() > end) throw new AssertionError("state still " + unit.state() + " after " + seconds + " s, not " + state);
            Thread.sleep(20);
        }
    }
}
