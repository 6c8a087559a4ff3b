package org.lodestone.hw.session;

import org.junit.jupiter.api.Test;
import org.lodestone.hw.gpio.GpioInput;
import org.lodestone.hw.gpio.InterlockEvent;
import org.lodestone.hw.link.InMemoryTransport;
import org.lodestone.hw.program.AdcWindow;
import org.lodestone.hw.program.DeviceProgram;
import org.lodestone.hw.program.ProgramBlock;
import org.lodestone.hw.program.ProgramSegments;
import org.lodestone.hw.session.RunResult.Reason;
import org.lodestone.hw.program.AdcCounters;
import org.lodestone.hw.wire.Message;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** ScannerSession.run against a scripted board on an in-memory pair (unit test of the session). */
class ScanRunTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    /** {@code lines} blocks, each with one ADC window. */
    private static DeviceProgram program(int lines) {
        List<ProgramBlock> blocks = new ArrayList<>();
        for (int i = 0; i < lines; i++) {
            blocks.add(new ProgramBlock(1000, null, null, null, null, new AdcWindow(0, 2, 1000, 0, 0, AdcCounters.ZERO, 0)));
        }
        return new DeviceProgram(100, blocks);
    }

    private record Rig(FakeUnit unit, ScannerSession session, List<RunEvent> events) implements AutoCloseable {
        static Rig start(FakeUnit.Script script, int memoryBytes) throws DeviceException {
            InMemoryTransport[] pair = InMemoryTransport.pair();
            FakeUnit unit = new FakeUnit(pair[1], script, memoryBytes);
            ScannerSession s = ScannerSession.open(pair[0]);
            s.hello("test");
            return new Rig(unit, s, new CopyOnWriteArrayList<>());
        }

        <T extends RunEvent> List<T> of(Class<T> type) {
            return events.stream().filter(type::isInstance).map(type::cast).toList();
        }

        @Override
        public void close() {
            session.close();
            unit.close();
        }
    }

    @Test
    void aCompletedRunDeliversEveryLineWithProgressThenOneFinished() throws Exception {
        try (Rig rig = Rig.start(FakeUnit.Script.COMPLETE, 1 << 20);
             ScanRun run = rig.session().run(program(5), rig.events()::add)) {
            RunResult r = run.await(WAIT).orElseThrow();
            assertThat(r.reason()).isEqualTo(Reason.COMPLETED);
            assertThat(r.completed()).isTrue();
            assertThat(r.lines()).isEqualTo(5);
            assertThat(rig.of(RunEvent.LineReceived.class)).extracting(l -> l.line().scanCounter()).containsExactly(0L, 1L, 2L, 3L, 4L);
            assertThat(rig.of(RunEvent.Progress.class).getLast()).isEqualTo(new RunEvent.Progress(5, 5));
            assertThat(rig.events().getLast()).isEqualTo(new RunEvent.Finished(r));
            assertThat(rig.of(RunEvent.Finished.class)).hasSize(1);
            assertThat(rig.session().activeRun()).isEmpty();
        }
    }

    @Test
    void aResumeRefusedBecauseTheProgramEndedMeanwhileLetsTheStatusFinishTheRun() throws Exception {
        try (Rig rig = Rig.start(FakeUnit.Script.ENDS_WHILE_PAUSED, 1 << 20);
             ScanRun run = rig.session().run(program(3), rig.events()::add)) {
            RunResult r = run.await(WAIT).orElseThrow();
            assertThat(r.reason()).as(r.toString()).isEqualTo(Reason.COMPLETED);
            assertThat(r.lines()).isEqualTo(3);
            assertThat(rig.unit().received).anyMatch(m -> m instanceof Message.Resume);
        }
    }

    @Test
    void aProgramLongerThanTheMemoryIsStreamedInSegmentsAndCompletes() throws Exception {
        DeviceProgram p = program(40);
        int memory = (int) (ProgramSegments.imageBytes(p) / 3);
        try (Rig rig = Rig.start(FakeUnit.Script.COMPLETE, memory);
             ScanRun run = rig.session().run(p, rig.events()::add)) {
            RunResult r = run.await(WAIT).orElseThrow();
            assertThat(r.completed()).as(r.toString()).isTrue();
            assertThat(rig.unit().received).filteredOn(m -> m instanceof Message.StreamNext).hasSizeGreaterThanOrEqualTo(5);
            assertThat(rig.of(RunEvent.LineReceived.class)).hasSize(40);
        }
    }

    @Test
    void anInterlockTripJoinsTheRunSendsAbortAndWinsOverTheUnitsAbortedDone() throws Exception {
        try (Rig rig = Rig.start(FakeUnit.Script.HOLD_AFTER_TWO_LINES, 1 << 20);
             ScanRun run = rig.session().run(program(10), rig.events()::add)) {
            awaitLines(run, 2);
            InterlockEvent trip = new InterlockEvent(GpioInput.DOOR_CLOSED, Instant.now(), "door open (DOOR_CLOSED is LOW) during scan");
            rig.session().interlockTripped(trip);
            RunResult r = run.await(WAIT).orElseThrow();
            assertThat(r.reason()).isEqualTo(Reason.INTERLOCK);
            assertThat(r.detail()).contains("door open");
            assertThat(r.lines()).isEqualTo(2);
            assertThat(rig.unit().sawAbort()).isTrue();
            assertThat(rig.of(RunEvent.InterlockTripped.class)).containsExactly(new RunEvent.InterlockTripped(trip));
            assertThat(rig.events().getLast()).isInstanceOf(RunEvent.Finished.class);
        }
    }

    @Test
    void aUnitSilentAfterTheInterlockAbortDoesNotHoldTheRun() throws Exception {
        try (Rig rig = Rig.start(FakeUnit.Script.SILENT_AFTER_ABORT, 1 << 20);
             ScanRun run = rig.session().run(program(10), rig.events()::add)) {
            awaitLines(run, 2);
            rig.session().interlockTripped(new InterlockEvent(GpioInput.EMERGENCY_STOP, Instant.now(), "emergency stop pressed"));
            RunResult r = run.await(Duration.ofMillis(ScanRun.TRIP_DONE_WAIT_MS + 2000)).orElseThrow();
            assertThat(r.reason()).isEqualTo(Reason.INTERLOCK);
            assertThat(r.detail()).contains("no DONE");
        }
    }

    @Test
    void theCallersAbortEndsTheRunAsAborted() throws Exception {
        try (Rig rig = Rig.start(FakeUnit.Script.HOLD_AFTER_TWO_LINES, 1 << 20);
             ScanRun run = rig.session().run(program(10), rig.events()::add)) {
            awaitLines(run, 2);
            run.abort("operator");
            RunResult r = run.await(WAIT).orElseThrow();
            assertThat(r.reason()).isEqualTo(Reason.ABORTED);
            assertThat(r.completed()).isFalse();
            assertThat(r.lines()).isEqualTo(2);
        }
    }

    @Test
    void anUnderrunIsReportedAsSuchWithTheUnitsEvent() throws Exception {
        Ended e = runToEnd(FakeUnit.Script.UNDERRUN_AFTER_TWO_LINES);
        assertThat(e.result().reason()).isEqualTo(Reason.UNDERRUN);
        assertThat(e.result().detail()).startsWith("program underrun: segment 1 not in memory");
        assertThat(e.unitEvents()).extracting(RunEvent.UnitEvent::name).contains("program underrun");
    }

    @Test
    void theBoardsOwnInterlockEndsTheRunAsInterlockEvenWhenAFaultFollows() throws Exception {
        Ended e = runToEnd(FakeUnit.Script.INTERLOCK_THEN_FAULT_AFTER_TWO_LINES);
        assertThat(e.result().reason()).isEqualTo(Reason.INTERLOCK);
        assertThat(e.result().detail()).isEqualTo("interlock: door open");
        assertThat(e.unitEvents()).extracting(RunEvent.UnitEvent::name).contains("interlock", "amplifier fault");
    }

    private record Ended(RunResult result, List<RunEvent.UnitEvent> unitEvents) {
    }

    /** Plays a 10-line program on a board following {@code script} until the run ends by itself. */
    private static Ended runToEnd(FakeUnit.Script script) throws Exception {
        try (Rig rig = Rig.start(script, 1 << 20);
             ScanRun run = rig.session().run(program(10), rig.events()::add)) {
            return new Ended(run.await(WAIT).orElseThrow(), rig.of(RunEvent.UnitEvent.class));
        }
    }

    @Test
    void aSecondRunIsRefusedWhileTheFirstPlaysAndClosingTheFirstFreesTheSession() throws Exception {
        try (Rig rig = Rig.start(FakeUnit.Script.HOLD_AFTER_TWO_LINES, 1 << 20)) {
            ScanRun first = rig.session().run(program(10), RunListener.NONE);
            assertThatThrownBy(() -> rig.session().run(program(3), RunListener.NONE)).isInstanceOf(DeviceException.class)
                    .hasMessageContaining("still running");
            first.close();
            assertThat(first.isFinished()).isTrue();
            assertThat(rig.session().activeRun()).isEmpty();
        }
    }

    @Test
    void aLostLinkEndsTheRunWithLinkLost() throws Exception {
        InMemoryTransport[] pair = InMemoryTransport.pair();
        FakeUnit unit = new FakeUnit(pair[1], FakeUnit.Script.SILENT_AFTER_ABORT, 1 << 20);
        try (unit; ScannerSession s = ScannerSession.open(pair[0], new ScannerSession.Options(2000, 50, 20, 100, 300))) {
            s.hello("test");
            ScanRun run = s.run(program(10), RunListener.NONE);
            awaitLines(run, 2);
            unit.close();
            RunResult r = run.await(WAIT).orElseThrow();
            assertThat(r.reason()).isEqualTo(Reason.LINK_LOST);
            assertThat(r.lines()).isEqualTo(2);
            // operators read this (scan.json, the series): it says what happened, not which device
            assertThat(r.detail()).contains("closed by the other end").doesNotContain(pair[0].describe());
        }
    }

    private static void awaitLines(ScanRun run, long n) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (run.linesReceived() < n) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting for " + n + " lines");
            Thread.sleep(5);
        }
    }
}
