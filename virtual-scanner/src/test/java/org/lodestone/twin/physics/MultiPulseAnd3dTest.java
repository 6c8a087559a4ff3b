package org.lodestone.twin.physics;

import org.junit.jupiter.api.Test;
import org.lodestone.hw.program.DeviceProgram;
import org.lodestone.hw.program.ProgramBlock;
import org.lodestone.hw.program.RfPulse;
import org.lodestone.hw.program.Trapezoid;
import org.lodestone.twin.TestPrograms;
import org.lodestone.twin.TestRecon;
import org.lodestone.twin.bench.BenchPrograms;
import org.lodestone.twin.phantom.EllipsePhantom;
import org.lodestone.twin.phantom.EllipsoidPhantom;
import org.lodestone.twin.phantom.Tissue;
import org.lodestone.twin.truth.TruthVolume;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.lodestone.twin.TestPrograms.us;

/** Issue #4, signal method: stimulated echo of a three-pulse program, and a 3D (partition-encoded) program. */
class MultiPulseAnd3dTest {
    static final Tissue T = new Tissue("test", 1.0, 0.5, 0.1, 0.1);
    static final double TAU_US = 5000, TM_US = 20000;

    /**
     * 90°–τ–90°–TM–90° (stimulated) or 90°–τ–180° (spin echo), with an x crusher of 200 cycles/m
     * after the first pulse and before the echo, a y spoiler in TM, and a static 20 kHz/m shim
     * gradient so the echo has a time. Pulse centres at 300 µs + block starts; echo sampled at sample 32.
     */
    static DeviceProgram program(boolean stimulated) {
        List<ProgramBlock> b = new ArrayList<>();
        Trapezoid crush = new Trapezoid(0, us(100), us(1600), us(100), 200 / 1.7e-3);
        b.add(new ProgramBlock(us(1000), TestPrograms.hard(90, 100, 0, RfPulse.Use.EXCITATION), null, null, null, null));
        b.add(new ProgramBlock(us(2000), null, crush, null, null, null));
        double t = 3000;
        double echo;
        if (stimulated) {
            b.add(ProgramBlock.delay(us(5000 - t)));
            b.add(new ProgramBlock(us(1000), TestPrograms.hard(90, 100, 0, RfPulse.Use.OTHER), null, null, null, null));
            b.add(new ProgramBlock(us(3000), null, null, new Trapezoid(0, us(100), us(1600), us(100), 700 / 1.7e-3), null, null));
            b.add(ProgramBlock.delay(us(5000 + TM_US - 9000)));
            b.add(new ProgramBlock(us(1000), TestPrograms.hard(90, 100, 0, RfPulse.Use.OTHER), null, null, null, null));
            t = 5000 + TM_US + 1000;
            echo = 300 + TAU_US + TM_US + TAU_US;
        } else {
            RfPulse ref = TestPrograms.hard(180, 0, Math.PI / 2, RfPulse.Use.REFOCUSING); // 800 µs
            b.add(ProgramBlock.delay(us(300 + TAU_US - 400 - t)));
            b.add(new ProgramBlock(us(800), ref, null, null, null, null));
            t = 300 + TAU_US + 400;
            echo = 300 + 2 * TAU_US;
        }
        b.add(new ProgramBlock(us(2000), null, crush, null, null, null));
        t += 2000;
        double adcStart = echo - 32.5 * 20;
        b.add(new ProgramBlock(us(adcStart - t + 64 * 20 + 100), null, null, null, null, TestPrograms.adc(adcStart - t, 64, 20, 0)));
        return new DeviceProgram(TestPrograms.TICK_NS, b);
    }

    @Test
    void stimulatedEchoAppearsAtTheRightTimeWithHalfTheSpinEcho() {
        HiddenParameters hp = HiddenParameters.ideal(1);
        try (ScannerModel m = new ScannerModel(hp, EllipsePhantom.disc(0.03, T), 0, 2)) {
            AcquisitionSettings s = m.defaultSettings().withShim(20_000, 0, 0);
            SimulatedLine ste = m.newScan(program(true), s, 0).runAll().get(0);
            SimulatedLine se = m.newScan(program(false), s, 0).runAll().get(0);
            int peak = 0;
            for (int k = 0; k < 64; k++) if (Math.hypot(ste.re(0, k), ste.im(0, k)) > Math.hypot(ste.re(0, peak), ste.im(0, peak))) peak = k;
            double ratio = Math.hypot(ste.re(0, 32), ste.im(0, 32)) / Math.hypot(se.re(0, 32), se.im(0, 32));
            double expected = 0.5 * Math.exp(-TM_US * 1e-6 / T.t1S());
            System.out.printf("stimulated echo: peak at sample %d (expected 32), STE/SE = %.4f (expected ½·e^(-TM/T1) = %.4f)%n", peak, ratio, expected);
            assertThat(peak).isBetween(31, 33);
            assertThat(ratio).isCloseTo(expected, within(0.02 * expected));
        }
    }

    @Test
    void threeDimensionalProgramEncodesPartitionsAlongZ() {
        int nx = 32, nz = 8;
        DeviceProgram p = BenchPrograms.tse3d(nx, nx, nz, 240, 240, 4, 10, 300, 20);
        // head turned 90° about x and moved 25 mm along z: asymmetric along the partition axis
        var turned = new org.lodestone.twin.phantom.PlacedPhantom(EllipsoidPhantom.head(), new double[] {0, 0, 0.025}, new double[] {90, 0, 0});
        try (ScannerModel m = new ScannerModel(HiddenParameters.ideal(2), turned, 0, 2)) {
            ScanSimulation scan = m.newScan(p, m.defaultSettings(), 0);
            assertThat(scan.analysis().geometry().is3d()).isTrue();
            assertThat(scan.analysis().geometry().nPartition()).isEqualTo(nz);
            List<SimulatedLine> lines = scan.runAll();
            TruthVolume truth = scan.truth();
            assertThat(truth.nz()).isEqualTo(nz);
            assertThat(truth.dzMm()).isCloseTo(30, within(1e-9));
            // recon: centred inverse DFT along z per (line, sample), then 2D per partition, RSS over coils
            double[] img = new double[nx * nx * nz];
            for (int c = 0; c < 2; c++) {
                double[][][] re = new double[nz][nx][nx], im = new double[nz][nx][nx];
                for (SimulatedLine l : lines) {
                    int y = l.adc().counters().line(), z = l.adc().counters().partition();
                    for (int x = 0; x < nx; x++) {
                        re[z][y][x] = l.re(c, x);
                        im[z][y][x] = l.im(c, x);
                    }
                }
                double[][][] zr = new double[nz][nx][nx], zi = new double[nz][nx][nx];
                for (int j = 0; j < nz; j++) {
                    for (int k = 0; k < nz; k++) {
                        double a = 2 * Math.PI * (k - nz / 2) * (j - nz / 2) / nz, cs = Math.cos(a), sn = Math.sin(a);
                        for (int y = 0; y < nx; y++) for (int x = 0; x < nx; x++) {
                            zr[j][y][x] += re[k][y][x] * cs - im[k][y][x] * sn;
                            zi[j][y][x] += re[k][y][x] * sn + im[k][y][x] * cs;
                        }
                    }
                }
                for (int j = 0; j < nz; j++) {
                    List<SimulatedLine> slice = new ArrayList<>();
                    for (int y = 0; y < nx; y++) {
                        float[] d = new float[4 * nx];
                        for (int x = 0; x < nx; x++) {
                            d[2 * (c * nx + x)] = (float) zr[j][y][x];
                            d[2 * (c * nx + x) + 1] = (float) zi[j][y][x];
                        }
                        var a = TestPrograms.adc(0, nx, 20, y);
                        slice.add(new SimulatedLine(0, 0, a, 2, 0, 0, d));
                    }
                    double[][] one = TestRecon.rss(slice, nx, nx, 2); // coil c only is non-zero
                    for (int y = 0; y < nx; y++) for (int x = 0; x < nx; x++) img[(j * nx + y) * nx + x] += one[y][x] * one[y][x];
                }
            }
            double[] t = new double[img.length];
            for (int i = 0; i < img.length; i++) {
                img[i] = Math.sqrt(img[i]);
                t[i] = truth.data()[i];
            }
            double r = TestRecon.pearson(img, t);
            // the same truth with partitions mirrored (z index j → (nz − j) mod nz): the partition order must matter
            double[] flipped = new double[t.length];
            for (int j = 0; j < nz; j++) System.arraycopy(t, ((nz - j) % nz) * nx * nx, flipped, j * nx * nx, nx * nx);
            double rf = TestRecon.pearson(img, flipped);
            System.out.printf("3D TSE 32x32x8: %d isochromats, Pearson(recon, truth) = %.4f, with z mirrored %.4f%n",
                    scan.isochromats(), r, rf);
            // signal per partition: the object's profile along z, which a wrong partition order would mirror
            double[] pr = new double[nz], pt = new double[nz], pm = new double[nz];
            for (int i = 0; i < img.length; i++) {
                pr[i / (nx * nx)] += img[i];
                pt[i / (nx * nx)] += t[i];
                pm[i / (nx * nx)] += flipped[i];
            }
            System.out.printf("z profile: recon %s%n           truth %s%n", java.util.Arrays.toString(pr), java.util.Arrays.toString(pt));
            // TSE T2 blurring along the echo train and 30 mm partitions keep this below the 2D figures
            assertThat(r).isGreaterThan(0.85);
            assertThat(TestRecon.pearson(pr, pt)).isGreaterThan(0.95);
            assertThat(TestRecon.pearson(pr, pm)).isLessThan(TestRecon.pearson(pr, pt) - 0.05);
        }
    }
}
