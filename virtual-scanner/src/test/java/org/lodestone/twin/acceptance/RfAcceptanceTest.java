package org.lodestone.twin.acceptance;

import org.junit.jupiter.api.Test;
import org.lodestone.twin.TestPrograms;
import org.lodestone.twin.WireHarness;
import org.lodestone.twin.device.DeviceServer;
import org.lodestone.twin.phantom.EllipsePhantom;
import org.lodestone.twin.phantom.Tissue;
import org.lodestone.twin.physics.HiddenParameters;
import org.lodestone.twin.physics.RfCoil;
import org.lodestone.twin.physics.ScannerModel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Issue #4, RF and coils, over the wire: T2 decay of spin echoes, IR null, sin(α) with the hidden B1 scale, coil tuning, gain and ADC. */
class RfAcceptanceTest {
    static final Tissue T = new Tissue("test", 1.0, 0.300, 0.100, 0.100);

    private static WireHarness twin(HiddenParameters hp, double noise) throws Exception {
        return new WireHarness(new ScannerModel(hp, EllipsePhantom.disc(0.04, T), noise, 2), new DeviceServer.Options(200, 0));
    }

    private static double mag(WireHarness.Result r, int line, int sample) {
        return Math.hypot(r.re(line, 0, sample), r.im(line, 0, sample));
    }

    @Test
    void spinEchoAmplitudeFollowsT2() throws Exception {
        HiddenParameters hp = HiddenParameters.fromSeed(3);
        try (WireHarness w = twin(hp, ScannerModel.DEFAULT_NOISE_STD)) {
            w.session.setFrequency(hp.trueLarmorHz());
            double[] te = {20, 60, 120};
            double[] a = new double[te.length];
            for (int i = 0; i < te.length; i++) a[i] = mag(w.run(TestPrograms.spinEcho(te[i], 64, 20)), 0, 32);
            for (int i = 1; i < te.length; i++) {
                double expected = Math.exp(-(te[i] - te[0]) / 1e3 / T.t2S());
                System.out.printf("SE TE %.0f/%.0f ms: ratio %.4f, exp(-dTE/T2) %.4f%n", te[i], te[0], a[i] / a[0], expected);
                assertThat(a[i] / a[0]).isCloseTo(expected, within(0.02 * expected));
            }
        }
    }

    @Test
    void inversionRecoveryNullsAtT1Ln2() throws Exception {
        HiddenParameters hp = HiddenParameters.ideal(4);
        try (WireHarness w = twin(hp, ScannerModel.DEFAULT_NOISE_STD)) {
            double[] ti = {0.19, 0.20, 0.21, 0.22, 3.0};
            WireHarness.Result r = w.run(TestPrograms.inversionRecovery(ti, 3.0, 16, 10));
            // signed signal: projection on the phase of the fully recovered (TI = 3 s) FID, first 8 samples
            double[] s = new double[ti.length];
            double rr = 0, ri = 0;
            for (int n = 0; n < 8; n++) {
                rr += r.re(4, 0, n);
                ri += r.im(4, 0, n);
            }
            double rm = Math.hypot(rr, ri);
            for (int i = 0; i < ti.length; i++) {
                for (int n = 0; n < 8; n++) s[i] += (r.re(i, 0, n) * rr + r.im(i, 0, n) * ri) / rm;
            }
            double nul = Double.NaN;
            for (int i = 0; i + 1 < 4; i++) {
                if (s[i] <= 0 && s[i + 1] > 0) nul = ti[i] + (ti[i + 1] - ti[i]) * (-s[i]) / (s[i + 1] - s[i]);
            }
            System.out.printf("IR null at TI = %.2f ms, T1 ln2 = %.2f ms%n", nul * 1e3, T.t1S() * Math.log(2) * 1e3);
            assertThat(nul).isCloseTo(T.t1S() * Math.log(2), within(0.02 * T.t1S() * Math.log(2)));
        }
    }

    @Test
    void fidFollowsSinOfTheTrueFlipAngle() throws Exception {
        double scale = 1.07;
        HiddenParameters hp = HiddenParameters.ideal(5).with(HiddenParameters.ideal(5).coil().withRfScale(scale));
        try (WireHarness w = twin(hp, ScannerModel.DEFAULT_NOISE_STD)) {
            double[] flips = {20, 45, 70, 90, 110};
            double[] starts = new double[flips.length];
            for (int i = 0; i < flips.length; i++) starts[i] = 2.0 * i;
            WireHarness.Result r = w.run(TestPrograms.fids(starts, flips, 16, 10));
            double[] ratio = new double[flips.length];
            double[] ratioNominal = new double[flips.length];
            for (int i = 0; i < flips.length; i++) {
                double a = mag(r, i, 0);
                ratio[i] = a / Math.sin(Math.toRadians(flips[i] * scale));
                ratioNominal[i] = a / Math.sin(Math.toRadians(flips[i]));
            }
            System.out.printf("signal / sin(%.2f α): %s%n", scale, java.util.Arrays.toString(ratio));
            assertThat(spread(ratio)).isLessThan(0.02);
            assertThat(spread(ratioNominal)).isGreaterThan(0.05); // the scale is visible
        }
    }

    static double spread(double[] v) {
        double lo = Double.MAX_VALUE, hi = -Double.MAX_VALUE;
        for (double x : v) {
            lo = Math.min(lo, x);
            hi = Math.max(hi, x);
        }
        return hi / lo - 1;
    }

    @Test
    void detunedCoilLosesSignalAndFlipAngleByALorentzian() throws Exception {
        HiddenParameters hp = HiddenParameters.fromSeed(8).withoutInhomogeneity();
        RfCoil coil = hp.coil();
        double f = hp.trueLarmorHz();
        try (WireHarness w = twin(hp, 0)) {
            w.session.setFrequency(f);
            int best = coil.bestTuneCode(hp.nominalLarmorHz(), f);
            double halfWidthCodes = f / (2 * coil.q()) / coil.tuneHzPerCode(); // |H| = 1/√2 there
            int[] codes = {best, best + (int) Math.round(halfWidthCodes), best - (int) Math.round(2 * halfWidthCodes)};
            double[] s = new double[codes.length];
            double[] h = new double[codes.length];
            for (int i = 0; i < codes.length; i++) {
                w.session.command(new org.lodestone.hw.wire.Message.TuneCoil(codes[i], coil.matchOptimumCode()));
                s[i] = mag(w.run(TestPrograms.fids(new double[] {0}, new double[] {30}, 16, 10)), 0, 0);
                double fr = coil.resonanceHz(hp.nominalLarmorHz(), codes[i]);
                h[i] = 1 / Math.sqrt(1 + Math.pow(2 * coil.q() * (f - fr) / fr, 2));
            }
            for (int i = 1; i < codes.length; i++) {
                // receive × transmit: H·sin(α·H·scale)
                double expected = h[i] * Math.sin(Math.toRadians(30 * h[i] * coil.rfScale()))
                        / (h[0] * Math.sin(Math.toRadians(30 * h[0] * coil.rfScale())));
                System.out.printf("tune %d: |H| %.3f, signal ratio %.4f (expected %.4f)%n", codes[i], h[i], s[i] / s[0], expected);
                assertThat(s[i] / s[0]).isCloseTo(expected, within(0.02 * expected));
            }
            assertThat(h[1]).isCloseTo(Math.sqrt(0.5), within(0.01));
        }
    }

    @Test
    void receiverGainScalesAndTheAdcClips() throws Exception {
        HiddenParameters hp = HiddenParameters.ideal(6);
        try (WireHarness w = twin(hp, 0)) {
            var p = TestPrograms.fids(new double[] {0}, new double[] {90}, 16, 10);
            double a0 = mag(w.run(p), 0, 0);
            w.session.command(new org.lodestone.hw.wire.Message.SetGains(20 * Math.log10(2), 1.0));
            double a6 = mag(w.run(p), 0, 0);
            assertThat(a6 / a0).isCloseTo(2, within(0.002));
            // a gain that puts the FID at 4× the ADC's full scale
            double clipDb = 20 * Math.log10(4 * ScannerModel.ADC_MAX_CODE * ScannerModel.ADC_LSB / a0);
            w.session.command(new org.lodestone.hw.wire.Message.SetGains(clipDb, 1.0));
            WireHarness.Result r = w.run(p);
            double max = 0;
            for (int n = 0; n < 16; n++) max = Math.max(max, Math.max(Math.abs(r.re(0, 0, n)), Math.abs(r.im(0, 0, n))));
            System.out.printf("FID %.1f at 0 dB, %.1f at +6 dB; at +%.0f dB the largest part is %.0f%n", a0, a6, clipDb, max);
            assertThat(max).isBetween(ScannerModel.ADC_MAX_CODE * ScannerModel.ADC_LSB, (ScannerModel.ADC_MAX_CODE + 1) * ScannerModel.ADC_LSB);
            // every sample is an integer code
            for (int n = 0; n < 16; n++) assertThat(r.re(0, 0, n)).isEqualTo(Math.rint(r.re(0, 0, n)));
        }
    }
}
