package org.lodestone.calibration.acceptance;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lodestone.calibration.run.ProgramRunner;
import org.lodestone.calibration.store.CalibrationProfile;
import org.lodestone.calibration.store.CalibrationStore;
import org.lodestone.calibration.suite.CalibrationSuite;
import org.lodestone.calibration.suite.RoutineOutcome;
import org.lodestone.calibration.twin.TwinProcess;

import java.nio.file.Files;
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
 * Issue #7 acceptance: the after-drive requalification on 20 twins with random hidden parameters,
 * each a real child process behind a pty pair at speed 0, the carrier started 30 kHz off (as after
 * a drive). Every calibrated value is compared with the twin's hidden truth, which only this test reads.
 */
class RequalificationAcceptanceTest {
    static final int SEEDS = 20;
    static final double DRIVE_OFFSET_HZ = 30_000;

    /**
     * @param freqErrHz    calibrated frequency − the object's mean Larmor frequency (the twin's FID excites all of it)
     * @param freqErrIsoHz calibrated frequency − the isocentre's Larmor frequency
     */
    record SeedResult(long seed, boolean success, String failure, double freqErrHz, double freqErrIsoHz, double rfErrPct, double shimResidualPct,
                      double lwBefore, double lwAfter, double scanS, double wallS,
                      double resonanceErrHz, double gammaAfter, boolean tuneApplied, double qaSnr, double qaPiu,
                      double qaGhost, double qaDiamErr) {
    }

    @Test
    void requalifiesTwentyRandomUnits(@TempDir Path tmp) throws Exception {
        List<Future<SeedResult>> futures = new ArrayList<>();
        // two twins at a time: the machine has two cores and the twin is the heavy side
        try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
            for (long seed = 1; seed <= SEEDS; seed++) {
                long s = seed;
                futures.add(pool.submit(() -> runSeed(s, tmp.resolve("seed" + s))));
            }
        }
        List<SeedResult> results = new ArrayList<>();
        for (Future<SeedResult> f : futures) results.add(f.get());
        System.out.println("seed ok   freq-err(Hz) vs-isocentre rf-err(%) shim-resid(%) lw before→after (Hz)  scan(s) wall(s) res-err(Hz) |Γ|after  QA: SNR PIU(%) ghost(%) Ø-err(%)  failure");
        int ok = 0;
        double scanSum = 0, wallSum = 0;
        for (SeedResult r : results) {
            System.out.printf(Locale.ROOT, "%4d %-5s %10.2f %12.2f %9.2f %12.1f %8.1f → %5.1f %9.2f %7.1f %10.0f %8.4f %7.0f %6.1f %7.2f %7.2f  %s%n",
                    r.seed, r.success, r.freqErrHz, r.freqErrIsoHz, r.rfErrPct, r.shimResidualPct, r.lwBefore, r.lwAfter, r.scanS, r.wallS, r.resonanceErrHz,
                    r.gammaAfter, r.qaSnr, r.qaPiu, r.qaGhost, r.qaDiamErr, r.failure);
            if (r.success) ok++;
            scanSum += r.scanS;
            wallSum += r.wallS;
        }
        System.out.printf(Locale.ROOT, "--all succeeded on %d of %d seeds; mean unit scan time %.1f s, mean wall time %.1f s (2 twins in parallel, contended machine)%n",
                ok, SEEDS, scanSum / SEEDS, wallSum / SEEDS);
        // Issue #17 made the shim's verdict honest: it passes only when the line got narrower. On a few twins the line is
        // dominated by second-order terms a linear shim cannot narrow (2 of 20 when this was written); their --all now
        // fails at the shim and says so, where it used to pass with an unchanged or wider line. Every other failure counts.
        long shimCannotNarrow = results.stream().filter(r -> !r.success && r.failure.startsWith("shim: shimming did not narrow the line")).count();
        assertTrue(ok + shimCannotNarrow >= Math.ceil(0.95 * SEEDS), "--all must succeed on at least 95 % of seeds, but for an honest shim failure");
        assertTrue(ok >= Math.ceil(0.8 * SEEDS), "--all must succeed on at least 80 % of seeds");
        for (SeedResult r : results) {
            if (!r.success) {
                assertTrue(r.failure != null && !r.failure.isBlank(), "a failure must give a reason (seed " + r.seed + ")");
                continue;
            }
            assertTrue(Math.abs(r.freqErrHz) <= 5, "seed " + r.seed + ": frequency error " + r.freqErrHz + " Hz");
            assertTrue(Math.abs(r.rfErrPct) <= 3, "seed " + r.seed + ": RF scale error " + r.rfErrPct + " %");
            assertTrue(r.shimResidualPct <= 10, "seed " + r.seed + ": residual linear inhomogeneity " + r.shimResidualPct + " %");
            assertTrue(Math.abs(r.resonanceErrHz) <= 1000, "seed " + r.seed + ": coil resonance error " + r.resonanceErrHz + " Hz");
            assertTrue(r.gammaAfter < 0.05, "seed " + r.seed + ": reflection at Larmor after matching " + r.gammaAfter);
            assertTrue(r.tuneApplied, "seed " + r.seed + ": the unit scanned with other tune/match codes than calibrated");
        }
    }

    private static SeedResult runSeed(long seed, Path dir) throws Exception {
        long t0 = System.nanoTime();
        // daily QA closes the requalification, so the bore holds the uniform phantom
        try (TwinProcess twin = TwinProcess.start(seed, "--phantom", "uniform")) {
            ProgramRunner runner = twin.runner();
            CalibrationStore store = new CalibrationStore(dir.resolve("store"));
            double nominal = twin.capabilities().nominalLarmorHz();
            // the last calibration, before the drive, left the carrier 30 kHz away from today's field
            store.record(Map.of("frequency_hz", new org.lodestone.calibration.store.Entry(nominal + DRIVE_OFFSET_HZ, 1, "Hz",
                    java.time.Instant.now(), 30, "test", "before the drive")), "test", "before the drive");
            CalibrationSuite suite = new CalibrationSuite(runner, store, "acceptance", dir.resolve("out"), nominal);
            boolean ok = suite.run(CalibrationSuite.ALL);
            suite.writeReport(Map.of("seed", seed));
            JsonNode report = new com.fasterxml.jackson.databind.ObjectMapper().readTree(dir.resolve("out/calibration.json").toFile());
            assertTrue(report.get("complete").asBoolean(), "every routine of --all exists: " + report.get("not_available"));
            assertTrue(Files.exists(dir.resolve("out/calibration.json")) && Files.exists(dir.resolve("out/report.txt")));
            String failure = suite.outcomes().stream().filter(o -> o.status() == RoutineOutcome.Status.FAILED)
                    .map(o -> o.routine() + ": " + o.reason()).findFirst().orElse("");
            // one more FID at the final settings makes the twin write what it saw with them
            org.lodestone.calibration.run.Fid.acquire(runner, 256, 20, 10);
            JsonNode truth = twin.truth();
            var s = suite.settings();
            double fIso = truth.get("trueLarmorHzNow").asDouble();
            // A non-selective FID excites the whole phantom (issue #18), so the resonance the calibration must hit is
            // the object's mean frequency: over the centred sphere every field term averages to its centre value, and
            // the twin writes its PD-weighted mean at the final shims (scan.objectMeanOffsetHz).
            double objectMean = fIso + truth.get("scan").get("objectMeanOffsetHz").asDouble();
            double fErr = s.frequencyHz() - objectMean;
            double trueGain = truth.get("rfScale").asDouble() * truth.get("scan").get("coilEfficiency").asDouble();
            // nominal flips are true when transmitScale × true gain = 1
            double rfErr = 100 * (s.transmitScale() * trueGain - 1);
            double larmor = truth.get("trueLarmorHzNow").asDouble();
            String[] ax = {"x", "y", "z"};
            double ini = 0, res = 0;
            for (int a = 0; a < 3; a++) {
                double i0 = larmor * 1e-6 * truth.get("inhomogeneity").get(ax[a]).asDouble();
                double rr = i0 + truth.get("gradients").get("scale").get(a).asDouble() * s.shim(a);
                ini += i0 * i0;
                res += rr * rr;
            }
            double lwB = Double.NaN, lwA = Double.NaN;
            for (RoutineOutcome o : suite.outcomes()) {
                if (o.routine().equals("shim") && o.status() == RoutineOutcome.Status.PASSED) {
                    lwB = (Double) o.values().get("linewidth_before_hz");
                    lwA = (Double) o.values().get("linewidth_after_hz");
                    assertTrue(lwA < lwB, "seed " + seed + ": shim passed with the line " + lwB + " → " + lwA + " Hz");
                }
            }
            // the run is one version: current when it passed, in the history as failed when not
            var stored = suite.concludeByCriteria(true);
            assertEquals(ok ? CalibrationProfile.Status.ACCEPTED : CalibrationProfile.Status.FAILED, stored.status());
            assertEquals(ok ? stored.version() : 1, store.current().version(), "only a passing run becomes current");
            assertEquals(2, store.versions().size(), "the version before the drive and this run");
            // the coil's true resonance at the tune code the routine set, against what it reported
            double resErr = Double.NaN, gammaAfter = Double.NaN;
            for (RoutineOutcome o : suite.outcomes()) {
                if (o.routine().equals("tune") && o.status() == RoutineOutcome.Status.PASSED) {
                    JsonNode coil = truth.get("coil");
                    double trueRes = truth.get("nominalLarmorHz").asDouble() + coil.get("resonanceOffsetHz").asDouble()
                            + (s.tune() - 2048) * coil.get("tuneHzPerCode").asDouble();
                    @SuppressWarnings("unchecked")
                    double measured = (Double) ((Map<String, Object>) o.values().get("resonance_hz")).get("value");
                    resErr = measured - trueRes;
                    gammaAfter = Math.abs(s.match() - coil.get("matchOptimumCode").asDouble()) / 2048;
                }
            }
            double[] qa = {Double.NaN, Double.NaN, Double.NaN, Double.NaN};
            for (RoutineOutcome o : suite.outcomes()) {
                if (o.routine().equals("qa") && o.values().containsKey("snr")) {
                    qa = new double[] {(Double) o.values().get("snr"), (Double) o.values().get("piu_percent"),
                            (Double) o.values().get("ghosting_percent"), (Double) o.values().get("diameter_error_percent")};
                }
            }
            boolean applied = truth.get("scan").get("tuneCode").asInt() == s.tune() && truth.get("scan").get("matchCode").asInt() == s.match();
            return new SeedResult(seed, ok, failure, fErr, s.frequencyHz() - fIso, rfErr, 100 * Math.sqrt(res / ini), lwB, lwA, runner.scanSeconds(),
                    (System.nanoTime() - t0) / 1e9, resErr, gammaAfter, applied, qa[0], qa[1], qa[2], qa[3]);
        }
    }
}
