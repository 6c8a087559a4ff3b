package org.lodestone.calibration.shim;

import org.junit.jupiter.api.Test;
import org.lodestone.calibration.run.CalibrationException;
import org.lodestone.calibration.run.ProgramRunner;
import org.lodestone.calibration.run.UnitSettings;
import org.lodestone.hw.gpio.Armed;
import org.lodestone.hw.session.ScannerSession;
import org.lodestone.hw.wire.Message;
import org.lodestone.seq.limits.UnitProfile;
import org.lodestone.twin.device.DeviceServer;
import org.lodestone.twin.launch.InProcessTwin;
import org.lodestone.twin.phantom.PlacedPhantom;
import org.lodestone.twin.physics.HiddenParameters;
import org.lodestone.twin.physics.ScannerModel;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue #17: the shim never passes with a worse linewidth. On 20 twins (in this process, speed 0, the
 * uniform phantom) the shim runs twice: once from zero offsets, as after a drive, where it should
 * narrow the line, and once more from its own result, where noise decides and a wider line is likely
 * on some seeds. Every pass must have narrowed the line; every failure must say so and keep the shim.
 */
class ShimVerdictSeedsTest {
    static final int SEEDS = 20;

    record Run(long seed, int round, boolean passed, double before, double after, String reason) {
    }

    @Test
    void aShimPassesOnlyWhenTheLineGotNarrower() throws Exception {
        List<Run> runs = new ArrayList<>();
        for (long seed = 1; seed <= SEEDS; seed++) runs.addAll(shimTwice(seed));
        System.out.println("seed round passed  linewidth before → after (Hz)  reason");
        for (Run r : runs) {
            System.out.printf(Locale.ROOT, "%4d %5d %-6s %8.2f → %6.2f  %s%n", r.seed, r.round, r.passed, r.before, r.after, r.reason);
        }
        for (Run r : runs) {
            if (r.passed) {
                assertTrue(r.after < r.before, "seed " + r.seed + " round " + r.round + ": passed with " + r.before + " → " + r.after + " Hz");
            } else {
                assertTrue(r.reason.contains("did not narrow") || r.reason.contains("not consistent"), r.reason);
                assertFalse(r.reason.contains("Exception"), r.reason);
            }
        }
        // not vacuous: from zero offsets most shims narrow the line (3 of 20 seeds did not when this was written)
        long firstPassed = runs.stream().filter(r -> r.round == 1 && r.passed).count();
        assertTrue(firstPassed >= 3 * SEEDS / 4, "from zero offsets the shim must narrow the line on most seeds: " + firstPassed);
    }

    private static List<Run> shimTwice(long seed) throws Exception {
        ScannerModel model = new ScannerModel(HiddenParameters.fromSeed(seed), PlacedPhantom.named("uniform"), ScannerModel.DEFAULT_NOISE_STD, 1);
        try (InProcessTwin twin = InProcessTwin.start(model, new DeviceServer.Options(2000, 0), null)) {
            ScannerSession session = ScannerSession.open(twin.hostEnd());
            try {
                Message.Capabilities caps = session.hello("shim-verdict-test");
                ProgramRunner runner = new ProgramRunner(session, UnitProfile.from(caps.limits()),
                        () -> Armed.withoutInterlocks("in-process twin without GPIO"));
                // the carrier on the twin's true Larmor frequency: the frequency search is another routine's test
                UnitSettings s = UnitSettings.powerOn(model.hidden().trueLarmorHz());
                List<Run> out = new ArrayList<>();
                for (int round = 1; round <= 2; round++) {
                    try {
                        ShimCalibration.Result r = ShimCalibration.run(runner, s);
                        out.add(new Run(seed, round, true, r.linewidthBeforeHz(), r.linewidthAfterHz(), ""));
                        s = s.withShim(r.shim()[0].value(), r.shim()[1].value(), r.shim()[2].value());
                    } catch (CalibrationException e) {
                        out.add(new Run(seed, round, false, Double.NaN, Double.NaN, e.getMessage()));
                    }
                }
                return out;
            } finally {
                session.close();
            }
        }
    }
}
