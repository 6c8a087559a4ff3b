package org.lodestone.twin.acceptance;

import org.junit.jupiter.api.Test;
import org.lodestone.hw.program.AdcWindow;
import org.lodestone.hw.wire.Message.AcqData;
import org.lodestone.twin.TestPrograms;
import org.lodestone.twin.TestRecon;
import org.lodestone.twin.WireHarness;
import org.lodestone.twin.device.DeviceServer;
import org.lodestone.twin.phantom.EllipsePhantom;
import org.lodestone.twin.phantom.Tissue;
import org.lodestone.twin.physics.GradientErrors;
import org.lodestone.twin.physics.HiddenParameters;
import org.lodestone.twin.physics.ScannerModel;
import org.lodestone.twin.physics.SimulatedLine;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Issue #4, gradients and shims, over the wire: 64² spin echo of a disc (r 60 mm), FOV 200 mm,
 * 20 µs dwell (readout 250 kHz/m, 781 Hz per pixel). Size = √(Σ image / centre plateau), which
 * is independent of the coil profile and of Gibbs ringing.
 */
class GradientAcceptanceTest {
    static final int N = 64;
    static final double FOV_MM = 200;
    static final double READ_HZ_PER_M = 1 / (FOV_MM * 1e-3 * 20e-6);

    private static double[][] image(HiddenParameters hp, double setOffsetHz, double shimX) throws Exception {
        ScannerModel model = new ScannerModel(hp, EllipsePhantom.disc(0.06, Tissue.WHITE_MATTER), 0, 2);
        try (WireHarness w = new WireHarness(model, new DeviceServer.Options(200, 0))) {
            w.session.setFrequency(hp.trueLarmorHz() + setOffsetHz);
            w.session.setShim(shimX, 0, 0);
            WireHarness.Result r = w.run(TestPrograms.spinEchoImaging(N, FOV_MM, 300));
            List<SimulatedLine> lines = new ArrayList<>();
            for (AcqData a : r.lines()) {
                lines.add(new SimulatedLine(0, 0, new AdcWindow(0, a.samples(), a.dwellNs(), 0, 0, a.counters(), 0),
                        a.channels(), 0, 0, a.data()));
            }
            return TestRecon.rss(lines, N, N, 2);
        }
    }

    /** {linear size in px (√area), centroid x, centroid y}. */
    private static double[] measure(double[][] img) {
        double plateau = 0;
        for (int y = N / 2 - 3; y < N / 2 + 3; y++) for (int x = N / 2 - 3; x < N / 2 + 3; x++) plateau += img[y][x] / 36;
        double sum = 0, cx = 0, cy = 0;
        for (int y = 0; y < N; y++) {
            for (int x = 0; x < N; x++) {
                sum += img[y][x];
                cx += x * img[y][x];
                cy += y * img[y][x];
            }
        }
        return new double[] {Math.sqrt(sum / plateau), cx / sum, cy / sum};
    }

    private static HiddenParameters base() {
        return HiddenParameters.ideal(9);
    }

    @Test
    void threePercentGradientScaleEnlargesTheObjectByThreePercent() throws Exception {
        double[] ref = measure(image(base(), 0, 0));
        double[] big = measure(image(base().with(GradientErrors.ideal().withScale(1.03, 1.03, 1.0)), 0, 0));
        System.out.printf("size %.3f px → %.3f px with +3 %% gradient scale: ×%.4f%n", ref[0], big[0], big[0] / ref[0]);
        assertThat(big[0] / ref[0]).isCloseTo(1.03, within(0.005));
    }

    @Test
    void linearB0TermStretchesTheReadoutAndTheMatchingShimRemovesIt() throws Exception {
        double[] ref = measure(image(base(), 0, 0));
        double gb = 0.03 * READ_HZ_PER_M; // Hz/m along x, the readout axis
        double[] sh = new double[8];
        sh[0] = gb / base().nominalLarmorHz() * 1e6; // ppm/m
        HiddenParameters tilted = base().with(base().magnet().withSh(sh));
        double[] stretched = measure(image(tilted, 0, 0));
        double[] shimmed = measure(image(tilted, 0, -gb));
        // off-resonance gb·x adds to the readout gradient: x appears at x(1 + gb/G), only along x, so the area grows 3 %
        System.out.printf("area ratio: B0 term %.4f (expected 1.03), shimmed %.4f%n",
                Math.pow(stretched[0] / ref[0], 2), Math.pow(shimmed[0] / ref[0], 2));
        assertThat(Math.pow(stretched[0] / ref[0], 2)).isCloseTo(1.03, within(0.006));
        assertThat(Math.pow(shimmed[0] / ref[0], 2)).isCloseTo(1.0, within(0.002));
    }

    @Test
    void frequencyOffsetShiftsTheImageAlongTheReadout() throws Exception {
        double hzPerPx = READ_HZ_PER_M * FOV_MM * 1e-3 / N;
        double[] ref = measure(image(base(), 0, 0));
        double[] shifted = measure(image(base(), -2 * hzPerPx, 0)); // spins 2 px worth above the set frequency
        System.out.printf("centroid x %.3f → %.3f px (%.1f Hz/px)%n", ref[1], shifted[1], hzPerPx);
        assertThat(Math.abs(shifted[1] - ref[1])).isCloseTo(2.0, within(0.08));
        assertThat(shifted[2]).isCloseTo(ref[2], within(0.02));
    }
}
