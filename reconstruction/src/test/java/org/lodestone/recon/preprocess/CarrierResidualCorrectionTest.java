package org.lodestone.recon.preprocess;

import org.junit.jupiter.api.Test;
import org.lodestone.recon.mrd.Acquisition;
import org.lodestone.recon.mrd.AcquisitionFlag;
import org.lodestone.recon.mrd.AcquisitionHeader;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The carrier residual step on synthetic lines whose off-resonance is known. */
class CarrierResidualCorrectionTest {
    static final int NS = 64, CHANNELS = 2;
    static final double DWELL_S = 50e-6;

    /** A two-channel echo (a sinc: a block object), centred at sample NS/2, off resonance by r Hz, plus a gradient echo's TE phase. */
    static Acquisition line(long counter, long timeMs, float carrierHz, double rHz, double teS) {
        float[] d = new float[2 * CHANNELS * NS];
        for (int ch = 0; ch < CHANNELS; ch++) {
            for (int k = 0; k < NS; k++) {
                double x = (k - NS / 2) * 0.3;
                double mag = (ch + 1) * (x == 0 ? 1 : Math.sin(x) / x);
                double phi = 2 * Math.PI * rHz * ((k - NS / 2) * DWELL_S + teS) + 0.4 * ch;
                d[2 * (ch * NS + k)] = (float) (mag * Math.cos(phi));
                d[2 * (ch * NS + k) + 1] = (float) (mag * Math.sin(phi));
            }
        }
        float[] u = new float[AcquisitionHeader.USER_FLOATS];
        u[0] = carrierHz;
        AcquisitionHeader h = AcquisitionHeader.builder().scanCounter(counter).acquisitionTimeStamp(timeMs).numberOfSamples(NS)
                .channels(CHANNELS).centerSample(NS / 2).sampleTimeUs((float) (DWELL_S * 1e6)).userFloat(u).build();
        return new Acquisition(h, new float[0], d);
    }

    @Test
    void aLineOffResonanceComesBackToTheOnResonanceLineForSpinAndGradientEchoes() {
        for (double te : new double[] {0, 12e-3}) {
            Acquisition ideal = line(1, 0, 0, 0, te), off = line(1, 0, 0, 37.5, te);
            Acquisition fixed = new CarrierResidualCorrection(Map.of(1L, 37.5), te).apply(off);
            double err = 0, before = 0;
            for (int i = 0; i < ideal.data().length; i++) {
                err = Math.max(err, Math.abs(fixed.data()[i] - ideal.data()[i]));
                before = Math.max(before, Math.abs(off.data()[i] - ideal.data()[i]));
            }
            assertThat(before).as("the residual is visible, TE %s", te).isGreaterThan(0.05);
            assertThat(err).as("TE %s", te).isLessThan(1e-5);
            assertThat(fixed.header()).isEqualTo(off.header());
        }
    }

    @Test
    void aCarrierTrackOnAStraightLineNeedsNothingAndAStrayCarrierIsPulledBackToTheTrack() {
        List<Acquisition> lines = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            // the Larmor drifts 3 Hz per line (a 1 s TR); line 20's carrier was 24 Hz off it
            float carrier = 3f * i + (i == 20 ? 24f : 0f);
            lines.add(line(i, 1000L * i, carrier, 0, 0));
        }
        CarrierResidualCorrection c = CarrierResidualCorrection.fromCarrierTrack(lines, 4, 0);
        assertThat(c.residualHz(5)).isCloseTo(0, within(1e-6));
        assertThat(c.residualHz(35)).isCloseTo(0, within(1e-6));
        // the centred fit over 9 lines sees the stray one at 1/9 of its weight: −24·(1 − 1/9)
        assertThat(c.residualHz(20)).isCloseTo(-24 * 8 / 9.0, within(1e-3));
        assertThat(CarrierResidualCorrection.carrierMoved(lines)).isTrue();
        // a jump of more than a pixel's bandwidth (1 / (64 × 50 µs) = 312 Hz): lines within the window of it stay as acquired
        List<Acquisition> jumped = new ArrayList<>();
        for (int i = 0; i < 40; i++) jumped.add(line(i, 1000L * i, 3f * i + (i >= 20 ? 400f : 0f), 0, 0));
        CarrierResidualCorrection j = CarrierResidualCorrection.fromCarrierTrack(jumped, 4, 0);
        assertThat(j.residualHz(18)).isZero();
        assertThat(j.residualHz(23)).isZero();
        assertThat(j.residualHz(30)).isCloseTo(0, within(1e-6));
        assertThat(CarrierResidualCorrection.carrierMoved(List.of(line(0, 0, 5, 0, 0), line(1, 1, 5, 0, 0)))).isFalse();
    }

    @Test
    void noiseReadoutsAndUnknownLinesPassUnchanged() {
        Acquisition noise = line(3, 0, 10, 20, 0);
        noise = new Acquisition(noise.header().toBuilder().setFlag(AcquisitionFlag.IS_NOISE_MEASUREMENT).build(), new float[0], noise.data());
        CarrierResidualCorrection c = new CarrierResidualCorrection(Map.of(3L, 20.0), 0);
        assertThat(c.apply(noise)).isSameAs(noise);
        Acquisition other = line(4, 0, 10, 20, 0);
        assertThat(c.apply(other)).isSameAs(other);
    }
}
