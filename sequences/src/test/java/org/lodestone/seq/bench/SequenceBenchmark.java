package org.lodestone.seq.bench;

import org.lodestone.hw.program.DeviceProgram;
import org.lodestone.hw.program.ProgramCodec;
import org.lodestone.seq.compile.SequenceCompiler;
import org.lodestone.seq.limits.UnitProfile;
import org.lodestone.seq.model.Sequence;
import org.lodestone.seq.protocol.BuiltProtocol;
import org.lodestone.seq.protocol.TurboSpinEcho;
import org.lodestone.seq.pulseq.PulseqReader;
import org.lodestone.seq.pulseq.PulseqWriter;
import org.lodestone.seq.report.SequenceReport;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Sequence benchmarks (a plain main, not a test; run by sequences/bench/run-bench.sh):
 * parse + check of the largest shared Pulseq file and of an exported 3D TSE .seq, and compile time
 * of a 3D TSE of more than 100 000 blocks (goal: under 1 s), each with its memory. Figures are the
 * median and best of several runs after warm-up; memory is bytes allocated by the run (the JVM's
 * per-thread counter) and the heap the result keeps after a GC.
 */
public final class SequenceBenchmark {
    private static final int RUNS = 7;

    public static void main(String[] args) throws Exception {
        Path shared = Path.of(args.length > 0 ? args[0] : "../shared/pulseq");
        UnitProfile unit = UnitProfile.PLANNING;
        Path largest;
        try (Stream<Path> s = Files.list(shared)) {
            largest = s.filter(p -> p.toString().endsWith(".seq")).max(Comparator.comparingLong(SequenceBenchmark::size)).orElseThrow();
        }
        System.out.printf("cores %d, max heap %d MB%n", Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
        measure("parse+check " + largest.getFileName() + " (" + size(largest) / 1024 + " KiB, largest shared file, research profile)",
                () -> SequenceReport.of(PulseqReader.read(largest).sequence(), UnitProfile.RESEARCH));

        BuiltProtocol tse = TurboSpinEcho.tse3d().build(Map.of(), unit);
        Path exported = Files.createTempFile("tse3d", ".seq");
        PulseqWriter.write(tse.sequence(), exported);
        measure(String.format("parse+check exported tse3d defaults (%d blocks, %d KiB, unit profile)", tse.sequence().blocks().size(),
                size(exported) / 1024), () -> SequenceReport.of(PulseqReader.read(exported).sequence(), unit));
        Files.delete(exported);

        BuiltProtocol big = TurboSpinEcho.tse3d().build(Map.of("matrix", 256.0, "partitions", 96.0, "etl", 16.0, "tr", 1500.0), unit);
        Sequence seq = big.sequence();
        DeviceProgram p = SequenceCompiler.compile(seq, unit);
        System.out.printf("tse3d 256×256×96 ETL 16: %d blocks, %.0f s of scan, program image %.1f MB%n", seq.blocks().size(),
                seq.duration(), ProgramCodec.encode(p).length / 1e6);
        measure("compile (limit check included) tse3d " + seq.blocks().size() + " blocks, goal < 1000 ms", () -> SequenceCompiler.compile(seq, unit));
        measure("compile into 1 MiB chunks, same sequence", () -> SequenceCompiler.compileChunks(seq, unit, 1 << 20));
    }

    interface Work {
        Object run() throws Exception;
    }

    private static void measure(String what, Work work) throws Exception {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().threadId();
        for (int i = 0; i < 2; i++) work.run(); // warm-up
        double[] ms = new double[RUNS];
        long allocated = 0, retained = 0;
        for (int i = 0; i < RUNS; i++) {
            System.gc();
            long heap0 = usedHeap();
            long a0 = threads.getThreadAllocatedBytes(tid);
            long t0 = System.nanoTime();
            Object result = work.run();
            ms[i] = (System.nanoTime() - t0) / 1e6;
            allocated = threads.getThreadAllocatedBytes(tid) - a0;
            System.gc();
            retained = usedHeap() - heap0;
            if (result == null) throw new IllegalStateException();
        }
        Arrays.sort(ms);
        System.out.printf("%-95s median %8.1f ms, best %8.1f ms, allocated %7.1f MB, result keeps %6.1f MB%n", what, ms[RUNS / 2], ms[0],
                allocated / 1e6, retained / 1e6);
    }

    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
