package org.lodestone.twin.acceptance;

import org.junit.jupiter.api.Test;
import org.lodestone.hw.session.DeviceException;
import org.lodestone.hw.wire.EventCode;
import org.lodestone.hw.wire.Message.Done;
import org.lodestone.hw.wire.Message.Sensors;
import org.lodestone.twin.TestPrograms;
import org.lodestone.twin.WireHarness;
import org.lodestone.twin.device.DeviceServer;
import org.lodestone.twin.phantom.EllipsePhantom;
import org.lodestone.twin.phantom.Tissue;
import org.lodestone.twin.physics.EmiConfig;
import org.lodestone.twin.physics.HiddenParameters;
import org.lodestone.twin.physics.ScannerModel;
import org.lodestone.twin.script.EventScript;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Issue #4, event scripts and EMI, over the wire (speed 0: events fire at program time, reproducibly). */
class EventAndEmiAcceptanceTest {
    private static WireHarness twin(String script, EmiConfig emi) throws Exception {
        EventScript s = EventScript.parse(script, "test");
        ScannerModel m = new ScannerModel(HiddenParameters.fromSeed(1), EllipsePhantom.disc(0.04, Tissue.WHITE_MATTER),
                ScannerModel.DEFAULT_NOISE_STD, 2, new ScannerModel.Environment(s.ambientChanges(), emi));
        return new WireHarness(m, new DeviceServer.Options(200, 0, s));
    }

    @Test
    void doorOpeningMidScanGatesAbortsAndBlocksTheNextStart() throws Exception {
        // 16 lines, TR 200 ms: the door opens at 1.0 s, before line 5's TR starts
        try (WireHarness w = twin("# door opens during the scan\n1.0 door open\n5 door close\n0.5 sensor fail magnet\n", null)) {
            WireHarness.Result r = w.run(TestPrograms.spinEchoImaging(16, 220, 200));
            assertThat(r.done().status()).isEqualTo(Done.ABORTED);
            assertThat(r.lines()).hasSize(5);
            assertThat(r.events()).anyMatch(e -> e.code() == EventCode.INTERLOCK && e.detail().contains("door open"));
            assertThat(w.server.rfEnabled()).isFalse();
            Sensors s = w.session.readSensors();
            assertThat(s.interlockBits()).isEqualTo(DeviceServer.INTERLOCK_DOOR | DeviceServer.SENSOR_FAULT_MAGNET);
            assertThat(s.magnetTemperatureC()).isNaN();
            int id = w.session.upload(TestPrograms.fid(64, 10));
            assertThatThrownBy(() -> w.session.start(id, null)).isInstanceOf(DeviceException.class).hasMessageContaining("interlock");
        }
    }

    @Test
    void fifoOverrunEndsTheScanWithAFault() throws Exception {
        try (WireHarness w = twin("0.45 fifo overrun\n", null)) {
            WireHarness.Result r = w.run(TestPrograms.spinEchoImaging(16, 220, 200));
            assertThat(r.done().status()).isEqualTo(Done.FAULT);
            assertThat(r.lines()).hasSize(3);
            assertThat(r.events()).anyMatch(e -> e.code() == EventCode.FIFO_OVERRUN);
        }
    }

    @Test
    void scriptParsingReportsTheLine() {
        assertThatThrownBy(() -> EventScript.parse("1 door open\n2 door wobble\n", "s.txt"))
                .hasMessageContaining("s.txt:2").hasMessageContaining("door wobble");
        EventScript s = EventScript.parse("0 ambient ramp +5 600\n120 link stall 2\n200 sensor fail magnet\n", "x");
        assertThat(s.events()).hasSize(3);
        assertThat(s.ambientChanges()).hasSize(1);
    }

    @Test
    void interferenceAppearsInCoilsAndReferenceWithTheConfiguredCoupling() throws Exception {
        EmiConfig emi = EmiConfig.standard();
        try (WireHarness w = twin("", emi)) {
            assertThat(w.session.capabilities().receiveChannels()).isEqualTo(3);
            w.session.setFrequency(w.model.hidden().nominalLarmorHz());
            int ns = 4096;
            double dwell = 10e-6;
            WireHarness.Result r = w.run(TestPrograms.listen(1, ns, 10));
            assertThat(r.lines().get(0).channels()).isEqualTo(3);
            int ref = emi.referenceChannel();
            for (int c = 0; c < 2; c++) {
                // least-squares transfer from reference to coil c: Σ x·conj(ref) / Σ |ref|²
                double nr = 0, ni = 0, d = 0;
                for (int n = 0; n < ns; n++) {
                    double xr = r.re(0, c, n), xi = r.im(0, c, n), fr = r.re(0, ref, n), fi = r.im(0, ref, n);
                    nr += xr * fr + xi * fi;
                    ni += xi * fr - xr * fi;
                    d += fr * fr + fi * fi;
                }
                double er = emi.couplingRe()[c], ei = emi.couplingIm()[c];
                double gr = emi.couplingRe()[ref], gi = emi.couplingIm()[ref];
                double g2 = gr * gr + gi * gi;
                double expRe = (er * gr + ei * gi) / g2, expIm = (ei * gr - er * gi) / g2;
                System.out.printf("coil %d ← reference: %.4f%+.4fi (configured %.4f%+.4fi)%n", c, nr / d, ni / d, expRe, expIm);
                assertThat(Math.hypot(nr / d - expRe, ni / d - expIm)).isLessThan(0.03 * Math.hypot(expRe, expIm));
                // the 3.2 kHz carrier in coil c: amplitude = |coupling| × source amplitude
                EmiConfig.Carrier car = emi.carriers().get(0);
                double pr = 0, pi = 0;
                for (int n = 0; n < ns; n++) {
                    double a = -2 * Math.PI * car.offsetFromNominalHz() * (n + 0.5) * dwell;
                    pr += r.re(0, c, n) * Math.cos(a) - r.im(0, c, n) * Math.sin(a);
                    pi += r.re(0, c, n) * Math.sin(a) + r.im(0, c, n) * Math.cos(a);
                }
                double amp = Math.hypot(pr, pi) / ns;
                System.out.printf("coil %d: carrier amplitude %.3f (expected %.3f)%n", c, amp, Math.hypot(er, ei) * car.amplitude());
                assertThat(amp).isCloseTo(Math.hypot(er, ei) * car.amplitude(), within(0.03 * Math.hypot(er, ei) * car.amplitude()));
            }
        }
    }
}
