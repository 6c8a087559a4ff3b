package org.lodestone.calibration.acceptance;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lodestone.calibration.run.UnitSettings;
import org.lodestone.calibration.store.CalibrationProfile;
import org.lodestone.calibration.store.CalibrationStore;
import org.lodestone.calibration.suite.CalibrationSuite;
import org.lodestone.calibration.suite.RoutineOutcome;
import org.lodestone.calibration.twin.TwinProcess;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue #7 acceptance for the gradient routine: 20 twins with the geometry phantom (real child
 * processes behind pty pairs, speed 0); the scale per axis against the hidden truth within ±1 %.
 * The routine knows only the phantom's drawing; only this test reads the truth.
 */
class GradientAcceptanceTest {
    static final int SEEDS = 20;

    record SeedResult(long seed, String failure, double[] scaleErrPct, double[] delayErrUs, double scanS) {
    }

    @Test
    void gradientScaleWithinOnePercentOnTwentyUnits(@TempDir Path tmp) throws Exception {
        List<Future<SeedResult>> futures = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
            for (long seed = 1; seed <= SEEDS; seed++) {
                long s = seed;
                futures.add(pool.submit(() -> runSeed(s, tmp.resolve("seed" + s))));
            }
        }
        System.out.println("seed scale err x/y/z (%)        delay err x/y/z (µs)     scan(s)  failure");
        List<SeedResult> results = new ArrayList<>();
        for (Future<SeedResult> f : futures) results.add(f.get());
        double worst = 0, worstDelay = 0;
        for (SeedResult r : results) {
            System.out.printf(Locale.ROOT, "%4d %7.3f %7.3f %7.3f   %7.2f %7.2f %7.2f   %6.2f  %s%n", r.seed, r.scaleErrPct[0], r.scaleErrPct[1],
                    r.scaleErrPct[2], r.delayErrUs[0], r.delayErrUs[1], r.delayErrUs[2], r.scanS, r.failure);
            for (int a = 0; a < 3; a++) {
                worst = Math.max(worst, Math.abs(r.scaleErrPct[a]));
                worstDelay = Math.max(worstDelay, Math.abs(r.delayErrUs[a]));
            }
        }
        System.out.printf(Locale.ROOT, "worst scale error %.3f %%, worst delay error %.2f µs%n", worst, worstDelay);
        // the delay's bias (issue #18): the eddy currents' lag, one-sided, so the value is an upper bound (GradientDelayBiasTest)
        double minDelay = results.stream().filter(r -> r.failure.isEmpty()).flatMapToDouble(r -> java.util.Arrays.stream(r.delayErrUs))
                .min().orElse(Double.NaN);
        double meanDelay = results.stream().filter(r -> r.failure.isEmpty()).flatMapToDouble(r -> java.util.Arrays.stream(r.delayErrUs))
                .average().orElse(Double.NaN);
        System.out.printf(Locale.ROOT, "delay error over the seeds: mean %+.2f µs, from %+.2f µs; stored as %s%n", meanDelay, minDelay,
                "\"" + org.lodestone.calibration.gradient.GradientCalibration.DELAY_VERDICT + "\"");
        assertTrue(minDelay > -0.5, "the effective delay is an upper bound on the delay: " + minDelay + " µs");
        for (SeedResult r : results) {
            assertEquals("", r.failure, "seed " + r.seed);
            for (int a = 0; a < 3; a++) assertTrue(Math.abs(r.scaleErrPct[a]) <= 1, "seed " + r.seed + " axis " + a + ": " + r.scaleErrPct[a] + " %");
        }
    }

    private static SeedResult runSeed(long seed, Path dir) throws Exception {
        try (TwinProcess twin = TwinProcess.start(seed, "--phantom", "geometry")) {
            double nominal = twin.capabilities().nominalLarmorHz();
            CalibrationStore store = new CalibrationStore(dir.resolve("store"));
            CalibrationSuite suite = new CalibrationSuite(twin.runner(), store, "acceptance", dir.resolve("out"), nominal);
            // the frequency first, as a service engineer would: the seeds' magnets start up to ±1 K (±18 kHz) away from
            // the nominal carrier, enough to shift a projection out of its field of view
            // seed 1 also asks for QA, which must not pass on the geometry phantom, and say why: either that the
            // object is not the uniform phantom or that its diameter is not the uniform phantom's
            suite.run(seed == 1 ? List.of("frequency", "gradients", "qa") : List.of("frequency", "gradients"));
            if (seed == 1) {
                RoutineOutcome qa = suite.outcomes().getLast();
                assertEquals(RoutineOutcome.Status.FAILED, qa.status());
                assertTrue(qa.reason().contains("needs the uniform phantom") || qa.reason().contains("off the specified 170 mm"),
                        qa.reason());
            }
            suite.writeReport(Map.of("seed", seed));
            RoutineOutcome o = suite.outcomes().stream().filter(x -> !x.routine().equals("qa") && x.status() != RoutineOutcome.Status.PASSED).findFirst()
                    .orElse(suite.outcomes().stream().filter(x -> x.routine().equals("gradients")).findFirst().orElseThrow());
            double[] se = new double[3], de = new double[3];
            if (o.status() != RoutineOutcome.Status.PASSED) {
                return new SeedResult(seed, o.routine() + ": " + o.reason(), se, de, suite.runner().scanSeconds());
            }
            JsonNode g = twin.truth().get("gradients");
            // what the run calibrated; seed 1's run failed on QA, so it is stored as failed, never current
            CalibrationProfile p = suite.concludeByCriteria(true);
            assertEquals(seed == 1 ? CalibrationProfile.Status.FAILED : CalibrationProfile.Status.ACCEPTED, p.status());
            if (seed == 1) assertEquals(0, store.current().version(), "a failed run leaves the current version as it was");
            assertTrue(p.entries().get(CalibrationProfile.GRADIENT_DELAY[0]).unit().contains("not trustworthy"), "the delay says what it is");
            for (int a = 0; a < 3; a++) {
                se[a] = 100 * (p.value(CalibrationProfile.GRADIENT_SCALE[a], Double.NaN) / g.get("scale").get(a).asDouble() - 1);
                de[a] = 1e6 * (p.value(CalibrationProfile.GRADIENT_DELAY[a], Double.NaN) - g.get("delayS").get(a).asDouble());
            }
            return new SeedResult(seed, "", se, de, suite.runner().scanSeconds());
        }
    }
}
