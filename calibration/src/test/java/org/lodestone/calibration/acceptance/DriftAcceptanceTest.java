package org.lodestone.calibration.acceptance;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.lodestone.calibration.drift.DriftCalibration;
import org.lodestone.calibration.drift.DriftTracker;
import org.lodestone.calibration.frequency.FrequencyCalibration;
import org.lodestone.calibration.run.CalibrationException;
import org.lodestone.calibration.run.Fid;
import org.lodestone.calibration.run.ProgramRunner;
import org.lodestone.calibration.run.UnitSettings;
import org.lodestone.calibration.twin.TwinProcess;
import org.lodestone.twin.testing.TwinExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Temperature coefficient within ±5 % of the twin's hidden one while the room warms (twin script:
 * ambient +3 K, magnet time constant 600 s), and the tracker built from it predicting the frequency
 * 10 minutes of warming later within one pixel of a typical scan (100 Hz), against truth.
 */
class DriftAcceptanceTest {
    /** A unit whose room does not change: seed 8, no script. */
    @RegisterExtension
    static final TwinExtension still = TwinExtension.builder().seed(8).build();

    @Test
    void measuresTheCoefficientAndTracksWarming(@TempDir Path tmp) throws Exception {
        Path script = tmp.resolve("warm.txt");
        Files.writeString(script, "0 ambient ramp +3 60\n");
        var warming = still.options().withSeed(7).withScript(script).withTruth(tmp.resolve("truth")).withArgs("--thermal-tau", "600");
        try (TwinProcess twin = TwinProcess.attach(still.start(warming))) {
            ProgramRunner r = twin.runner();
            double nominal = twin.capabilities().nominalLarmorHz();
            var f = FrequencyCalibration.run(r, UnitSettings.powerOn(nominal), nominal, 0);
            UnitSettings s = UnitSettings.powerOn(f.frequency().value());
            DriftCalibration.Result d = DriftCalibration.run(r, s, 12, 2, 5000);
            double truthAlpha = twin.truth().get("temperatureCoefficientPerK").asDouble();
            double err = d.coefficientPerK().value() / truthAlpha - 1;
            System.out.printf(Locale.ROOT, "drift: α %s (truth %.6g, error %.2f %%) over %.3f K; scan %.1f s%n", d.coefficientPerK(),
                    truthAlpha, 100 * err, d.spanK(), r.scanSeconds());
            assertTrue(Math.abs(err) <= 0.05, "coefficient error " + 100 * err + " %");

            double[] last = d.points().getLast();
            DriftTracker tracker = new DriftTracker(last[1], last[0], d.coefficientPerK().value());
            // ten minutes more of warming (a long scan's worth of unit time), then predict from the sensor alone
            r.run(new org.lodestone.seq.protocol.FreeInductionDecay(), java.util.Map.of("tr", 10000.0, "averages", 60.0));
            double magnetC = r.session().readSensors().magnetTemperatureC();
            double predicted = tracker.predictHz(magnetC);
            Fid.acquire(r, 256, 20, 10); // makes the twin write truth for "now"
            JsonNode truth = twin.truth();
            double miss = predicted - truth.get("trueLarmorHzNow").asDouble();
            double untracked = last[1] - truth.get("trueLarmorHzNow").asDouble();
            System.out.printf(Locale.ROOT, "tracker: magnet +%.3f K, prediction off by %.1f Hz (untracked carrier off by %.0f Hz)%n",
                    magnetC - last[0], miss, untracked);
            assertTrue(Math.abs(untracked) > 1000, "the warming must matter for this test to mean anything");
            assertTrue(Math.abs(miss) < 100, "tracker miss " + miss + " Hz");
        }
    }

    @Test
    void refusesWhenTheMagnetDoesNotMove() throws Exception {
        try (TwinProcess twin = TwinProcess.attach(still.twin())) {
            ProgramRunner r = twin.runner();
            double nominal = twin.capabilities().nominalLarmorHz();
            CalibrationException e = assertThrows(CalibrationException.class,
                    () -> DriftCalibration.run(r, UnitSettings.powerOn(nominal), 2, 2, 1000));
            assertTrue(e.getMessage().contains("moved only"), e.getMessage());
        }
    }
}
