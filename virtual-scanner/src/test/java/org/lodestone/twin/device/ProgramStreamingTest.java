package org.lodestone.twin.device;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.lodestone.hw.program.DeviceProgram;
import org.lodestone.hw.session.AcquisitionListener;
import org.lodestone.hw.session.DeviceException;
import org.lodestone.hw.session.ScannerSession;
import org.lodestone.hw.wire.EventCode;
import org.lodestone.hw.wire.Message;
import org.lodestone.hw.wire.Message.AcqData;
import org.lodestone.hw.wire.Message.Done;
import org.lodestone.hw.wire.Message.StreamNext;
import org.lodestone.seq.compile.SequenceCompiler;
import org.lodestone.twin.bench.BenchPrograms;
import org.lodestone.twin.launch.InProcessTwin;
import org.lodestone.twin.physics.ScannerModel;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A program longer than the board's memory, streamed in segments over the wire to an in-process twin
 * whose board is small (docs/protocol.md, "Streaming"), when the host does not feed it in time. The
 * streamed scan that gives the raw data of the scan in one piece is console-app's
 * ProgramStreamingOnTheTwinTest (ScanService, child-process twin).
 */
class ProgramStreamingTest {
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void tearDown() throws Exception {
        for (AutoCloseable c : open.reversed()) c.close();
    }

    private record Unit(DeviceServer server, ScannerSession session) {
    }

    private Unit unit(double speed, int memoryBytes) throws Exception {
        InProcessTwin twin = InProcessTwin.start(ScannerModel.forSeed(4), new DeviceServer.Options(200, speed, null, 600), null, memoryBytes);
        DeviceServer server = twin.server();
        ScannerSession session = ScannerSession.open(twin.hostEnd());
        open.add(twin);
        open.add(session);
        session.hello("streaming test");
        return new Unit(server, session);
    }

    private record Scan(List<AcqData> lines, List<Message.Event> events, Done done) {
    }

    private static final class Collector implements AcquisitionListener {
        final List<AcqData> lines = new CopyOnWriteArrayList<>();
        final List<Message.Event> events = new CopyOnWriteArrayList<>();
        final CompletableFuture<Done> done = new CompletableFuture<>();
        volatile long underrunNanos;

        @Override
        public void onLine(AcqData line) {
            lines.add(line);
        }

        @Override
        public void onEvent(Message.Event e) {
            if (e.code() == EventCode.PROGRAM_UNDERRUN) underrunNanos = System.nanoTime();
            events.add(e);
        }

        @Override
        public void onDone(Done d) {
            done.complete(d);
        }

        @Override
        public void onLinkLost(String reason) {
            done.completeExceptionally(new IllegalStateException(reason));
        }

        Scan await() throws Exception {
            Done d = done.get(60, TimeUnit.SECONDS);
            return new Scan(List.copyOf(lines), List.copyOf(events), d);
        }
    }

    private static final DeviceProgram PROGRAM = BenchPrograms.spinEcho2d(24, 200, 40, 20);

    @Test
    void aSegmentThatDoesNotArriveInTimeGatesTheUnitOffAndEndsTheScanKeepingItsLines() throws Exception {
        long bytes = SequenceCompiler.imageBytes(PROGRAM);
        int memory = (int) (bytes / 3);
        List<DeviceProgram> segments = SequenceCompiler.cut(PROGRAM, memory / 2);
        Unit u = unit(1.0, memory);
        ScannerSession session = u.session();
        assertThat(session.capabilities().programMemoryBytes()).isEqualTo(memory);
        assertThatThrownBy(() -> session.upload(PROGRAM)).isInstanceOf(DeviceException.class)
                .hasMessageContaining("exceeds the " + memory + "-byte program memory");
        // A host that queues two segments and then never feeds the third.
        int first = session.upload(segments.get(0));
        int second = session.upload(segments.get(1));
        session.command(new StreamNext(first, 1, second, false));
        // memory is the board's: a third segment does not fit beside the two queued
        assertThatThrownBy(() -> session.upload(segments.get(2))).isInstanceOf(DeviceException.class)
                .hasMessageContaining("does not fit");
        Collector c = new Collector();
        long t0 = System.nanoTime();
        session.start(first, c);
        Scan got = c.await();
        double seconds = (c.underrunNanos - t0) / 1e9;
        System.out.printf("underrun reported %.3f s after START (scan ended after %.3f s); segments 0 and 1 play %.3f s%n", seconds,
                (System.nanoTime() - t0) / 1e9, segments.get(0).durationSeconds() + segments.get(1).durationSeconds());
        int played = segments.get(0).adcCount() + segments.get(1).adcCount();
        assertThat(got.done().status()).isEqualTo(Done.FAULT);
        assertThat(u.server().rfEnabled()).as("RF gated off").isFalse();
        assertThat(u.server().gradientsEnabled()).as("gradients gated off").isFalse();
        assertThat(got.events()).anySatisfy(e -> {
            assertThat(e.code()).isEqualTo(EventCode.PROGRAM_UNDERRUN);
            assertThat(e.detail()).contains("segment 2 of program " + first).contains("gated off");
        });
        assertThat(got.lines()).as("every line played is kept").hasSize(played);
        double playedS = segments.get(0).durationSeconds() + segments.get(1).durationSeconds();
        assertThat(seconds).as("underrun when the second segment ran out, not later").isBetween(playedS * 0.9, playedS + 2.0);
        // The unit is usable again: the next program runs.
        Collector again = new Collector();
        session.start(session.upload(segments.get(2)), again);
        assertThat(again.await().done().status()).isEqualTo(Done.COMPLETE);
    }
}
