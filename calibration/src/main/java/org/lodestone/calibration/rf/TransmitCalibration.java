package org.lodestone.calibration.rf;

import org.lodestone.calibration.run.CalibrationException;
import org.lodestone.calibration.run.Reason;
import org.lodestone.calibration.run.Fid;
import org.lodestone.calibration.run.Measured;
import org.lodestone.calibration.run.ProgramRunner;
import org.lodestone.calibration.run.UnitSettings;

import java.util.ArrayList;
import java.util.List;

/**
 * RF transmit scale by the double-angle method: from equilibrium, FIDs after nominal α and 2α give
 * S(2α)/S(α) = 2·cos α_true, whatever the coil's receive gain and M0. α = 60° keeps the 2α pulse
 * (120°) under the unit's peak B1 with the standard 400 µs hard pulse and sits where cos α is steep.
 * Repeated pairs give the uncertainty. Each program starts with the magnetisation at rest.
 */
public final class TransmitCalibration {
    private static final double ALPHA_DEG = 60;
    private static final int PAIRS = 3;
    private static final int INITIAL_SAMPLES = 16;

    /**
     * @param transmitScale the scale to set so that nominal flip angles are true
     * @param b1Gain        true flip / nominal flip at the scale the routine started with
     * @param pairs         {ratio S(2α)/S(α), true α in degrees} per pair
     */
    public record Result(Measured transmitScale, Measured b1Gain, List<double[]> pairs) {
    }

    private TransmitCalibration() {
    }

    public static Result run(ProgramRunner r, UnitSettings s) throws CalibrationException {
        s.apply(r);
        List<double[]> pairs = new ArrayList<>();
        double sum = 0, sum2 = 0;
        for (int k = 0; k < PAIRS; k++) {
            Fid a = Fid.acquire(r, 256, 20, ALPHA_DEG);
            Fid b = Fid.acquire(r, 256, 20, 2 * ALPHA_DEG);
            double num = 0, den = 0;
            for (int c = 0; c < a.channels().length; c++) {
                double[] ia = a.initial(c, INITIAL_SAMPLES), ib = b.initial(c, INITIAL_SAMPLES);
                double m = Math.hypot(ia[0], ia[1]);
                // the 2α signal's component along the α signal: negative past 90° · 2 (a sign a magnitude would lose)
                num += ia[0] * ib[0] + ia[1] * ib[1];
                den += m * m;
            }
            if (!(den > 0)) throw new CalibrationException(Reason.of(Reason.Code.NO_SIGNAL), "the FID has no signal: is a phantom in the magnet?");
            double ratio = num / den;
            if (Math.abs(ratio) >= 2) {
                throw new CalibrationException(String.format("the double-angle ratio %.2f is impossible (|ratio| < 2): "
                        + "the FID is too noisy or the phantom moved", ratio));
            }
            double alpha = Math.toDegrees(Math.acos(ratio / 2));
            pairs.add(new double[] {ratio, alpha});
            double g = alpha / ALPHA_DEG;
            sum += g;
            sum2 += g * g;
        }
        double gain = sum / PAIRS;
        double u = Math.sqrt(Math.max(0, sum2 / PAIRS - gain * gain) / (PAIRS - 1)) + 1e-4;
        if (gain < 0.3 || gain > 1.9) {
            throw new CalibrationException(Reason.of(Reason.Code.FLIP_OUT_OF_RANGE, Reason.number(100 * gain, 0)),
                    String.format("the flip angle is %.0f %% of nominal: the RF chain is outside what the "
                    + "transmit scale can correct; check the amplifier and the coil tuning", 100 * gain));
        }
        double ts = s.transmitScale() / gain;
        if (ts > 2) throw new CalibrationException(Reason.of(Reason.Code.TRANSMIT_SCALE_HIGH, Reason.number(ts, 2)),
                String.format("the RF needs a transmit scale of %.2f, above the unit's 2", ts));
        return new Result(new Measured(ts, ts * u / gain, ""), new Measured(gain, u, ""), pairs);
    }
}
