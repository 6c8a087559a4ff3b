package org.lodestone.calibration.gradient;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lodestone.calibration.run.ProgramRunner;
import org.lodestone.calibration.store.CalibrationProfile;
import org.lodestone.calibration.store.CalibrationStore;
import org.lodestone.calibration.suite.CalibrationSuite;
import org.lodestone.hw.gpio.Armed;
import org.lodestone.hw.session.ScannerSession;
import org.lodestone.hw.wire.Message;
import org.lodestone.seq.limits.UnitProfile;
import org.lodestone.twin.device.DeviceServer;
import org.lodestone.twin.launch.InProcessTwin;
import org.lodestone.twin.phantom.GeometryPhantom;
import org.lodestone.twin.physics.GradientErrors;
import org.lodestone.twin.physics.HiddenParameters;
import org.lodestone.twin.physics.ScannerModel;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where the gradient delay's bias comes from: the same unit (seed) with and without its eddy currents.
 * Without them the echo shift is the amplifier delay; with them the eddy currents' lag adds to it for
 * both readout polarities (it flips with the gradient, as the echo's offset does), so the two-polarity
 * average cannot remove it.
 */
class GradientDelayBiasTest {
    static final long SEED = 3;

    @Test
    void theDelayIsUnbiasedWithoutEddyCurrentsAndLateByTheirLagWithThem(@TempDir Path dir) throws Exception {
        HiddenParameters drawn = HiddenParameters.fromSeed(SEED);
        GradientErrors g = drawn.gradients();
        GradientErrors noEddy = new GradientErrors(g.scale(), g.delayS(), new double[3], g.eddyTauS());
        double[] without = delayErrorUs(drawn.with(noEddy), dir.resolve("without"));
        double[] with = delayErrorUs(drawn, dir.resolve("with"));
        for (int a = 0; a < 3; a++) {
            // what a single-exponential eddy lags the echo by, at most: amplitude × time constant
            double lagUs = 1e6 * g.eddyAmplitude()[a] * g.eddyTauS()[a];
            System.out.printf(Locale.ROOT, "axis %d: delay %.2f µs, eddy %.2f %% τ %.2f ms (α·τ %.2f µs): error without eddy %+.2f µs, with %+.2f µs%n",
                    a, 1e6 * g.delayS()[a], 100 * g.eddyAmplitude()[a], 1e3 * g.eddyTauS()[a], lagUs, without[a], with[a]);
        }
        for (int a = 0; a < 3; a++) {
            double lagUs = 1e6 * g.eddyAmplitude()[a] * g.eddyTauS()[a];
            assertThat(Math.abs(without[a])).as("axis %d without eddy currents", a).isLessThan(0.6);
            assertThat(with[a] - without[a]).as("axis %d: the eddy lag", a).isGreaterThan(0.3).isLessThan(lagUs + 0.2);
        }
    }

    /** Calibrated minus hidden delay per axis, µs, on an in-process twin with the geometry phantom. */
    private static double[] delayErrorUs(HiddenParameters hidden, Path dir) throws Exception {
        ScannerModel model = new ScannerModel(hidden, new GeometryPhantom(), ScannerModel.DEFAULT_NOISE_STD, 1);
        try (InProcessTwin twin = InProcessTwin.start(model, new DeviceServer.Options(5000, 0, null, 600), null);
             ScannerSession session = ScannerSession.open(twin.hostEnd())) {
            Message.Capabilities caps = session.hello("gradient delay bias test");
            ProgramRunner runner = new ProgramRunner(session, UnitProfile.from(caps.limits()), () -> Armed.withoutInterlocks("in-process twin"));
            CalibrationStore store = new CalibrationStore(dir.resolve("store"));
            CalibrationSuite suite = new CalibrationSuite(runner, store, "test", dir.resolve("out"), caps.nominalLarmorHz());
            assertThat(suite.run(List.of("frequency", "gradients"))).as(suite.outcomes().toString()).isTrue();
            CalibrationProfile p = suite.concludeByCriteria(true);
            // the value says what it is wherever it is shown: the store (calibrate --show) and report.txt
            suite.writeReport(java.util.Map.of());
            assertThat(p.entries().get(CalibrationProfile.GRADIENT_DELAY[0]).unit()).contains("not trustworthy");
            assertThat(java.nio.file.Files.readString(dir.resolve("out/report.txt"))).contains(GradientCalibration.DELAY_VERDICT);
            double[] err = new double[3];
            for (int a = 0; a < 3; a++) err[a] = 1e6 * (p.value(CalibrationProfile.GRADIENT_DELAY[a], Double.NaN) - hidden.gradients().delayS()[a]);
            return err;
        }
    }
}
