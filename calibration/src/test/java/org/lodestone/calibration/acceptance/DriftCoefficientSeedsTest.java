package org.lodestone.calibration.acceptance;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lodestone.calibration.drift.DriftCalibration;
import org.lodestone.calibration.frequency.FrequencyCalibration;
import org.lodestone.calibration.run.ProgramRunner;
import org.lodestone.calibration.run.UnitSettings;
import org.lodestone.calibration.twin.TwinProcess;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The temperature coefficient within ±5 % of the hidden one on 20 twins, each with its own drawn
 * coefficient (the material's ±8 %), magnet start and room temperature, while the room warms 3 K
 * (twin script; magnet time constant 600 s).
 */
class DriftCoefficientSeedsTest {
    static final int SEEDS = 20;

    record SeedResult(long seed, double alpha, double truth, double errPct, double spanK, String failure) {
    }

    @Test
    void coefficientWithinFivePercentOnTwentyUnits(@TempDir Path tmp) throws Exception {
        Path script = tmp.resolve("warm.txt");
        Files.writeString(script, "0 ambient ramp +3 60\n");
        List<Future<SeedResult>> futures = new ArrayList<>();
        // two twins at a time: the machine has two cores and the twin is the heavy side
        try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
            for (long seed = 1; seed <= SEEDS; seed++) {
                long s = seed;
                futures.add(pool.submit(() -> runSeed(s, script)));
            }
        }
        System.out.println("seed  α measured (1/K)  α true (1/K)  error (%)  span (K)  failure");
        List<SeedResult> results = new ArrayList<>();
        for (Future<SeedResult> f : futures) results.add(f.get());
        double worst = 0;
        for (SeedResult r : results) {
            System.out.printf(Locale.ROOT, "%4d  %16.6g  %12.6g  %9.2f  %8.3f  %s%n", r.seed, r.alpha, r.truth, r.errPct, r.spanK, r.failure);
            if (r.failure.isEmpty()) worst = Math.max(worst, Math.abs(r.errPct));
        }
        System.out.printf(Locale.ROOT, "worst coefficient error %.2f %%%n", worst);
        for (SeedResult r : results) {
            assertTrue(r.failure.isEmpty(), "seed " + r.seed + ": " + r.failure);
            assertTrue(Math.abs(r.errPct) <= 5, "seed " + r.seed + ": coefficient error " + r.errPct + " %");
        }
    }

    private static SeedResult runSeed(long seed, Path script) throws Exception {
        try (TwinProcess twin = TwinProcess.start(seed, "--script", script.toString(), "--thermal-tau", "600")) {
            ProgramRunner r = twin.runner();
            double nominal = twin.capabilities().nominalLarmorHz();
            double truth = Double.NaN;
            try {
                var f = FrequencyCalibration.run(r, UnitSettings.powerOn(nominal), nominal, 60_000);
                DriftCalibration.Result d = DriftCalibration.run(r, UnitSettings.powerOn(f.frequency().value()), 12, 2, 5000);
                truth = twin.truth().get("temperatureCoefficientPerK").asDouble();
                double alpha = d.coefficientPerK().value();
                return new SeedResult(seed, alpha, truth, 100 * (alpha / truth - 1), d.spanK(), "");
            } catch (org.lodestone.calibration.run.CalibrationException e) {
                return new SeedResult(seed, Double.NaN, truth, Double.NaN, Double.NaN, e.getMessage());
            }
        }
    }
}
