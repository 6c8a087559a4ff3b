package org.lodestone.twin.physics;

import org.junit.jupiter.api.Test;
import org.lodestone.hw.program.DeviceProgram;
import org.lodestone.seq.compile.SequenceCompiler;
import org.lodestone.seq.limits.UnitProfile;
import org.lodestone.seq.protocol.ProtocolLibrary;
import org.lodestone.twin.TestRecon;
import org.lodestone.twin.device.TwinCapabilities;
import org.lodestone.twin.phantom.EllipsoidPhantom;
import org.lodestone.twin.phantom.Phantom;
import org.lodestone.twin.phantom.Tissue;
import org.lodestone.twin.truth.TruthVolume;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The console's gre3d (small: 32×32×8) on the twin, in process (issue #18): each voxel one isochromat at its centre
 * with analytic intra-voxel dephasing. The spoiler (4 cycles across a partition) must leave the ideally spoiled steady
 * state (Ernst), and the image must match the twin's truth over the slab, in partition order.
 */
class SpoiledGradientEcho3dTest {
    private static final UnitProfile UNIT = UnitProfile.from(TwinCapabilities.create(200).limits());
    private static final int N = 32, PARTS = 8;

    @Test
    void theSpoiledSteadyStateIsErnstsAtTwoFlipAngles() throws Exception {
        Phantom sphere = EllipsoidPhantom.uniform(0.085);
        double s10 = centreSignal(sphere, 10), s40 = centreSignal(sphere, 40);
        double e1 = Math.exp(-0.020 / Tissue.DOPED_WATER.t1S()); // TR 20 ms; water's T1 does not depend on the field
        double expected = ernst(40, e1) / ernst(10, e1);
        System.out.printf("gre3d 32x32x8, uniform sphere: centre signal 40°/10° %.4f, Ernst %.4f%n", s40 / s10, expected);
        assertThat(s40 / s10).isCloseTo(expected, within(0.01 * expected));
    }

    @Test
    void theImageMatchesTheTruthOverTheSlabInPartitionOrder() throws Exception {
        var run = run(EllipsoidPhantom.head(), 15);
        double[] img = image(run.lines());
        double[] t = new double[img.length], flipped = new double[img.length];
        for (int i = 0; i < img.length; i++) t[i] = run.truth().data()[i];
        int plane = N * N;
        for (int z = 0; z < PARTS; z++) System.arraycopy(t, z * plane, flipped, (PARTS - 1 - z) * plane, plane);
        double r = TestRecon.pearson(img, t), rf = TestRecon.pearson(img, flipped);
        System.out.printf("gre3d 32x32x8, head: %d isochromats, Pearson vs truth %.4f, flipped along the slab %.4f%n", run.isochromats(), r, rf);
        assertThat(run.isochromats()).as("one isochromat per voxel in tissue").isLessThanOrEqualTo(N * N * PARTS);
        assertThat(r).isGreaterThan(0.97);
        assertThat(r).as("partition order").isGreaterThan(rf + 0.02);
    }

    private static double ernst(double flipDeg, double e1) {
        double a = Math.toRadians(flipDeg);
        return Math.sin(a) * (1 - e1) / (1 - e1 * Math.cos(a));
    }

    private record Run(List<SimulatedLine> lines, TruthVolume truth, int isochromats) {
    }

    private static Run run(Phantom phantom, double flipDeg) throws Exception {
        Map<String, Double> p = new HashMap<>(Map.of("matrix", (double) N, "partitions", (double) PARTS, "flip", flipDeg));
        DeviceProgram program = SequenceCompiler.compile(ProtocolLibrary.find("gre3d").orElseThrow().build(p, UNIT).sequence(), UNIT);
        HiddenParameters hp = HiddenParameters.ideal(1);
        try (ScannerModel model = new ScannerModel(hp, phantom, 0, 2)) {
            ScanSimulation sim = model.newScan(program, AcquisitionSettings.at(hp.trueLarmorHz()), 0);
            List<SimulatedLine> lines = sim.runAll();
            assertThat(lines).hasSize(N * PARTS);
            return new Run(lines, sim.truth(), sim.isochromats());
        }
    }

    /** |k-space centre| (line N/2, partition PARTS/2, sample N/2), root-sum-of-squares over the coils. */
    private static double centreSignal(Phantom phantom, double flipDeg) throws Exception {
        for (SimulatedLine l : run(phantom, flipDeg).lines()) {
            var c = l.adc().counters();
            if (c.line() != N / 2 || c.partition() != PARTS / 2) continue;
            double s = 0;
            for (int ch = 0; ch < l.channels(); ch++) s += l.re(ch, N / 2) * l.re(ch, N / 2) + l.im(ch, N / 2) * l.im(ch, N / 2);
            return Math.sqrt(s);
        }
        throw new AssertionError("no centre line");
    }

    /** Centred inverse DFT over (partition, line, sample) per coil, root-sum-of-squares; index (z·N + y)·N + x as the truth's. */
    private static double[] image(List<SimulatedLine> lines) {
        int channels = lines.getFirst().channels();
        double[] img = new double[N * N * PARTS];
        for (int ch = 0; ch < channels; ch++) {
            double[] re = new double[img.length], im = new double[img.length];
            for (SimulatedLine l : lines) {
                int y = l.adc().counters().line(), z = l.adc().counters().partition();
                for (int x = 0; x < N; x++) {
                    re[(z * N + y) * N + x] = l.re(ch, x);
                    im[(z * N + y) * N + x] = l.im(ch, x);
                }
            }
            for (int axis = 0; axis < 3; axis++) idftAlong(re, im, axis);
            for (int i = 0; i < img.length; i++) img[i] += re[i] * re[i] + im[i] * im[i];
        }
        for (int i = 0; i < img.length; i++) img[i] = Math.sqrt(img[i]);
        return img;
    }

    /** Along axis 0 (x), 1 (y) or 2 (z) of the [z][y][x] volume. */
    private static void idftAlong(double[] re, double[] im, int axis) {
        int n = axis == 2 ? PARTS : N, stride = axis == 0 ? 1 : axis == 1 ? N : N * N;
        for (int i = 0; i < re.length; i++) if ((i / stride) % n == 0) idft1(re, im, n, stride, i);
    }

    private static void idft1(double[] re, double[] im, int n, int stride, int off) {
        double[] or = new double[n], oi = new double[n];
        for (int j = 0; j < n; j++) {
            for (int k = 0; k < n; k++) {
                double a = 2 * Math.PI * (k - n / 2) * (double) (j - n / 2) / n, c = Math.cos(a), s = Math.sin(a);
                double xr = re[off + k * stride], xi = im[off + k * stride];
                or[j] += xr * c - xi * s;
                oi[j] += xr * s + xi * c;
            }
        }
        for (int j = 0; j < n; j++) {
            re[off + j * stride] = or[j];
            im[off + j * stride] = oi[j];
        }
    }
}
