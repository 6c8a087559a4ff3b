package org.lodestone.twin.bench;

import org.lodestone.hw.program.DeviceProgram;
import org.lodestone.twin.physics.ScanSimulation;
import org.lodestone.twin.physics.ScannerModel;

/**
 * Real-time factor of the twin (simulation wall time / program time; below 1 = faster than the
 * scan) for the default unit (seed 1, 3D head, two coils, 2 threads). Arguments pick the scans:
 * se128, se256, tse3d (default: all three); {@code scan@S} runs only its first S seconds of program. Each 2D scan is run twice and the second (warm) run counts.
 */
public final class RealTimeFactor {
    private RealTimeFactor() {
    }

    public static void main(String[] args) {
        String[] which = args.length == 0 ? new String[] {"se128", "se256", "tse3d"} : args;
        printHeader();
        try (ScannerModel m = benchUnit()) {
            for (String arg : which) run(m, arg, null);
        }
    }

    /** The bench's unit: seed 1, 3D head, two coils, 2 threads. */
    static ScannerModel benchUnit() {
        return new ScannerModel(org.lodestone.twin.physics.HiddenParameters.fromSeed(1),
                org.lodestone.twin.phantom.EllipsoidPhantom.head(), ScannerModel.DEFAULT_NOISE_STD, 2);
    }

    static void printHeader() {
        System.out.printf("%-40s %10s %10s %8s %12s %10s%n", "scan", "program s", "sim s", "RTF", "isochromats", "CPU s");
    }

    /**
     * One bench scan by name ("scan@S": only its first S seconds of program, the same grid, for a quick or profiled
     * figure); {@code program} is given for scans built elsewhere (the protocols, see the test-scope ProtocolRealTimeFactor).
     */
    static void run(ScannerModel m, String arg, DeviceProgram program) {
        String w = arg.contains("@") ? arg.substring(0, arg.indexOf('@')) : arg;
        double prefixS = arg.contains("@") ? Double.parseDouble(arg.substring(arg.indexOf('@') + 1)) : Double.POSITIVE_INFINITY;
        if (program != null) {
            run(m, "protocol " + w + " (defaults, compiled)", program, 1, prefixS);
            return;
        }
        switch (w) {
            case "se128" -> run(m, "2D SE 128x128, TR 500, 150 Hz/px", BenchPrograms.spinEcho2d(128, 240, 500, 52.1), 2, prefixS);
            case "se256" -> run(m, "2D SE 256x256, TR 500, 150 Hz/px", BenchPrograms.spinEcho2d(256, 240, 500, 26.0), 2, prefixS);
            case "tse3d" -> run(m, "3D TSE 128x128x32, ETL 8, TR 1000", BenchPrograms.tse3d(128, 128, 32, 240, 160, 8, 10, 1000, 20), 1, prefixS);
            default -> throw new IllegalArgumentException("unknown scan " + w + " (se128, se256, tse3d; p:PROTOCOL with the test classes)");
        }
    }

    private static void run(ScannerModel m, String name, DeviceProgram p, int repeats, double prefixS) {
        double best = 0;
        double programS = 0;
        int iso = 0;
        double cpu = 0;
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        for (int r = 0; r < repeats; r++) {
            long c0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            ScanSimulation s = m.newScan(p, m.defaultSettings(), r);
            while (s.nextBlock() < s.blockCount() && s.blockStartS(s.nextBlock()) < prefixS) s.simulateNextBlock();
            best = (System.nanoTime() - t0) / 1e9;
            cpu = (os.getProcessCpuTime() - c0) / 1e9; // on a contended machine, compare CPU seconds too
            programS = s.nextBlock() < s.blockCount() ? s.blockStartS(s.nextBlock()) : p.durationSeconds();
            iso = s.isochromats();
        }
        if (programS < p.durationSeconds()) name += String.format(" (first %.0f s)", programS);
        System.out.printf("%-40s %10.1f %10.2f %8.4f %12d %10.2f%n", name, programS, best, best / programS, iso, cpu);
    }
}
