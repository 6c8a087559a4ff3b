package org.lodestone.hw.gpio.bench;

import com.pi4j.context.Context;
import org.lodestone.hw.gpio.GpioBusServer;
import org.lodestone.hw.gpio.GpioConfig;
import org.lodestone.hw.gpio.GpioInput;
import org.lodestone.hw.gpio.GpioOutput;
import org.lodestone.hw.gpio.InterlockGuard;
import org.lodestone.hw.gpio.UnitGpio;
import org.lodestone.hw.gpio.VirtualGpioProvider;
import org.lodestone.hw.link.FramedLink;
import org.lodestone.hw.link.TcpTransport;
import org.lodestone.hw.wire.Message;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Door-open-to-safe latency over the virtual GPIO bus. Each trial: the bus server flips the door
 * input at t0; t1 is when a stand-in sequencer board, at the far end of a real {@link FramedLink}
 * over loopback TCP, has decoded the ABORT the guard's action sent; t2 is when the bus server has
 * read both enables low. Prints min/median/p99/max of t1-t0 and t2-t0.
 * <pre>
 * java -cp hardware-drivers/target/classes:hardware-drivers/target/test-classes:$(cat /tmp/hw-cp.txt) \
 *      org.lodestone.hw.gpio.bench.InterlockLatency [trials]
 * </pre>
 */
public final class InterlockLatency {
    private static final Duration WAIT = Duration.ofSeconds(2);

    public static void main(String[] args) throws Exception {
        int trials = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int warmup = 30;
        GpioConfig cfg = GpioConfig.defaults();
        AtomicReference<CompletableFuture<Long>> abortSeen = new AtomicReference<>(new CompletableFuture<>());

        try (GpioBusServer bus = GpioBusServer.start(0);
             ServerSocket boardListener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            for (GpioInput in : GpioInput.values()) bus.setInput(in.name(), cfg.highWhen(in, in.safeWhenActive()));

            // Stand-in sequencer board: notes the moment an ABORT is decoded.
            Socket hostSide = new Socket(InetAddress.getLoopbackAddress(), boardListener.getLocalPort());
            Socket boardSide = boardListener.accept();
            FramedLink board = new FramedLink(new TcpTransport(boardSide, 50), new FramedLink.Handler() {
                @Override
                public void onMessage(long seq, Message m) {
                    if (m instanceof Message.Abort) abortSeen.get().complete(System.nanoTime());
                }

                @Override
                public void onClosed(String reason) {
                }
            }, "board").start();
            FramedLink host = new FramedLink(new TcpTransport(hostSide, 50), new FramedLink.Handler() {
                @Override
                public void onMessage(long seq, Message m) {
                }

                @Override
                public void onClosed(String reason) {
                }
            }, "host").start();

            Context ctx = VirtualGpioProvider.connect("127.0.0.1", bus.port()).newContext();
            try (UnitGpio gpio = new UnitGpio(ctx, cfg);
                 InterlockGuard guard = new InterlockGuard(gpio, e -> host.send(new Message.Abort("interlock: " + e.detail())))) {
                long[] abort = new long[trials];
                long[] safe = new long[trials];
                for (int t = -warmup; t < trials; t++) {
                    // Close the door and arm.
                    bus.setInput(GpioInput.DOOR_CLOSED.name(), cfg.highWhen(GpioInput.DOOR_CLOSED, true));
                    waitUntil(gpio::doorClosed);
                    Optional<String> refused = guard.armForScan();
                    if (refused.isPresent()) throw new IllegalStateException(refused.get());
                    bus.awaitOutput(GpioOutput.RF_ENABLE.name(), true, WAIT);
                    bus.awaitOutput(GpioOutput.GRADIENT_ENABLE.name(), true, WAIT);
                    CompletableFuture<Long> seen = new CompletableFuture<>();
                    abortSeen.set(seen);
                    Thread.sleep(2); // let the arm settle so trials do not overlap

                    long t0 = System.nanoTime();
                    bus.setInput(GpioInput.DOOR_CLOSED.name(), cfg.highWhen(GpioInput.DOOR_CLOSED, false));
                    long t1 = seen.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
                    long rf = bus.awaitOutput(GpioOutput.RF_ENABLE.name(), false, WAIT).nanoTime();
                    long grad = bus.awaitOutput(GpioOutput.GRADIENT_ENABLE.name(), false, WAIT).nanoTime();
                    if (t >= 0) {
                        abort[t] = t1 - t0;
                        safe[t] = Math.max(rf, grad) - t0;
                    }
                }
                System.out.printf("interlock latency over the virtual GPIO bus, %d trials (%d warm-up), JDK %s%n",
                        trials, warmup, Runtime.version());
                print("door open -> ABORT decoded by board (t1-t0)", abort);
                print("door open -> both enables low at bus (t2-t0)", safe);
            } finally {
                ctx.shutdown();
                host.close();
                board.close();
            }
        }
    }

    private static void print(String what, long[] nanos) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        int p99 = (int) Math.ceil(0.99 * s.length) - 1;
        System.out.printf("%-46s min %7.3f  median %7.3f  p99 %7.3f  max %7.3f ms%n", what,
                ms(s[0]), ms(s[s.length / 2]), ms(s[p99]), ms(s[s.length - 1]));
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    private static void waitUntil(java.util.function.BooleanSupplier c) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!c.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new IllegalStateException("timed out");
            Thread.sleep(1);
        }
    }
}
