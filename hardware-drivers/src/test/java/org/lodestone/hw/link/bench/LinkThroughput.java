package org.lodestone.hw.link.bench;

import org.lodestone.hw.link.FramedLink;
import org.lodestone.hw.link.SerialTransport;
import org.lodestone.hw.link.TcpTransport;
import org.lodestone.hw.link.Transport;
import org.lodestone.hw.program.AdcCounters;
import org.lodestone.hw.wire.LineFragments;
import org.lodestone.hw.wire.Message;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Streaming benchmark (a plain main, not a test): acquired lines (4 channels × 512 complex samples,
 * sent as ACQ_FRAGMENTs) from a "device" FramedLink to a "host" FramedLink, over a socat pty pair
 * and over TCP loopback, against a raw jSerialComm byte copy through the same kind of pty.
 * Prints payload MB/s, CPU ms per MB (whole process) and the ratio to the raw copy.
 * <pre>java -cp hardware-drivers/target/classes:hardware-drivers/target/test-classes:$(cat cp.txt) \
 *   --enable-native-access=ALL-UNNAMED org.lodestone.hw.link.bench.LinkThroughput [MB]</pre>
 */
public final class LinkThroughput {
    private static final int CHANNELS = 4, SAMPLES = 512;

    public static void main(String[] args) throws Exception {
        int mb = args.length > 0 ? Integer.parseInt(args[0]) : 64;
        // A second argument runs one path alone (raw, raw-two-way, pty, tcp), e.g. under strace.
        String only = args.length > 1 ? args[1] : "all";
        System.out.printf("payload per run: %d MB; line = %d channels × %d complex samples%n", mb, CHANNELS, SAMPLES);
        if (!only.equals("all")) {
            Result r = warmThenMeasure(only, mb);
            System.out.printf("%-52s %10.1f %14.1f%n", r.name, r.mbPerS(), r.cpuMsPerMb());
            return;
        }
        Result raw = warmThenMeasure("raw", mb);
        Result twoWay = warmThenMeasure("raw-two-way", mb);
        Result pty = warmThenMeasure("pty", mb);
        Result tcp = warmThenMeasure("tcp", mb);
        System.out.printf("%-52s %10s %14s %10s%n", "path", "MB/s", "CPU ms per MB", "vs raw");
        for (Result r : new Result[] {raw, twoWay, pty, tcp}) {
            System.out.printf("%-52s %10.1f %14.1f %9.0f%%%n", r.name, r.mbPerS(), r.cpuMsPerMb(), 100 * r.mbPerS() / raw.mbPerS());
        }
        System.out.println("reference: raw jSerialComm copy through the same socat pty, measured in this run (first line)."
                + " The second line is the same copy with a reader waiting on the writing end, as every two-way link has"
                + " (the framed device end listens for commands): the cost of that waiting reader alone.");
    }

    /**
     * Every path first runs untimed on its own pty or socket (the same payload), so the timed run measures a
     * console that has been up for a while, not the JIT compiling the code and the JVM growing its heap: cold, C2
     * compiling the framed code cost ~0.5 s CPU, and every fresh young-generation page was a page fault
     * (13 000 minor faults in 3 s of the framed reader and writer with a quarter-payload warm-up, none after
     * this one; the raw copy allocates nothing). Whichever framed path ran second used to get both for free.
     */
    private static Result warmThenMeasure(String path, int mb) throws Exception {
        run(path, mb);
        return run(path, mb);
    }

    private static Result run(String path, int mb) throws Exception {
        return switch (path) {
            case "raw" -> rawCopyOverPty(mb, false);
            case "raw-two-way" -> rawCopyOverPty(mb, true);
            case "pty" -> framedOverPty(mb);
            case "tcp" -> framedOverTcp(mb);
            default -> throw new IllegalArgumentException("path: raw, raw-two-way, pty or tcp, not " + path);
        };
    }

    record Result(String name, double mb, double seconds, double cpuMs) {
        double mbPerS() {
            return mb / seconds;
        }

        double cpuMsPerMb() {
            return cpuMs / mb;
        }
    }

    private static double cpuMs() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() / 1e6;
    }

    private static Process ptyPair(Path a, Path b) throws Exception {
        Process p = new ProcessBuilder("socat", "pty,raw,echo=0,link=" + a, "pty,raw,echo=0,link=" + b)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        for (int i = 0; i < 250 && !(Files.exists(a) && Files.exists(b)); i++) Thread.sleep(20);
        return p;
    }

    private static Result rawCopyOverPty(int mb, boolean readerOnWritingEnd) throws Exception {
        Path dir = Files.createTempDirectory("bench-raw");
        Process socat = ptyPair(dir.resolve("a"), dir.resolve("b"));
        try (SerialTransport a = SerialTransport.open(dir.resolve("a").toString(), SerialTransport.Settings.DEFAULT);
             SerialTransport b = SerialTransport.open(dir.resolve("b").toString(), SerialTransport.Settings.DEFAULT)) {
            long total = (long) mb << 20;
            byte[] chunk = new byte[16384];
            if (readerOnWritingEnd) {
                Thread.ofPlatform().daemon().start(() -> {
                    byte[] sink = new byte[65536];
                    try {
                        while (a.read(sink, 0, sink.length) >= 0) {
                            // nothing comes this way; the reader only waits, as the device's does
                        }
                    } catch (IOException ignored) {
                        // closed at the end
                    }
                });
            }
            Thread w = Thread.ofPlatform().start(() -> {
                try {
                    for (long s = 0; s < total; s += chunk.length) a.write(chunk, 0, chunk.length);
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
            double c0 = cpuMs();
            long t0 = System.nanoTime();
            byte[] in = new byte[65536];
            long got = 0;
            while (got < total) {
                int n = b.read(in, 0, in.length);
                if (n < 0) break;
                got += n;
            }
            double s = (System.nanoTime() - t0) / 1e9;
            w.join();
            return new Result(readerOnWritingEnd ? "raw copy, reader waiting on the writing end (pty)" : "raw jSerialComm byte copy (pty)",
                    got / 1048576.0, s, cpuMs() - c0);
        } finally {
            socat.destroy();
        }
    }

    private static Result framedOverPty(int mb) throws Exception {
        Path dir = Files.createTempDirectory("bench-framed");
        Process socat = ptyPair(dir.resolve("a"), dir.resolve("b"));
        try {
            return framed("framed ACQ_FRAGMENT stream (pty)", mb,
                    SerialTransport.open(dir.resolve("a").toString(), SerialTransport.Settings.DEFAULT),
                    SerialTransport.open(dir.resolve("b").toString(), SerialTransport.Settings.DEFAULT));
        } finally {
            socat.destroy();
        }
    }

    private static Result framedOverTcp(int mb) throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Socket client = new Socket(java.net.InetAddress.getLoopbackAddress(), server.getLocalPort());
            Socket accepted = server.accept();
            return framed("framed ACQ_FRAGMENT stream (TCP loopback)", mb, new TcpTransport(accepted, 50), new TcpTransport(client, 50));
        }
    }

    private static Result framed(String name, int mb, Transport deviceEnd, Transport hostEnd) throws Exception {
        float[] data = new float[2 * CHANNELS * SAMPLES];
        for (int i = 0; i < data.length; i++) data[i] = (float) Math.sin(i);
        long lineBytes = data.length * 4L;
        long lines = ((long) mb << 20) / lineBytes;
        AtomicLong payload = new AtomicLong();
        CountDownLatch done = new CountDownLatch(1);
        AtomicLong fragments = new AtomicLong();
        long expectedFragments = lines * LineFragments.split(line(0, data)).size();
        FramedLink host = new FramedLink(hostEnd, new FramedLink.Handler() {
            @Override
            public void onMessage(long seq, Message m) {
                if (m instanceof Message.AcqFragment f) {
                    payload.addAndGet(f.data().length * 4L);
                    if (fragments.incrementAndGet() == expectedFragments) done.countDown();
                }
            }

            @Override
            public void onClosed(String reason) {
                done.countDown();
            }
        }, "bench-host").start();
        FramedLink device = new FramedLink(deviceEnd, new FramedLink.Handler() {
            @Override
            public void onMessage(long seq, Message m) {
            }

            @Override
            public void onClosed(String reason) {
            }
        }, "bench-device").start();
        double c0 = cpuMs();
        long t0 = System.nanoTime();
        for (long i = 0; i < lines; i++) {
            device.sendAll(LineFragments.split(line(i, data))); // one write per line, as the device does
        }
        done.await();
        double s = (System.nanoTime() - t0) / 1e9;
        double cpu = cpuMs() - c0;
        device.close();
        host.close();
        return new Result(name, payload.get() / 1048576.0, s, cpu);
    }

    private static Message.AcqData line(long i, float[] data) {
        return new Message.AcqData(i, i, AdcCounters.ZERO, 0, CHANNELS, SAMPLES, 4000, 1.49e7, data);
    }
}
