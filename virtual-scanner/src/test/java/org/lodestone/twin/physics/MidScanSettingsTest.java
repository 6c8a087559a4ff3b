package org.lodestone.twin.physics;

import org.junit.jupiter.api.Test;
import org.lodestone.hw.program.DeviceProgram;
import org.lodestone.twin.TestPrograms;
import org.lodestone.twin.phantom.EllipsePhantom;
import org.lodestone.twin.phantom.Tissue;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Issue #7: a frequency or shim set during a scan takes effect from the next block, as on the
 * board, and the data depend only on which block it arrived before (not on when, in wall time).
 */
class MidScanSettingsTest {
    static final Tissue WATER = new Tissue("water", 1.0, 0.3, 0.2, 0.2);
    static final int FIDS = 6, SAMPLES = 256;
    static final double DWELL_US = 10;

    /** Mean frequency of an FID line from the phase advance between samples, Hz. */
    static double frequency(SimulatedLine l) {
        double sr = 0, si = 0;
        for (int n = 0; n + 1 < SAMPLES; n++) {
            double ar = l.re(0, n + 1), ai = l.im(0, n + 1), br = l.re(0, n), bi = -l.im(0, n);
            sr += ar * br - ai * bi;
            si += ar * bi + ai * br;
        }
        return Math.atan2(si, sr) / (2 * Math.PI * DWELL_US * 1e-6);
    }

    /** Runs the FIDs, applying {@code change} before the block that holds FID {@code atFid}. */
    static List<SimulatedLine> run(ScannerModel model, AcquisitionSettings start, AcquisitionSettings change, int atFid) {
        double[] starts = new double[FIDS], flips = new double[FIDS];
        for (int i = 0; i < FIDS; i++) {
            starts[i] = i * 1.0;
            flips[i] = 90;
        }
        DeviceProgram p = TestPrograms.fids(starts, flips, SAMPLES, DWELL_US);
        ScanSimulation sim = model.newScan(p, start, 0);
        List<SimulatedLine> out = new ArrayList<>();
        while (sim.nextBlock() < sim.blockCount()) {
            if (change != null && p.blocks().get(sim.nextBlock()).adc() != null && out.size() == atFid) {
                sim.updateSettings(change);
                change = null;
            }
            SimulatedLine l = sim.simulateNextBlock();
            if (l != null) out.add(l);
        }
        return out;
    }

    @Test
    void frequencySetMidScanMovesTheFollowingLinesOnlyAndIsDeterministic() {
        HiddenParameters hp = HiddenParameters.ideal(4);
        try (ScannerModel model = new ScannerModel(hp, EllipsePhantom.disc(0.02, WATER), 0, 2)) {
            double set = hp.nominalLarmorHz() - 400;
            AcquisitionSettings s0 = AcquisitionSettings.at(set);
            List<SimulatedLine> a = run(model, s0, s0.withFrequency(set + 250), 3);
            List<SimulatedLine> b = run(model, s0, s0.withFrequency(set + 250), 3);
            for (int i = 0; i < FIDS; i++) {
                double f = frequency(a.get(i));
                System.out.printf("FID %d: offset %.1f Hz%n", i, f);
                assertThat(f).isCloseTo(i < 3 ? 400 : 150, within(2.0));
                assertThat(a.get(i).data()).as("same commands at the same program time, same data").isEqualTo(b.get(i).data());
            }
        }
    }

    @Test
    void shimSetMidScanChangesTheFieldFromTheNextBlock() {
        HiddenParameters hp = HiddenParameters.ideal(5);
        try (ScannerModel model = new ScannerModel(hp, EllipsePhantom.disc(0.02, WATER), 0, 2)) {
            AcquisitionSettings s0 = AcquisitionSettings.at(hp.nominalLarmorHz());
            List<SimulatedLine> plain = run(model, s0, null, 0);
            // a strong x shim dephases the FID: its signal decays faster than without
            List<SimulatedLine> shimmed = run(model, s0, s0.withShim(50_000, 0, 0), 2);
            for (int i = 0; i < FIDS; i++) {
                double e0 = tailEnergy(plain.get(i)), e1 = tailEnergy(shimmed.get(i));
                if (i < 2) assertThat(e1).isCloseTo(e0, within(1e-9 * e0 + 1e-12));
                else assertThat(e1).as("FID %d after the shim", i).isLessThan(0.5 * e0);
            }
        }
    }

    static double tailEnergy(SimulatedLine l) {
        double e = 0;
        for (int n = SAMPLES / 2; n < SAMPLES; n++) e += l.re(0, n) * l.re(0, n) + l.im(0, n) * l.im(0, n);
        return e;
    }
}
