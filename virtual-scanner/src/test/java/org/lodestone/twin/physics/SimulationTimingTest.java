package org.lodestone.twin.physics;

import org.junit.jupiter.api.Test;
import org.lodestone.hw.program.DeviceProgram;
import org.lodestone.twin.TestPrograms;

import static org.assertj.core.api.Assertions.assertThat;

/** Measures the simulation of a 128-line 128×128 spin echo (FOV 240 mm, 150 Hz/px, TR 500 ms). */
class SimulationTimingTest {
    @Test
    void spinEcho128() {
        DeviceProgram p = TestPrograms.spinEchoImaging(128, 240, 500, 52.1);
        try (ScannerModel m = ScannerModel.forSeed(1)) {
            double[] s = new double[2];
            int iso = 0;
            for (int run = 0; run < 2; run++) {
                long t0 = System.nanoTime();
                ScanSimulation scan = m.newScan(p, m.defaultSettings(), run);
                assertThat(scan.runAll()).hasSize(128);
                s[run] = (System.nanoTime() - t0) / 1e9;
                iso = scan.isochromats();
            }
            System.out.printf("128x128 SE (%d blocks, %d isochromats, %d threads): %.2f s cold, %.2f s warm; program %.1f s%n",
                    p.blocks().size(), iso, m.threads(), s[0], s[1], p.durationSeconds());
            assertThat(s[1]).isLessThan(p.durationSeconds()); // faster than real time
        }
    }
}
