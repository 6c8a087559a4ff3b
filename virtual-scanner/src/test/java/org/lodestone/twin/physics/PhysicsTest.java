package org.lodestone.twin.physics;

import org.junit.jupiter.api.Test;
import org.lodestone.hw.program.DeviceProgram;
import org.lodestone.twin.TestPrograms;
import org.lodestone.twin.TestRecon;
import org.lodestone.twin.phantom.EllipsePhantom;
import org.lodestone.twin.phantom.Tissue;
import org.lodestone.twin.truth.TruthVolume;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class PhysicsTest {

    @Test
    void fidPeakSitsAtTrueLarmorMinusSetFrequency() {
        HiddenParameters hp = HiddenParameters.fromSeed(7);
        try (ScannerModel model = new ScannerModel(hp, EllipsePhantom.disc(0.02, Tissue.WHITE_MATTER), 0, 2)) {
            double set = hp.nominalLarmorHz() - 400.0;
            int ns = 2048;
            double dwellUs = 25;
            List<SimulatedLine> lines = model.newScan(TestPrograms.fid(ns, dwellUs), AcquisitionSettings.at(set), 0).runAll();
            assertThat(lines).hasSize(1);
            SimulatedLine l = lines.get(0);
            // DFT with the usual e^{-i2πft} kernel, bins -N/2..N/2-1
            double binHz = 1.0 / (ns * dwellUs * 1e-6);
            int best = 0;
            double bestMag = -1;
            for (int k = -ns / 2; k < ns / 2; k++) {
                double sr = 0, si = 0;
                for (int n = 0; n < ns; n++) {
                    double a = -2 * Math.PI * k * n / (double) ns;
                    double c = Math.cos(a), s = Math.sin(a);
                    sr += l.re(0, n) * c - l.im(0, n) * s;
                    si += l.re(0, n) * s + l.im(0, n) * c;
                }
                double m = sr * sr + si * si;
                if (m > bestMag) {
                    bestMag = m;
                    best = k;
                }
            }
            double expected = hp.trueLarmorHz() - set;
            assertThat(Math.abs(expected)).isGreaterThan(5 * binHz); // the test means something
            assertThat(best * binHz).isCloseTo(expected, within(binHz));
        }
    }

    @Test
    void spinEchoAmplitudeDecaysWithT2() {
        Tissue t = new Tissue("test", 1.0, 0.8, 0.100, 0.030);
        HiddenParameters hp = HiddenParameters.fromSeed(3);
        try (ScannerModel model = new ScannerModel(hp, EllipsePhantom.disc(0.03, t), 0, 2)) {
            double a1 = echoAmplitude(model, 20);
            double a2 = echoAmplitude(model, 80);
            assertThat(a2 / a1).isCloseTo(Math.exp(-0.060 / 0.100), within(0.02 * Math.exp(-0.6)));
        }
    }

    private static double echoAmplitude(ScannerModel model, double teMs) {
        int ns = 64;
        DeviceProgram p = TestPrograms.spinEcho(teMs, ns, 20);
        SimulatedLine l = model.newScan(p, model.defaultSettings().withFrequency(model.hidden().trueLarmorHz()), 0)
                .runAll().get(0);
        return Math.hypot(l.re(0, ns / 2), l.im(0, ns / 2));
    }

    @Test
    void spinEchoImageMatchesTruth() {
        try (ScannerModel model = ScannerModel.forSeed(11)) {
            int n = 64;
            ScanSimulation scan = model.newScan(TestPrograms.spinEchoImaging(n, 220, 500), model.defaultSettings().withFrequency(model.hidden().trueLarmorHz()), 0);
            List<SimulatedLine> lines = scan.runAll();
            TruthVolume truth = scan.truth();
            assertThat(truth).isNotNull();
            assertThat(truth.nx()).isEqualTo(n);
            assertThat(truth.ny()).isEqualTo(n);
            assertThat(truth.dxMm()).isCloseTo(220.0 / n, within(1e-6));
            double[][] img = TestRecon.rss(lines, n, n, 2);
            double[] t = new double[n * n];
            for (int i = 0; i < t.length; i++) t[i] = truth.data()[i];
            double r = TestRecon.pearson(TestRecon.flatten(img), t);
            System.out.printf("64x64 SE: Pearson(recon, truth) = %.4f, isochromats %d%n", r, scan.isochromats());
            assertThat(r).isGreaterThanOrEqualTo(0.95);
        }
    }

    @Test
    void orientationOfTruthMatchesTheReconstruction() {
        // an object with no mirror symmetry: a disc with features in two different quadrants
        EllipsePhantom asym = new EllipsePhantom(List.of(
                new EllipsePhantom.Ellipse(0, 0, 0.07, 0.07, 0, Tissue.WHITE_MATTER),
                new EllipsePhantom.Ellipse(0.035, 0.03, 0.02, 0.012, 30, Tissue.CSF),
                new EllipsePhantom.Ellipse(-0.03, -0.045, 0.012, 0.012, 0, Tissue.FAT)), "asymmetric test object");
        try (ScannerModel model = new ScannerModel(HiddenParameters.fromSeed(4), asym, ScannerModel.DEFAULT_NOISE_STD, 2)) {
            int n = 64;
            ScanSimulation scan = model.newScan(TestPrograms.spinEchoImaging(n, 220, 500), model.defaultSettings().withFrequency(model.hidden().trueLarmorHz()), 0);
            double[] img = TestRecon.flatten(TestRecon.rss(scan.runAll(), n, n, 2));
            float[] t = scan.truth().data();
            double[] same = new double[n * n], flipY = new double[n * n], flipX = new double[n * n];
            for (int y = 0; y < n; y++) {
                for (int x = 0; x < n; x++) {
                    same[y * n + x] = t[y * n + x];
                    flipY[y * n + x] = t[((n - y) % n) * n + x];
                    flipX[y * n + x] = t[y * n + (n - x) % n];
                }
            }
            double r = TestRecon.pearson(img, same);
            double ry = TestRecon.pearson(img, flipY);
            double rx = TestRecon.pearson(img, flipX);
            System.out.printf("asymmetric object: r %.4f, truth flipped in y %.4f, in x %.4f%n", r, ry, rx);
            assertThat(r).isGreaterThanOrEqualTo(0.95);
            assertThat(ry).isLessThan(r - 0.03);
            assertThat(rx).isLessThan(r - 0.03);
        }
    }

    @Test
    void sameSeedGivesIdenticalSamples() {
        DeviceProgram p = TestPrograms.spinEchoImaging(16, 220, 100);
        float[][] a = run(p, 5, 1);
        float[][] b = run(p, 5, 2);
        float[][] c = run(p, 6, 2);
        assertThat(a).isDeepEqualTo(b);
        assertThat(a[8]).isNotEqualTo(c[8]);
    }

    private static float[][] run(DeviceProgram p, long seed, int threads) {
        try (ScannerModel m = new ScannerModel(HiddenParameters.fromSeed(seed), EllipsePhantom.head(),
                ScannerModel.DEFAULT_NOISE_STD, threads)) {
            return m.newScan(p, m.defaultSettings(), 0).runAll().stream().map(SimulatedLine::data).toArray(float[][]::new);
        }
    }
}
