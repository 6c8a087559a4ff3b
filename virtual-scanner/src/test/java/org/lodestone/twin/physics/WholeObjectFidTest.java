package org.lodestone.twin.physics;

import org.junit.jupiter.api.Test;
import org.lodestone.hw.program.DeviceProgram;
import org.lodestone.twin.TestPrograms;
import org.lodestone.twin.phantom.EllipsoidPhantom;
import org.lodestone.twin.phantom.Phantom;
import org.lodestone.twin.phantom.PlacedPhantom;

import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A non-selective FID excites the whole object (issue #18): its mean frequency is the object's mean field, not that
 * of a sheet through the isocentre. The object is the uniform 170 mm sphere moved off the isocentre, so the
 * field's spherical harmonics average over it to their value at its centre (they are harmonic functions): an
 * expectation that depends neither on the twin's isochromats nor on its truth code.
 */
class WholeObjectFidTest {
    private static final double[] OFFSET_M = {0.015, -0.010, 0.030};
    /**
     * Against the object's mean as the coils weight it (loops on a ring: an offset object's edge near a coil counts
     * more, 0.4–1.7 Hz here from the PD mean); the rest is the estimator's and the isochromats' sampling.
     */
    private static final double TOLERANCE_HZ = 0.3;

    @Test
    void nonSelectiveFidRingsAtTheObjectsMeanFrequency() {
        for (long seed : new long[] {1, 12}) {
            HiddenParameters hp = HiddenParameters.fromSeed(seed);
            Phantom sphere = new PlacedPhantom(EllipsoidPhantom.uniform(0.085), OFFSET_M, new double[3]);
            try (ScannerModel model = new ScannerModel(hp, sphere, 0, 2)) {
                double larmor = hp.nominalLarmorHz();
                double centreHz = larmor * 1e-6 * hp.inhomogeneityPpm(OFFSET_M[0], OFFSET_M[1], OFFSET_M[2]);
                double sheetHz = sheetMeanHz(hp, sphere);
                AcquisitionSettings at = AcquisitionSettings.at(hp.trueLarmorHz());
                // the truth's object mean agrees with the mean-value property
                assertThat(model.objectMeanOffsetHz(at)).isCloseTo(centreHz, within(0.05));
                DeviceProgram fid = TestPrograms.fid(2048, 20);
                ScanSimulation sim = model.newScan(fid, at, 0);
                assertThat(sim.analysis().wholeObject()).isTrue();
                List<SimulatedLine> lines = sim.runAll();
                double measured = meanOffsetHz(lines.getFirst(), 20e-6, 0.0005);
                double seen = model.receiveWeightedMeanOffsetHz(at);
                System.out.printf(Locale.ROOT, "seed %d: FID %.3f Hz, object mean %.3f Hz (as the coils weight it %.3f Hz), "
                        + "a sheet through the isocentre %.3f Hz, %d isochromats%n", seed, measured, centreHz, seen, sheetHz, sim.isochromats());
                assertThat(Math.abs(sheetHz - seen)).as("the sheet and the object differ: the test can fail").isGreaterThan(3 * TOLERANCE_HZ);
                assertThat(measured).isCloseTo(seen, within(TOLERANCE_HZ));
            }
        }
    }

    @Test
    void aWeakGradientDuringThePulseDoesNotMakeItSelective() {
        HiddenParameters hp = HiddenParameters.fromSeed(3);
        Phantom sphere = EllipsoidPhantom.uniform(0.085);
        try (ScannerModel model = new ScannerModel(hp, sphere, 0, 2)) {
            AcquisitionSettings at = AcquisitionSettings.at(hp.trueLarmorHz());
            // 200 Hz/m under a 400 µs pulse: a slab 12 m thick
            assertThat(model.newScan(TestPrograms.withGradientDuringPulse(TestPrograms.fid(256, 20), 0, 200), at, 0).analysis().wholeObject()).isTrue();
            // 20 kHz/m: 12 cm, selective
            assertThat(model.newScan(TestPrograms.withGradientDuringPulse(TestPrograms.fid(256, 20), 0, 20_000), at, 0).analysis().wholeObject()).isFalse();
        }
    }

    /** The PD mean of the field over the phantom's disc z = 0 (what the twin excited before), Hz. */
    private static double sheetMeanHz(HiddenParameters hp, Phantom p) {
        double sum = 0, n = 0;
        for (double x = -0.1; x <= 0.1; x += 0.001) {
            for (double y = -0.1; y <= 0.1; y += 0.001) {
                if (p.tissueAt(x, y, 0) == null) continue;
                sum += hp.nominalLarmorHz() * 1e-6 * hp.inhomogeneityPpm(x, y, 0);
                n++;
            }
        }
        return sum / n;
    }

    /** Phase advance over {@code lagS} summed over the coils and the FID's start: the signal's mean frequency, Hz. */
    private static double meanOffsetHz(SimulatedLine l, double dwellS, double lagS) {
        int lag = (int) Math.round(lagS / dwellS);
        double re = 0, im = 0;
        for (int c = 0; c < l.channels(); c++) {
            for (int k = 0; k < lag; k++) {
                double ar = l.re(c, k), ai = l.im(c, k), br = l.re(c, k + lag), bi = l.im(c, k + lag);
                re += ar * br + ai * bi;
                im += ar * bi - ai * br;
            }
        }
        return Math.atan2(im, re) / (2 * Math.PI * lag * dwellS);
    }
}
