package org.lodestone.calibration.shim;

import org.junit.jupiter.api.Test;
import org.lodestone.calibration.run.Fid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The field map alone, on FIDs computed here from a known object and field. */
class ProjectionFieldMapTest {
    private static Fid fid(double gradient, double linear, double quadratic) {
        int n = 512;
        double dwell = 100e-6;
        float[] s = new float[2 * n];
        // an object off centre and lopsided (denser at +x), the case that biases a linewidth search
        for (int j = 0; j < 400; j++) {
            double x = -0.08 + 0.14 * j / 399.0;
            double rho = 1 + 5 * (x + 0.08);
            double f = (gradient + linear) * x + quadratic * x * x;
            for (int i = 0; i < n; i++) {
                double t = 300e-6 + i * dwell;
                double a = rho * Math.exp(-t / 0.08);
                s[2 * i] += (float) (a * Math.cos(2 * Math.PI * f * t));
                s[2 * i + 1] += (float) (a * Math.sin(2 * Math.PI * f * t));
            }
        }
        return new Fid(new float[][] {s}, dwell);
    }

    private static double map(double linear, double quadratic) {
        double g = 3000;
        return ProjectionFieldMap.estimate(fid(g, linear, quadratic), fid(-g, linear, quadratic)).slope() * g;
    }

    /**
     * What the shim relies on: no linear field reads as none, and the reading is proportional to
     * the linear field. The gain is below 1 (magnitude-spectrum tails stretch the matched positions);
     * the shim's secant round measures it on the unit.
     */
    @Test
    void readsZeroAsZeroAndRespondsLinearly() {
        double zero = map(0, 0), a = map(250, 0), b = map(500, 0);
        System.out.printf("map: %.1f, %.1f, %.1f Hz/m for 0, 250, 500%n", zero, a, b);
        assertEquals(0, zero, 10);
        double gain = (a - zero) / 250;
        assertTrue(gain > 0.5 && gain < 1.05, "gain " + gain);
        assertEquals(a - zero, b - a, 0.05 * (a - zero), "linear response");
    }

    @Test
    void aStrongQuadraticFieldOnALopsidedObjectLeavesTheResponse() {
        // 4000 Hz/m² is beyond the twin's range; the map then reads an offset (printed), but still
        // responds to the linear field with the same gain, so the secant round still converges
        double q = 4000, zero = map(0, q), a = map(250, q);
        System.out.printf("map with a quadratic field: %.1f for 0, %.1f for 250 Hz/m%n", zero, a);
        double gain = (a - zero) / 250, plainGain = (map(250, 0) - map(0, 0)) / 250;
        assertEquals(plainGain, gain, 0.1 * plainGain);
    }
}
