package org.lodestone.twin.emi;

import org.junit.jupiter.api.Test;
import org.lodestone.hw.program.DeviceProgram;
import org.lodestone.hw.wire.Message;
import org.lodestone.recon.emi.Editer;
import org.lodestone.recon.emi.EmiChannels;
import org.lodestone.recon.emi.EmiRemoval;
import org.lodestone.recon.emi.ReferenceChannelDetector;
import org.lodestone.recon.mrd.Acquisition;
import org.lodestone.recon.mrd.AcquisitionFlag;
import org.lodestone.recon.mrd.AcquisitionHeader;
import org.lodestone.recon.mrd.EncodingCounters;
import org.lodestone.twin.TestPrograms;
import org.lodestone.twin.WireHarness;
import org.lodestone.twin.device.DeviceServer;
import org.lodestone.twin.phantom.EllipsePhantom;
import org.lodestone.twin.phantom.Tissue;
import org.lodestone.twin.physics.EmiConfig;
import org.lodestone.twin.physics.HiddenParameters;
import org.lodestone.twin.physics.ScannerModel;
import org.lodestone.twin.script.EventScript;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue #6: EMI removal on the twin's data, through the wire. The twin's thermal noise and its EMI come from
 * independent random streams seeded by (seed, scan, ADC index), so the same seed with EMI off gives the
 * EMI-free truth of the imaging channels (up to the 1-LSB ADC rounding); the 3rd channel is the reference.
 */
class EmiRemovalOnTwinTest {
    private static final EmiChannels LAYOUT = EmiChannels.lastAreReference(3, 1);

    private static List<Acquisition> scan(EmiConfig emi, DeviceProgram program, boolean noise) throws Exception {
        ScannerModel m = new ScannerModel(HiddenParameters.fromSeed(7), EllipsePhantom.disc(0.04, Tissue.WHITE_MATTER),
                ScannerModel.DEFAULT_NOISE_STD, 2, new ScannerModel.Environment(List.of(), emi));
        try (WireHarness w = new WireHarness(m, new DeviceServer.Options(200, 0, EventScript.parse("", "none")))) {
            w.session.setFrequency(w.model.hidden().nominalLarmorHz());
            WireHarness.Result r = w.run(program);
            assertThat(r.done().status()).isEqualTo(Message.Done.COMPLETE);
            return r.lines().stream().map(l -> toMrd(l, noise)).toList();
        }
    }

    /** As the console journals a line (RawDataConverter), without geometry. */
    private static Acquisition toMrd(Message.AcqData d, boolean noise) {
        AcquisitionHeader.Builder h = AcquisitionHeader.builder().scanCounter(d.scanCounter())
                .numberOfSamples(d.samples()).channels(d.channels()).centerSample(d.samples() / 2)
                .sampleTimeUs(d.dwellNs() / 1000f).flags(d.flags())
                .idx(EncodingCounters.of(d.counters().line(), d.counters().slice()));
        if (noise) h.setFlag(AcquisitionFlag.IS_NOISE_MEASUREMENT);
        return new Acquisition(h.build(), new float[0], d.data());
    }

    /** Energy of (a − truth) over the imaging channels; a has imaging channels only or all of them. */
    private static double distance(List<Acquisition> a, List<Acquisition> truth) {
        double e = 0;
        for (int i = 0; i < truth.size(); i++) {
            Acquisition x = a.get(i), t = truth.get(i);
            for (int c = 0; c < t.header().activeChannels(); c++) {
                for (int s = 0; s < t.header().numberOfSamples(); s++) {
                    double dr = x.re(c, s) - t.re(c, s), di = x.im(c, s) - t.im(c, s);
                    e += dr * dr + di * di;
                }
            }
        }
        return e;
    }

    private static double energy(List<Acquisition> a) {
        double e = 0;
        for (Acquisition x : a) for (float v : x.data()) e += v * (double) v;
        return e;
    }

    @Test
    void noiseScanWithEmiLosesAtLeastNinetyPercentOfTheEmiEnergy() throws Exception {
        // the `noise` protocol's defaults: 32 RF-off readouts of 256 samples at 20 µs
        DeviceProgram noiseScan = TestPrograms.listen(32, 256, 20);
        List<Acquisition> withEmi = scan(EmiConfig.standard(), noiseScan, true);
        List<Acquisition> truth = scan(null, noiseScan, true);
        assertThat(withEmi.getFirst().header().activeChannels()).isEqualTo(3);
        assertThat(truth.getFirst().header().activeChannels()).isEqualTo(2);

        double emiEnergy = distance(withEmi, truth);
        EmiRemoval.Result cleaned = EmiRemoval.apply(withEmi, LAYOUT, Editer.Settings.defaults());
        double residual = distance(cleaned.readouts(), truth);
        double removed = 1 - residual / emiEnergy;
        System.out.printf("twin noise scan: EMI energy %.4g (thermal noise %.4g), residual after EDITER (%s) %.4g: %.2f %% removed%n",
                emiEnergy, energy(truth), cleaned.method(), residual, 100 * removed);
        assertThat(cleaned.readouts().getFirst().header().activeChannels()).isEqualTo(2);
        assertThat(removed).isGreaterThanOrEqualTo(0.90);
        // and the thermal noise is kept, not fitted away along with the EMI
        assertThat(energy(cleaned.readouts()) / energy(truth)).isBetween(0.9, 1.1);
    }

    @Test
    void spinEchoWithEmiIsCleanedFromItsOwnPeripheryAndTheReferenceIsFound() throws Exception {
        DeviceProgram se = TestPrograms.spinEchoImaging(64, 120, 100);
        List<Acquisition> withEmi = scan(EmiConfig.standard(), se, false);
        List<Acquisition> truth = scan(null, se, false);

        double[] ratio = ReferenceChannelDetector.centreToMeanPower(withEmi);
        System.out.printf("centre/mean k-space power per channel: %s%n", java.util.Arrays.toString(ratio));
        assertThat(ReferenceChannelDetector.detect(withEmi)).hasValueSatisfying(ch -> {
            assertThat(ch.reference()).containsExactly(2);
            assertThat(ch.imaging()).containsExactly(0, 1);
        });
        assertThat(ReferenceChannelDetector.detect(truth)).isEmpty();

        double emiEnergy = distance(withEmi, truth);
        EmiRemoval.Result cleaned = EmiRemoval.apply(withEmi, LAYOUT, Editer.Settings.defaults());
        double residual = distance(cleaned.readouts(), truth);
        double removed = 1 - residual / emiEnergy;
        System.out.printf("twin spin echo 64²: EMI energy %.4g, signal+noise %.4g, residual after EDITER (%s) %.4g: %.2f %% removed%n",
                emiEnergy, energy(truth), cleaned.method(), residual, 100 * removed);
        assertThat(cleaned.method()).isEqualTo("readout periphery");
        assertThat(removed).isGreaterThanOrEqualTo(0.90);
    }
}
