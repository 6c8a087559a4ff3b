package org.lodestone.calibration.drift;

import org.junit.jupiter.api.Test;
import org.lodestone.hw.program.AdcCounters;
import org.lodestone.hw.wire.Message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The tracker's logic on synthetic echoes: prediction from temperature, and the coefficient refitted from repeated lines. */
class ScanDriftTrackingTest {
    static final int NS = 64;
    static final int DWELL_NS = 100_000;
    static final double F0 = 14.9e6, T0 = 30.0;

    /** An echo of line {@code ky}: an object-dependent phase, and e^{i2π·residual·t} from (Larmor − carrier). */
    static Message.AcqData line(long counter, int ky, int average, double carrierHz, double residualHz) {
        float[] d = new float[2 * NS];
        for (int k = 0; k < NS; k++) {
            double t = (k - NS / 2) * DWELL_NS * 1e-9;
            double mag = Math.exp(-Math.pow((k - NS / 2) / 6.0, 2)) / (1 + Math.abs(ky - 8));
            double ph = 0.7 * Math.sin(0.3 * k + ky) + 2 * Math.PI * residualHz * t;
            d[2 * k] = (float) (mag * Math.cos(ph));
            d[2 * k + 1] = (float) (mag * Math.sin(ph));
        }
        return new Message.AcqData(counter, 0, new AdcCounters(ky, 0, average, 0, 0, 0, 0, 0, 0), 0, 1, NS, DWELL_NS, carrierHz, d);
    }

    @Test
    void repeatedLinesRefitAWrongCoefficient() {
        double trueAlpha = -0.0011;
        ScanDriftTracking t = new ScanDriftTracking(new DriftTracker(F0, T0, -0.0012), F0);
        // first pass on resonance at T0, second 0.05 K warmer at a carrier 100 Hz off the new Larmor
        for (int ky = 0; ky < 16; ky++) t.observe(line(ky, ky, 0, F0, 0), T0);
        assertThat(t.coefficientPerK()).isEqualTo(-0.0012);
        double larmor1 = F0 * (1 + trueAlpha * 0.05), carrier = larmor1 - 100;
        for (int ky = 0; ky < 16; ky++) t.observe(line(16 + ky, ky, 1, carrier, larmor1 - carrier), T0 + 0.05);
        assertThat(t.coefficientPerK() / trueAlpha).isCloseTo(1.0, within(0.01));
        assertThat((boolean) t.summary().get("coefficient_refitted")).isTrue();
    }

    @Test
    void outerLinesAloneDoNotRefitAndTheCarrierFollowsTheTemperature() {
        ScanDriftTracking t = new ScanDriftTracking(new DriftTracker(F0, T0, -0.0012), F0);
        for (int ky = 0; ky < 2; ky++) t.observe(line(ky, ky, 0, F0, 0), T0);
        t.observe(line(2, 8, 0, F0, 0), T0); // the strong centre line, not yet repeated
        // a wildly wrong change on two weak outer lines must not set the coefficient
        for (int ky = 0; ky < 2; ky++) t.observe(line(3 + ky, ky, 1, F0, 3000), T0 + 0.05);
        assertThat(t.coefficientPerK()).isEqualTo(-0.0012);
        double sent = t.carrierHz();
        assertThat(sent).as("warmer NdFeB: lower frequency").isLessThan(F0 - 0.05 * 0.0012 * F0 * 0.9);
    }
}
