package org.lodestone.twin.bench;

import org.lodestone.hw.program.DeviceProgram;
import org.lodestone.twin.physics.ScanSimulation;
import org.lodestone.twin.physics.ScannerModel;

/**
 * Real-time factor of the twin (simulation wall time / program time; below 1 = faster than the
 * scan) for the default unit (seed 1, 3D head, two coils, 2 threads). Arguments pick the scans:
 * se128, se256, tse3d (default: all three). Each 2D scan is run twice and the second (warm) run counts.
 */
public final class RealTimeFactor {
    private RealTimeFactor() {
    }

    public static void main(String[] args) {
        String[] which = args.length == 0 ? new String[] {"se128", "se256", "tse3d"} : args;
        System.out.printf("%-40s %10s %10s %8s %12s%n", "scan", "program s", "sim s", "RTF", "isochromats");
        try (ScannerModel m = new ScannerModel(org.lodestone.twin.physics.HiddenParameters.fromSeed(1),
                org.lodestone.twin.phantom.EllipsoidPhantom.head(), ScannerModel.DEFAULT_NOISE_STD, 2)) {
            for (String w : which) {
                switch (w) {
                    case "se128" -> run(m, "2D SE 128x128, TR 500, 150 Hz/px", BenchPrograms.spinEcho2d(128, 240, 500, 52.1), 2);
                    case "se256" -> run(m, "2D SE 256x256, TR 500, 150 Hz/px", BenchPrograms.spinEcho2d(256, 240, 500, 26.0), 2);
                    case "tse3d" -> run(m, "3D TSE 128x128x32, ETL 8, TR 1000", BenchPrograms.tse3d(128, 128, 32, 240, 160, 8, 10, 1000, 20), 1);
                    default -> throw new IllegalArgumentException("unknown scan " + w + " (se128, se256, tse3d)");
                }
            }
        }
    }

    private static void run(ScannerModel m, String name, DeviceProgram p, int repeats) {
        double best = 0;
        int iso = 0;
        for (int r = 0; r < repeats; r++) {
            long t0 = System.nanoTime();
            ScanSimulation s = m.newScan(p, m.defaultSettings(), r);
            s.runAll();
            best = (System.nanoTime() - t0) / 1e9;
            iso = s.isochromats();
        }
        System.out.printf("%-40s %10.1f %10.2f %8.4f %12d%n", name, p.durationSeconds(), best, best / p.durationSeconds(), iso);
    }
}
