package org.lodestone.twin.physics;

import org.junit.jupiter.api.Test;
import org.lodestone.hw.program.DeviceProgram;
import org.lodestone.seq.compile.SequenceCompiler;
import org.lodestone.seq.limits.UnitProfile;
import org.lodestone.seq.protocol.ProtocolLibrary;
import org.lodestone.twin.TestRecon;
import org.lodestone.twin.device.TwinCapabilities;
import org.lodestone.twin.phantom.EllipsoidPhantom;
import org.lodestone.twin.truth.TruthVolume;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Programs that excite several slice positions simulate one sheet per position: the localizer's three planes
 * and a multi-slice stack each image their own slice, and the truth holds every one, in slice-counter order.
 * In process, noiseless, a small matrix (the console-level check is TwinFidelityScanTest in console-app).
 */
class MultiSheetTruthTest {
    private static final UnitProfile UNIT = UnitProfile.from(TwinCapabilities.create(200).limits());

    private static double[] perSlicePearson(HiddenParameters hp, String protocol, Map<String, Double> params, int n, int slices) throws Exception {
        DeviceProgram p = SequenceCompiler.compile(ProtocolLibrary.find(protocol).orElseThrow().build(params, UNIT).sequence(), UNIT);
        try (ScannerModel model = new ScannerModel(hp, EllipsoidPhantom.head(), 0, 2)) {
            ScanSimulation sim = model.newScan(p, AcquisitionSettings.at(hp.trueLarmorHz()), 0);
            List<SimulatedLine> lines = sim.runAll();
            assertThat(sim.sheets()).isEqualTo(slices);
            TruthVolume truth = sim.truth();
            assertThat(truth).isNotNull();
            assertThat(truth.nz()).as("truth slices").isEqualTo(slices);
            double[] r = new double[slices + 1];
            for (int s = 0; s < slices; s++) {
                int slice = s;
                double[][] img = TestRecon.rss(lines.stream().filter(l -> l.adc().counters().slice() == slice).toList(), n, n, model.coils().channels());
                double[] t = new double[n * n];
                for (int i = 0; i < t.length; i++) t[i] = truth.data()[slice * n * n + i];
                r[s] = TestRecon.pearson(TestRecon.flatten(img), t);
                if (s == slices - 1) {
                    double[] t0 = new double[n * n];
                    for (int i = 0; i < t0.length; i++) t0[i] = truth.data()[i];
                    r[slices] = TestRecon.pearson(TestRecon.flatten(img), t0);
                }
            }
            return r;
        }
    }

    @Test
    void everyLocalizerPlaneIsItsOwnSheet() throws Exception {
        for (HiddenParameters hp : List.of(HiddenParameters.ideal(1), HiddenParameters.fromSeed(3))) {
            double[] r = perSlicePearson(hp, "localizer", Map.of("matrix", 64.0), 64, 3);
            System.out.printf("localizer 64² (%s): Pearson vs own truth plane %.4f %.4f %.4f, last plane vs the first's truth %.4f%n",
                    hp.seed() == 1 ? "ideal unit" : "seed 3", r[0], r[1], r[2], r[3]);
            for (int s = 0; s < 3; s++) assertThat(r[s]).as("plane %d", s).isGreaterThan(0.95);
            assertThat(r[3]).isLessThan(r[2] - 0.1);
        }
    }

    @Test
    void everySliceOfAStackIsItsOwnSheet() throws Exception {
        // three slices 45 mm apart through the head (an ellipsoid 150 mm along z): the outer sections are smaller
        HiddenParameters hp = HiddenParameters.fromSeed(3);
        int n = 64;
        DeviceProgram p = SequenceCompiler.compile(ProtocolLibrary.find("se2d").orElseThrow()
                .build(Map.of("matrix", 64.0, "slices", 3.0, "slice_gap", 40.0), UNIT).sequence(), UNIT);
        try (ScannerModel model = new ScannerModel(hp, EllipsoidPhantom.head(), 0, 2)) {
            ScanSimulation sim = model.newScan(p, AcquisitionSettings.at(hp.trueLarmorHz()), 0);
            List<SimulatedLine> lines = sim.runAll();
            assertThat(sim.sheets()).isEqualTo(3);
            TruthVolume truth = sim.truth();
            assertThat(truth.nz()).isEqualTo(3);
            double[] areaImage = new double[3], areaTruth = new double[3], r = new double[3];
            for (int s = 0; s < 3; s++) {
                int slice = s;
                double[] img = TestRecon.flatten(TestRecon.rss(lines.stream().filter(l -> l.adc().counters().slice() == slice).toList(), n, n, 2));
                double[] t = new double[n * n];
                for (int i = 0; i < t.length; i++) t[i] = truth.data()[s * n * n + i];
                r[s] = TestRecon.pearson(img, t);
                areaImage[s] = area(img);
                areaTruth[s] = area(t);
            }
            System.out.printf("se2d 64², 3 slices: Pearson vs own truth slice %.4f %.4f %.4f; object area image %.0f %.0f %.0f, truth %.0f %.0f %.0f px%n",
                    r[0], r[1], r[2], areaImage[0], areaImage[1], areaImage[2], areaTruth[0], areaTruth[1], areaTruth[2]);
            for (int s = 0; s < 3; s++) {
                assertThat(r[s]).as("slice %d", s).isGreaterThan(0.95);
                assertThat(areaImage[s]).as("slice %d's object is its truth's", s).isCloseTo(areaTruth[s], org.assertj.core.data.Percentage.withPercentage(5));
            }
            assertThat(areaTruth[0]).as("an outer section is smaller than the centre's").isLessThan(0.9 * areaTruth[1]);
            assertThat(areaTruth[2]).isLessThan(0.9 * areaTruth[1]);
        }
    }

    /** Pixels above a fifth of the maximum. */
    private static double area(double[] img) {
        double max = 0;
        for (double v : img) max = Math.max(max, v);
        int c = 0;
        for (double v : img) if (v > 0.2 * max) c++;
        return c;
    }
}
