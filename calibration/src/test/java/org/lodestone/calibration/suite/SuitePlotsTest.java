package org.lodestone.calibration.suite;

import org.junit.jupiter.api.Test;
import org.lodestone.calibration.noise.NoiseSurvey;
import org.lodestone.calibration.plot.XyPlot;
import org.lodestone.calibration.run.Measured;
import org.lodestone.calibration.store.CalibrationProfile;
import org.lodestone.calibration.store.CalibrationStore;
import org.lodestone.calibration.twin.TwinProcess;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The plots an engineer reads: every routine of the requalification plus noise and drift on a twin with four
 * receive coils, each PNG written (kept in target/calibration-plots to look at), the noise plot with one curve
 * per channel the unit delivers, and per-channel noise levels stored for the trends.
 */
class SuitePlotsTest {
    static final Path OUT = Path.of("target/calibration-plots");

    @Test
    void everyRoutineDrawsItsPlotAndNoiseHasACurvePerChannel() throws Exception {
        CalibrationStore store = new CalibrationStore(Files.createTempDirectory("plots-store-"));
        Path script = Files.createTempDirectory("plots-script-").resolve("warm.txt");
        Files.writeString(script, "0 ambient ramp +3 60\n"); // the room warms, so drift has a line to fit
        try (TwinProcess twin = TwinProcess.start(4, "--phantom", "uniform", "--coils", "4", "--script", script.toString(), "--thermal-tau", "600")) {
            CalibrationSuite suite = new CalibrationSuite(twin.runner(), store, "eng", OUT, twin.capabilities().nominalLarmorHz());
            List<String> routines = new ArrayList<>(CalibrationSuite.ALL);
            routines.addAll(List.of("noise", "drift"));
            suite.run(routines);
            suite.writeReport(Map.of());
            for (RoutineOutcome o : suite.outcomes()) {
                assertNotNull(o.plot(), o.routine() + " has a plot");
                assertTrue(o.plot().endsWith(".png"), o.routine() + ": " + o.plot() + " " + o.reason());
                BufferedImage img = ImageIO.read(OUT.resolve(o.plot()).toFile());
                assertEquals(900, img.getWidth(), o.routine());
            }
            for (String extra : List.of("shim-maps.png")) assertTrue(Files.exists(OUT.resolve(extra)), extra);
            RoutineOutcome noise = suite.outcomes().stream().filter(o -> o.routine().equals("noise")).findFirst().orElseThrow();
            assertEquals(4, ((List<?>) noise.values().get("noise_std")).size(), "one level per coil");
            assertTrue(suite.pending().containsKey(CalibrationProfile.noiseStd(3)));
            assertTrue(suite.pending().containsKey(CalibrationProfile.REFLECTION));
        }
    }

    @Test
    void gradientsDrawTheRodsFoundAndTheScaleFit() throws Exception {
        CalibrationStore store = new CalibrationStore(Files.createTempDirectory("plots-store-"));
        try (TwinProcess twin = TwinProcess.start(4, "--phantom", "geometry")) {
            CalibrationSuite suite = new CalibrationSuite(twin.runner(), store, "eng", OUT, twin.capabilities().nominalLarmorHz());
            suite.run(List.of("gradients"));
            RoutineOutcome o = suite.outcomes().getFirst();
            assertEquals(RoutineOutcome.Status.PASSED, o.status(), o.reason());
            assertEquals("gradients.png", o.plot());
            assertEquals("gradient-fit.png", o.values().get("fit_plot"));
            assertEquals(900, ImageIO.read(OUT.resolve("gradient-fit.png").toFile()).getWidth());
        }
    }

    @Test
    void noisePlotHasOneNamedCurvePerChannel() {
        List<List<double[]>> spectra = new ArrayList<>();
        for (int c = 0; c < 3; c++) {
            List<double[]> s = new ArrayList<>();
            for (int k = 0; k < 16; k++) s.add(new double[] {-1000 + 125 * k, 3 + c});
            spectra.add(s);
        }
        Measured[] std = {new Measured(5, 0.1, ""), new Measured(5.2, 0.1, ""), new Measured(9, 0.1, "")};
        NoiseSurvey.Result r = new NoiseSurvey.Result(std, new double[] {0.1, 0.4, 5.1}, List.of(), new double[3], spectra);
        XyPlot p = RoutinePlots.noise(r);
        assertEquals(3, p.series().size());
        assertEquals("ch 2: σ 9.00, +5.1 dB", p.series().get(2).name());
        assertEquals(10 * Math.log10(5), p.series().get(2).xy().getFirst()[1], 1e-12, "power in dB");
        assertEquals((-1000 + 125 * 3.5) / 1e3, p.series().get(0).xy().getFirst()[0], 1e-12, "offset in kHz, mean over 8 bins");
    }
}
