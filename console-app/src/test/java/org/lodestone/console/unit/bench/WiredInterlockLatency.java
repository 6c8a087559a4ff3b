package org.lodestone.console.unit.bench;

import org.lodestone.scan.ScanService;
import org.lodestone.console.unit.Units;
import org.lodestone.scan.unit.UnitConnection;
import org.lodestone.twin.launch.PtyPair;
import org.lodestone.twin.launch.RunningTwin;
import org.lodestone.twin.launch.TwinLauncher;
import org.lodestone.twin.launch.TwinOptions;
import org.lodestone.hw.gpio.GpioBusServer;
import org.lodestone.hw.gpio.GpioConfig;
import org.lodestone.hw.gpio.GpioInput;
import org.lodestone.hw.gpio.GpioOutput;
import org.lodestone.hw.gpio.InterlockGuard;
import org.lodestone.hw.link.SerialTransport;
import org.lodestone.hw.link.Transport;
import org.lodestone.hw.program.DeviceProgram;
import org.lodestone.hw.gpio.Armed;
import org.lodestone.hw.session.RunEvent;
import org.lodestone.hw.session.RunResult;
import org.lodestone.hw.session.ScanRun;
import org.lodestone.hw.wire.Frame;
import org.lodestone.hw.wire.FrameDecoder;
import org.lodestone.hw.wire.Message;
import org.lodestone.hw.wire.MessageCodec;
import org.lodestone.hw.wire.MessageType;
import org.lodestone.hw.wire.ProtocolException;
import org.lodestone.seq.compile.SequenceCompiler;
import org.lodestone.seq.protocol.ProtocolLibrary;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Interlock latency through the console's own wiring: UnitConnection's Pi4J context on a GPIO
 * bus (the project's virtual provider), its InterlockGuard, and its trip action sending ABORT over
 * a real pty pair to the virtual scanner process, which is running a scan at real-time pace.
 * <p>
 * console ⇄ [socat pty] ⇄ tap ⇄ [socat pty] ⇄ simulator process. The tap copies bytes both ways
 * and decodes the host's frames, so t1 is when the ABORT has crossed the console's serial line.
 * The bus server here is the same class the twin embeds for its wiring; owning it in this process
 * gives t0 (door opens) and t2 (both enables read low on the bus) on one clock.
 * Each trial: close the door, arm, START, wait for the first line, open the door, wait for DONE.
 * Prints min/median/p99/max of t1-t0 and t2-t0; goal p99 ≤ 10 ms. Run with
 * {@code console-app/bench/interlock-latency.sh [trials]}.
 */
public final class WiredInterlockLatency {
    private static final Duration WAIT = Duration.ofSeconds(5);

    public static void main(String[] args) throws Exception {
        int trials = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int warmup = 10;
        Path dir = Files.createTempDirectory("lodestone-latency-");
        List<AutoCloseable> closeAtEnd = new ArrayList<>();
        GpioConfig cfg = GpioConfig.defaults();
        AtomicReference<CompletableFuture<Long>> abortSeen = new AtomicReference<>(new CompletableFuture<>());
        try (GpioBusServer bus = GpioBusServer.start(0)) {
            for (GpioInput in : GpioInput.values()) bus.setInput(in.name(), cfg.highWhen(in, in.safeWhenActive()));
            // the twin and its pair from the launcher; the console's own pair in front of it, the tap between
            RunningTwin twin = TwinLauncher.start(TwinOptions.defaults());
            closeAtEnd.add(twin);
            PtyPair consoleLine = PtyPair.open(dir.resolve("ttyHost"), dir.resolve("ttyTap"));
            closeAtEnd.add(consoleLine);
            Path host = consoleLine.host();
            Transport a = SerialTransport.open(consoleLine.device().toString(), SerialTransport.Settings.DEFAULT);
            Transport b = SerialTransport.open(twin.portSpec(), SerialTransport.Settings.DEFAULT);
            Thread.ofPlatform().daemon().name("tap-host-device").start(() -> tap(a, b, abortSeen));
            Thread.ofPlatform().daemon().name("tap-device-host").start(() -> tap(b, a, null));

            try (UnitConnection unit = Units.open(host.toString(), TwinOptions.defaults(),
                    new UnitConnection.GpioSetup("virtual:" + bus.port(), null))) {
                InterlockGuard guard = unit.interlocks().orElseThrow();
                var built = ProtocolLibrary.find("se2d").orElseThrow().build(Map.of("matrix", 64.0, "tr", 100.0), unit.profile());
                DeviceProgram program = SequenceCompiler.compile(built.sequence(), unit.profile());
                long[] abort = new long[trials];
                long[] safe = new long[trials];
                for (int t = -warmup; t < trials; t++) {
                    long t0, t1, t2;
                    bus.setInput(GpioInput.DOOR_CLOSED.name(), cfg.highWhen(GpioInput.DOOR_CLOSED, true));
                    long deadline = System.nanoTime() + WAIT.toNanos();
                    while (guard.blockingReason().isPresent()) {
                        if (System.nanoTime() > deadline) throw new IllegalStateException("door did not read closed");
                        Thread.sleep(1);
                    }
                    try (Armed armed = unit.arm()) {
                        CompletableFuture<Void> firstLine = new CompletableFuture<>();
                        ScanRun run = unit.session().run(program, e -> {
                            if (e instanceof RunEvent.LineReceived) firstLine.complete(null);
                        });
                        firstLine.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
                        CompletableFuture<Long> seen = new CompletableFuture<>();
                        abortSeen.set(seen);

                        t0 = System.nanoTime();
                        bus.setInput(GpioInput.DOOR_CLOSED.name(), cfg.highWhen(GpioInput.DOOR_CLOSED, false));
                        t1 = seen.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
                        long rf = bus.awaitOutput(GpioOutput.RF_ENABLE.name(), false, WAIT).nanoTime();
                        long grad = bus.awaitOutput(GpioOutput.GRADIENT_ENABLE.name(), false, WAIT).nanoTime();
                        t2 = Math.max(rf, grad);
                        RunResult r = run.await(WAIT).orElseThrow(() -> new IllegalStateException("no end of the run after the trip"));
                        if (r.reason() != RunResult.Reason.INTERLOCK) throw new IllegalStateException("run ended " + r);
                    }
                    if (t >= 0) {
                        abort[t] = t1 - t0;
                        safe[t] = t2 - t0;
                    }
                }
                System.out.printf("interlock latency, console wiring (UnitConnection + InterlockGuard over the virtual Pi4J provider)"
                        + " to the virtual scanner process over a socat pty, %d trials (%d warm-up), JDK %s, %d CPUs%n",
                        trials, warmup, Runtime.version(), Runtime.getRuntime().availableProcessors());
                print("door open -> ABORT crossed the serial line (t1-t0)", abort);
                print("door open -> both enables low on the bus (t2-t0)", safe);
                System.out.println("goal: p99 <= 10 ms for both");
            }
        } finally {
            for (AutoCloseable c : closeAtEnd.reversed()) c.close();
        }
        System.exit(0);
    }

    /** Copies from → to; on the host's side also decodes frames and notes when an ABORT has gone through. */
    private static void tap(Transport from, Transport to, AtomicReference<CompletableFuture<Long>> abortSeen) {
        byte[] buf = new byte[16384];
        FrameDecoder decoder = abortSeen == null ? null : new FrameDecoder();
        try {
            while (true) {
                int n = from.read(buf, 0, buf.length);
                if (n < 0) return;
                if (n == 0) continue;
                to.write(buf, 0, n);
                if (decoder == null) continue;
                long now = System.nanoTime();
                try {
                    decoder.feed(buf, 0, n);
                    for (Frame f = decoder.poll(); f != null; f = decoder.poll()) {
                        if (f.type() == MessageType.ABORT && MessageCodec.decode(f) instanceof Message.Abort) abortSeen.get().complete(now);
                    }
                } catch (ProtocolException e) {
                    // a bad frame is the link layer's business, not the tap's
                }
            }
        } catch (IOException e) {
            // closed at the end
        }
    }

    private static void print(String what, long[] nanos) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        int p99 = (int) Math.ceil(0.99 * s.length) - 1;
        System.out.printf("%-52s min %7.3f  median %7.3f  p99 %7.3f  max %7.3f ms%n", what,
                ms(s[0]), ms(s[s.length / 2]), ms(s[p99]), ms(s[s.length - 1]));
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}
