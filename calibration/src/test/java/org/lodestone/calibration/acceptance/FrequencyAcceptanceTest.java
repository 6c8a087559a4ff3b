package org.lodestone.calibration.acceptance;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.lodestone.calibration.frequency.FrequencyCalibration;
import org.lodestone.calibration.run.Fid;
import org.lodestone.calibration.run.ProgramRunner;
import org.lodestone.calibration.run.UnitSettings;
import org.lodestone.calibration.twin.TwinProcess;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The frequency routine against the object's true mean frequency, on the calibration seeds: the uniform phantom
 * (a centred 170 mm sphere of doped water), the carrier started 5 kHz off so the wide search and its unfolding run.
 * Over a centred ball every spherical-harmonic term of the field averages to its value at the centre (they are
 * harmonic functions), so the object's mean frequency is the isocentre's true Larmor frequency; the twin also
 * writes its own PD-weighted mean over the object (truth.json scan.objectMeanOffsetHz), which must agree.
 */
class FrequencyAcceptanceTest {
    static final int SEEDS = 20;
    static final double START_OFFSET_HZ = 5_000;
    /** Allowed |calibrated − object mean|: the routine's own floor is 0.5 Hz; the coils weight the object unevenly. */
    static final double TOLERANCE_HZ = 1.0;

    /** @param errCoilsHz calibrated − the object's mean as the coils weight it (truth.json scan.receiveWeightedMeanOffsetHz) */
    record SeedResult(long seed, double errHz, double twinMeanMinusIsoHz, double errCoilsHz, double uncertaintyHz, double scanS) {
    }

    @Test
    void setsTheCarrierOnTheObjectsMeanFrequency() throws Exception {
        List<Future<SeedResult>> futures = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
            for (long seed = 1; seed <= SEEDS; seed++) {
                long s = seed;
                futures.add(pool.submit(() -> runSeed(s)));
            }
        }
        List<SeedResult> results = new ArrayList<>();
        for (Future<SeedResult> f : futures) results.add(f.get());
        System.out.println("seed  error vs object mean (Hz)  twin's object mean − isocentre (Hz)  error vs coil-weighted mean (Hz)  uncertainty (Hz)  scan (s)");
        double lo = Double.MAX_VALUE, hi = -Double.MAX_VALUE;
        for (SeedResult r : results) {
            System.out.printf(Locale.ROOT, "%4d %10.2f %30.3f %25.2f %20.2f %10.1f%n", r.seed, r.errHz, r.twinMeanMinusIsoHz, r.errCoilsHz,
                    r.uncertaintyHz, r.scanS);
            lo = Math.min(lo, r.errHz);
            hi = Math.max(hi, r.errHz);
        }
        System.out.printf(Locale.ROOT, "frequency error against the object's mean over %d seeds: %.2f … %.2f Hz%n", SEEDS, lo, hi);
        for (SeedResult r : results) {
            assertTrue(Math.abs(r.errHz) <= TOLERANCE_HZ, "seed " + r.seed + ": " + r.errHz + " Hz from the object's mean frequency");
            if (Double.isFinite(r.twinMeanMinusIsoHz)) {
                assertTrue(Math.abs(r.twinMeanMinusIsoHz) <= 0.1, "seed " + r.seed + ": the twin's object mean is "
                        + r.twinMeanMinusIsoHz + " Hz from the isocentre over a centred sphere");
            }
        }
    }

    private static SeedResult runSeed(long seed) throws Exception {
        try (TwinProcess twin = TwinProcess.start(seed, "--phantom", "uniform")) {
            ProgramRunner r = twin.runner();
            double nominal = twin.capabilities().nominalLarmorHz();
            Fid.acquire(r, 256, 20, 10); // the twin writes its truth at each scan start
            double start = twin.truth().get("trueLarmorHzNow").asDouble() + START_OFFSET_HZ;
            FrequencyCalibration.Result f = FrequencyCalibration.run(r, UnitSettings.powerOn(nominal), start, 2 * START_OFFSET_HZ);
            UnitSettings.powerOn(f.frequency().value()).apply(r);
            Fid.acquire(r, 256, 20, 10); // truth at the calibrated settings
            JsonNode truth = twin.truth();
            double iso = truth.get("trueLarmorHzNow").asDouble();
            JsonNode mean = truth.get("scan").get("objectMeanOffsetHz");
            JsonNode seen = truth.get("scan").get("receiveWeightedMeanOffsetHz");
            return new SeedResult(seed, f.frequency().value() - iso, mean == null ? Double.NaN : mean.asDouble(),
                    seen == null ? Double.NaN : f.frequency().value() - iso - seen.asDouble(), f.frequency().uncertainty(), r.scanSeconds());
        }
    }
}
