package org.lodestone.hw.session;

import org.lodestone.hw.link.FramedLink;
import org.lodestone.hw.link.InMemoryTransport;
import org.lodestone.hw.program.DeviceProgram;
import org.lodestone.hw.program.ProgramCodec;
import org.lodestone.hw.program.AdcCounters;
import org.lodestone.hw.wire.EventCode;
import org.lodestone.hw.wire.Message;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A minimal scripted board on an in-memory pair, for unit tests of the session: it decodes the
 * programs uploaded to it, plays the ADC windows of a started program (and of the segments queued
 * behind it) as one line each on its own thread, then says DONE. {@link Script} makes it stop
 * part-way (waiting for ABORT), underrun, or stay silent after ABORT.
 */
final class FakeUnit implements AutoCloseable {
    enum Script {
        COMPLETE, HOLD_AFTER_TWO_LINES, UNDERRUN_AFTER_TWO_LINES, SILENT_AFTER_ABORT,
        /** After two lines the board's own interlock fires, then an amplifier fault, then DONE with FAULT. */
        INTERLOCK_THEN_FAULT_AFTER_TWO_LINES,
        /** Plays every line, reports PAUSED, then refuses RESUME ("not running") and reports DONE by STATUS only. */
        ENDS_WHILE_PAUSED
    }

    final List<Message> received = new CopyOnWriteArrayList<>();
    private final FramedLink link;
    private final Script script;
    private final int memoryBytes;
    private final Map<Integer, ByteArrayOutputStream> images = new ConcurrentHashMap<>();
    private final BlockingQueue<Integer> queued = new LinkedBlockingQueue<>();
    private final CountDownLatch aborted = new CountDownLatch(1);
    private volatile Thread player;
    private volatile boolean streamed;
    private volatile int lastSegmentProgram = -1;
    /** ENDS_WHILE_PAUSED: what STATUS reports (0 = nothing yet), for the program and lines below. */
    private volatile int statusState;
    private volatile int statusProgram;
    private volatile long statusLines;

    FakeUnit(InMemoryTransport end, Script script, int memoryBytes) {
        this.script = script;
        this.memoryBytes = memoryBytes;
        this.link = new FramedLink(end, new FramedLink.Handler() {
            @Override
            public void onMessage(long seq, Message m) {
                received.add(m);
                handle(seq, m);
            }

            @Override
            public void onClosed(String reason) {
            }
        }, "fake-unit").start();
    }

    private void handle(long seq, Message m) {
        switch (m) {
            case Message.Hello h -> send(new Message.Capabilities("fake 1", "fake", 0.1, 4.26e6, 100, 1, 1, 1, 1e6, 1e9, 1e3,
                    1, 100, 100_000, 4096, memoryBytes, 1000, 200));
            case Message.UploadChunk c -> images.computeIfAbsent(c.programId(), k -> new ByteArrayOutputStream())
                    .writeBytes(c.chunk());
            case Message.StreamNext n -> {
                streamed = true;
                if (n.last()) lastSegmentProgram = n.segmentProgramId();
                queued.add(n.segmentProgramId());
            }
            case Message.Start s -> {
                player = Thread.ofPlatform().daemon().name("fake-unit-play").start(() -> play(s.programId()));
            }
            case Message.Abort a -> aborted.countDown();
            case Message.Heartbeat h when statusState != 0 -> {
                send(new Message.Status(seq, statusState, statusProgram, statusLines, Message.Done.COMPLETE, 0));
                return;
            }
            case Message.Resume r when script == Script.ENDS_WHILE_PAUSED -> {
                statusState = Message.Status.DONE; // the program ended between the PAUSED status and this RESUME
                send(new Message.Nack(seq, 4, "program " + r.programId() + " is not running"));
                return;
            }
            default -> { }
        }
        if (!(m instanceof Message.Abort && script == Script.SILENT_AFTER_ABORT)) send(new Message.Ack(seq));
    }

    private void play(int programId) {
        try {
            long line = 0;
            int segment = 0;
            int current = programId;
            while (true) {
                DeviceProgram p = ProgramCodec.decode(images.get(current).toByteArray());
                for (int i = 0; i < p.adcCount(); i++) {
                    if (line == 2 && script != Script.COMPLETE && script != Script.ENDS_WHILE_PAUSED) {
                        stopPartWay(programId, line);
                        return;
                    }
                    send(new Message.AcqData(line, line * 1000, AdcCounters.ZERO, 0, 1, 2, 1000, 4.26e6, new float[] {line, 0, 0, line}));
                    line++;
                }
                if (script == Script.ENDS_WHILE_PAUSED) {
                    statusProgram = programId;
                    statusLines = line;
                    statusState = Message.Status.PAUSED;
                    return; // no DONE message: only STATUS tells how it ended
                }
                if (!streamed || current == lastSegmentProgram) break;
                send(new Message.SegmentDone(programId, segment, current, p.adcCount()));
                Integer next = queued.poll(2, TimeUnit.SECONDS);
                if (next == null) break;
                current = next;
                segment++;
            }
            send(new Message.Done(programId, line, Message.Done.COMPLETE));
        } catch (InterruptedException e) {
            // closed mid-play
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void stopPartWay(int programId, long lines) throws InterruptedException {
        if (script == Script.UNDERRUN_AFTER_TWO_LINES) {
            send(new Message.Event(EventCode.PROGRAM_UNDERRUN, 0, "segment 1 not in memory"));
            send(new Message.Done(programId, lines, Message.Done.FAULT));
            return;
        }
        if (script == Script.INTERLOCK_THEN_FAULT_AFTER_TWO_LINES) {
            send(new Message.Event(EventCode.INTERLOCK, 0, "door open"));
            send(new Message.Event(EventCode.AMPLIFIER_FAULT, 0, "rf"));
            send(new Message.Done(programId, lines, Message.Done.FAULT));
            return;
        }
        aborted.await(5, TimeUnit.SECONDS);
        if (script == Script.HOLD_AFTER_TWO_LINES) send(new Message.Done(programId, lines, Message.Done.ABORTED));
    }

    boolean sawAbort() {
        return aborted.getCount() == 0;
    }

    private void send(Message m) {
        try {
            link.send(m);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        Thread p = player;
        if (p != null) p.interrupt();
        link.close();
    }
}
