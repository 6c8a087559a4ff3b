package org.lodestone.calibration.drift;

import org.lodestone.calibration.frequency.FidSpectrum;
import org.lodestone.calibration.run.CalibrationException;
import org.lodestone.calibration.run.Reason;
import org.lodestone.calibration.run.Fits;
import org.lodestone.calibration.run.Measured;
import org.lodestone.calibration.run.ProgramRunner;
import org.lodestone.calibration.run.UnitSettings;
import org.lodestone.hw.session.DeviceException;
import org.lodestone.seq.protocol.FreeInductionDecay;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Temperature coefficient of the field: while the magnet's temperature changes (warm-up, a door
 * open, a heater), programs of a few FIDs spaced in time are run; the magnet sensor is read before
 * and after each program and interpolated to each FID; each FID's spectral peak is the frequency.
 * A straight line f(T) gives α = (df/dT)/f. The carrier follows the drift program by program.
 */
public final class DriftCalibration {
    /** Below this the sensor's span is too small for ±5 %: 0.05 K is ~900 Hz of NdFeB at 0.35 T. */
    static final double MIN_SPAN_K = 0.05;

    /** @param points {magnet °C, frequency Hz} per FID */
    public record Result(Measured coefficientPerK, Measured slopeHzPerK, double spanK, List<double[]> points) {
    }

    private DriftCalibration() {
    }

    /**
     * @param programs     how many programs (each a few FIDs)
     * @param fidsPerProgram FIDs per program
     * @param spacingMs    time between FIDs (≤ 10 s)
     */
    public static Result run(ProgramRunner r, UnitSettings s, int programs, int fidsPerProgram, double spacingMs)
            throws CalibrationException {
        List<double[]> pts = new ArrayList<>();
        double carrier = s.frequencyHz();
        for (int p = 0; p < programs; p++) {
            s.withFrequency(carrier).apply(r);
            double before = magnetC(r);
            var a = r.run(new FreeInductionDecay(), Map.of("samples", 1024.0, "dwell", 20.0, "tr", spacingMs,
                    "averages", (double) fidsPerProgram));
            double after = magnetC(r);
            double last = carrier;
            for (int k = 0; k < a.lines().size(); k++) {
                FidSpectrum.Peak pk = FidSpectrum.peak(a.channel(k, 0), a.dwellSeconds());
                // FID k sits at k·TR into the program; temperature between the two readings
                double frac = (k * spacingMs * 1e-3) / a.programSeconds();
                double tC = before + (after - before) * frac;
                last = carrier + pk.offsetHz();
                pts.add(new double[] {tC, last});
            }
            carrier = last;
        }
        double[] x = pts.stream().mapToDouble(q -> q[0]).toArray(), y = pts.stream().mapToDouble(q -> q[1]).toArray();
        double span = java.util.Arrays.stream(x).max().orElse(0) - java.util.Arrays.stream(x).min().orElse(0);
        if (!(span >= MIN_SPAN_K)) {
            throw new CalibrationException(Reason.of(Reason.Code.DRIFT_SPAN_TOO_SMALL, Reason.number(span, 3), Reason.number(MIN_SPAN_K, 2)),
                    String.format("the magnet temperature moved only %.3f K during the measurement; the "
                    + "coefficient needs at least %.2f K (run it while the magnet warms up or cools down, or longer)", span, MIN_SPAN_K));
        }
        Fits.Line fit = Fits.line(x, y);
        double fMean = java.util.Arrays.stream(y).average().orElseThrow();
        return new Result(new Measured(fit.b() / fMean, fit.sb() / fMean, "1/K"), new Measured(fit.b(), fit.sb(), "Hz/K"), span, pts);
    }

    static double magnetC(ProgramRunner r) throws CalibrationException {
        try {
            double t = r.session().readSensors().magnetTemperatureC();
            if (Double.isNaN(t)) throw new CalibrationException(Reason.of(Reason.Code.SENSOR_FAULT), "the magnet temperature sensor gives no reading (sensor fault)");
            return t;
        } catch (DeviceException e) {
            throw new CalibrationException("cannot read the sensors: " + e.getMessage());
        }
    }
}
