package org.lodestone.twin.acceptance;

import org.junit.jupiter.api.Test;
import org.lodestone.hw.wire.Message.Sensors;
import org.lodestone.twin.TestPrograms;
import org.lodestone.twin.WireHarness;
import org.lodestone.twin.device.DeviceServer;
import org.lodestone.twin.phantom.EllipsePhantom;
import org.lodestone.twin.phantom.Tissue;
import org.lodestone.twin.physics.HiddenParameters;
import org.lodestone.twin.physics.MagnetProfile;
import org.lodestone.twin.physics.ScannerModel;
import org.lodestone.twin.physics.ThermalModel;
import org.lodestone.twin.script.EventScript;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Issue #4, magnet: FID offset = γB0(T) − set frequency, and a 1 K step through the thermal lag. Over the wire. */
class MagnetAcceptanceTest {
    static final Tissue WATER = new Tissue("water", 1.0, 0.3, 0.2, 0.2);

    /** Mean frequency of a single-line FID from the phase advance between samples, Hz. */
    static double frequency(WireHarness.Result r, int line, double dwellS) {
        double sr = 0, si = 0;
        int ns = r.lines().get(line).samples();
        for (int n = 0; n + 1 < ns; n++) {
            double ar = r.re(line, 0, n + 1), ai = r.im(line, 0, n + 1), br = r.re(line, 0, n), bi = -r.im(line, 0, n);
            sr += ar * br - ai * bi;
            si += ar * bi + ai * br;
        }
        return Math.atan2(si, sr) / (2 * Math.PI * dwellS);
    }

    @Test
    void fidOffsetFollowsTheFieldAndAOneKelvinStepFollowsTheTimeConstant() throws Exception {
        double tau = 600;
        HiddenParameters hp = HiddenParameters.ideal(2).withB0OffsetPpm(7)
                .with(HiddenParameters.ideal(2).magnet().withOffsetPpm(7).withTimeConstant(tau));
        EventScript script = EventScript.parse("0 ambient step +1   # room 1 K warmer from t = 0\n", "test");
        ScannerModel model = new ScannerModel(hp, EllipsePhantom.disc(0.02, WATER), 0, 2,
                new ScannerModel.Environment(script.ambientChanges(), null));
        try (WireHarness w = new WireHarness(model, new DeviceServer.Options(200, 0, script))) {
            double set = hp.nominalLarmorHz() - 500;
            w.session.setFrequency(set);
            double[] starts = {0, tau, 10 * tau};
            double dwell = 10e-6;
            WireHarness.Result r = w.run(TestPrograms.fids(starts, new double[] {90, 90, 90}, 256, 10));
            assertThat(r.lines()).hasSize(3);
            ThermalModel th = model.thermal();
            double f0 = frequency(r, 0, dwell), f1 = frequency(r, 1, dwell), f2 = frequency(r, 2, dwell);
            // offset = γ·B0(T) − set, with B0(T) from the hidden offset and the magnet temperature at the FID
            double expected0 = th.larmorHz(starts[0]) - set;
            System.out.printf("FID offset %.2f Hz (expected %.2f); after tau %.1f Hz, after 10 tau %.1f Hz%n", f0, expected0, f1 - f0, f2 - f0);
            assertThat(f0).isCloseTo(expected0, within(1.0));
            double full = MagnetProfile.NDFEB_PER_K * hp.magnet().b0AtTesla(30) * HiddenParameters.GAMMA_HZ_PER_T; // per K
            assertThat(full).isLessThan(-17_000); // -0.12 %/K of 14.9 MHz
            assertThat((f2 - f0) / full).isCloseTo(1 - Math.exp(-10), within(0.02));
            assertThat((f1 - f0) / full).isCloseTo(1 - Math.exp(-1), within(0.02 * (1 - Math.exp(-1))));
            Sensors s = w.session.readSensors();
            assertThat(s.ambientTemperatureC()).isCloseTo(HiddenParameters.INITIAL_AMBIENT_C + 1, within(1e-9));
            assertThat(s.magnetTemperatureC()).isCloseTo(30 + 1 - Math.exp(-w.server.twinTimeS() / tau), within(1e-6));
        }
    }

    @Test
    void lowFieldProfileIsAnnouncedAndScalesTheFrequency() throws Exception {
        HiddenParameters hp = HiddenParameters.fromSeed(3, MagnetProfile.of("0.064", "smco"), 1800);
        try (WireHarness w = new WireHarness(new ScannerModel(hp, EllipsePhantom.disc(0.02, WATER), 0, 2),
                new DeviceServer.Options(200, 0))) {
            assertThat(w.session.capabilities().fieldTesla()).isEqualTo(0.064);
            assertThat(w.session.capabilities().nominalLarmorHz()).isCloseTo(0.064 * HiddenParameters.GAMMA_HZ_PER_T, within(1e-6));
            w.session.setFrequency(hp.nominalLarmorHz());
            WireHarness.Result r = w.run(TestPrograms.fids(new double[] {0}, new double[] {90}, 256, 10));
            // no inhomogeneity-free disc here: the mean frequency is the isocentre offset plus the field map average
            assertThat(frequency(r, 0, 10e-6)).isCloseTo(hp.trueLarmorHz() - hp.nominalLarmorHz(), within(30.0));
            assertThat(hp.magnet().profile().tempCoeffPerK() / MagnetProfile.SMCO_PER_K).isBetween(1 - HiddenParameters.COEFF_SPREAD, 1 + HiddenParameters.COEFF_SPREAD);
        }
    }
}
