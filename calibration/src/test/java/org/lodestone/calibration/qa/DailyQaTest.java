package org.lodestone.calibration.qa;

import org.junit.jupiter.api.Test;
import org.lodestone.calibration.run.CalibrationException;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The QA measures alone, on synthetic images whose SNR, uniformity, ghost and size are known. */
class DailyQaTest {
    static final int N = 64;
    static final double PX = 240.0 / N;

    /** A disc of the given diameter, signal 100 with a linear shading of ±shade, noise σ, and a ghost copy shifted along the phase rows. */
    static double[][] disc(double diameterMm, double shade, double sigma, double ghost, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] a = new double[N][N];
        double rad = diameterMm / 2 / PX;
        for (int y = 0; y < N; y++) {
            for (int x = 0; x < N; x++) {
                double d = Math.hypot(x - N / 2.0 + 0.5, y - N / 2.0 + 0.5);
                double v = Math.max(0, Math.min(1, rad - d + 0.5)) * 100 * (1 + shade * (x - N / 2.0) / rad);
                int gy = (y + N / 2) % N;
                double dg = Math.hypot(x - N / 2.0 + 0.5, gy - N / 2.0 + 0.5);
                v += ghost * Math.max(0, Math.min(1, rad - dg + 0.5)) * 100;
                a[y][x] = Math.abs(v + sigma * r.nextGaussian());
            }
        }
        return a;
    }

    @Test
    void measuresWhatWasPutIn() throws Exception {
        DailyQa.Result q = DailyQa.analyse(disc(170, 0.05, 2, 0, 1), disc(170, 0.05, 2, 0, 2), PX, DailyQa.Limits.DEFAULT);
        assertEquals(50, q.snr(), 5); // mean 100 / σ 2
        assertTrue(q.piuPercent() > 90 && q.piuPercent() < 97, "shading ±5 % at most: " + q.piuPercent());
        assertEquals(0, q.diameterErrorPercent(), 1.5);
        assertTrue(q.ghostingPercent() < 1, "no ghost put in: " + q.ghostingPercent());
        assertTrue(q.passed(), q.failures().toString());
    }

    @Test
    void aGhostAlongThePhaseDirectionFails() throws Exception {
        DailyQa.Result q = DailyQa.analyse(disc(170, 0, 2, 0.1, 1), disc(170, 0, 2, 0.1, 2), PX, DailyQa.Limits.DEFAULT);
        assertTrue(q.ghostingPercent() > 2.5, "ghost of 10 %: " + q.ghostingPercent());
        assertTrue(q.failures().stream().anyMatch(f -> f.startsWith("ghosting")), q.failures().toString());
    }

    @Test
    void anotherObjectIsNotTheUniformPhantom() {
        CalibrationException e = assertThrows(CalibrationException.class,
                () -> DailyQa.analyse(disc(120, 0, 2, 0, 1), disc(120, 0, 2, 0, 2), PX, DailyQa.Limits.DEFAULT));
        assertTrue(e.getMessage().contains("needs the uniform phantom"), e.getMessage());
        // the same failure in a form the window words in its own language: what, and the phantom's diameter
        assertEquals(org.lodestone.calibration.run.Reason.Code.QA_WRONG_PHANTOM, e.reason().code());
        assertTrue(e.getMessage().contains("(a " + e.reason().args().getFirst() + " mm sphere"), e.reason() + " / " + e.getMessage());
    }
}
