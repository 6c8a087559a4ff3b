package org.lodestone.calibration.tune;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The Lorentzian fit alone, on synthetic power curves with coupler-like noise. */
class CoilTuningTest {
    @Test
    void findsResonanceAndQThroughNoise() {
        SplittableRandom rnd = new SplittableRandom(3);
        double f0 = 14.93e6 + 37_300, q = 71;
        int n = 801;
        double[] f = new double[n], p = new double[n];
        for (int k = 0; k < n; k++) {
            f[k] = 14.93e6 - 400_000 + k * 1000;
            double x = 2 * q * (f[k] - f0) / f0;
            double gamma = Math.sqrt(1 - 0.97 / (1 + x * x)) + 0.002 * rnd.nextGaussian();
            p[k] = 1 - gamma * gamma;
        }
        double[] fit = CoilTuning.fitLorentzian(f, p);
        assertEquals(f0, fit[0], 200);
        assertEquals(q, fit[1], 1.5);
        assertEquals(0.97, fit[2], 0.01);
    }

    @Test
    void noResonanceInTheSweepIsNull() {
        int n = 201;
        double[] f = new double[n], p = new double[n];
        for (int k = 0; k < n; k++) {
            f[k] = 14e6 + k * 1000;
            // the skirt of a resonance far above the sweep: rising to the edge, no peak inside
            double x = 2 * 70 * (f[k] - 15e6) / 15e6;
            p[k] = 1 / (1 + x * x);
        }
        assertNull(CoilTuning.fitLorentzian(f, p));
    }
}
