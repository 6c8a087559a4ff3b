package org.lodestone.seq.limits;

import org.lodestone.seq.model.Adc;
import org.lodestone.seq.model.ArbitraryGradient;
import org.lodestone.seq.model.Block;
import org.lodestone.seq.model.Gradient;
import org.lodestone.seq.model.Physics;
import org.lodestone.seq.model.Rf;
import org.lodestone.seq.model.Sequence;
import org.lodestone.seq.model.Trap;
import org.lodestone.seq.model.Waveform;

import java.util.ArrayList;
import java.util.List;

/**
 * Checks a sequence against a unit's limits:
 * <ul>
 *   <li>per block: gradient amplitude and slew per axis, RF peak B1, ADC dwell and samples, every
 *       event on its raster, events inside the block, dB/dt against the IEC stimulation model;</li>
 *   <li>sliding windows: gradient RMS per axis (coil heating), RF duty cycle and B1 RMS (amplifier
 *       average power), whole-body SAR over 6 minutes ({@link PatientSafety}).</li>
 * </ul>
 * Window violations name the block that ends the worst window.
 */
public final class LimitCheck {
    private static final String[] AXES = {"x", "y", "z"};
    private static final double RASTER_TOLERANCE = 1e-9;

    private LimitCheck() {
    }

    public static List<Violation> check(Sequence seq, UnitProfile unit) {
        List<Violation> out = new ArrayList<>();
        List<Block> blocks = seq.blocks();
        int n = blocks.size();
        double[] durations = new double[n];
        double[][] gradEnergy = new double[3][n];
        double[] rfOn = new double[n], b1Sq = new double[n];
        PatientSafety safety = unit.safety();
        for (int i = 0; i < n; i++) {
            Block b = blocks.get(i);
            durations[i] = b.duration();
            onRaster(out, i, "block duration", b.duration(), unit.blockRaster());
            double[] axisSlew = new double[3];
            double stimulusDuration = 0;
            for (int axis = 0; axis < 3; axis++) {
                Gradient g = b.gradient(axis);
                if (g == null) continue;
                Waveform w = g.waveform();
                gradEnergy[axis][i] = w.energy();
                double amp = g.peak();
                if (amp > unit.maxGradient() * (1 + 1e-9)) {
                    out.add(new Violation(i, "gradient amplitude on " + AXES[axis], Physics.hzPerMToMTPerM(amp),
                            Physics.hzPerMToMTPerM(unit.maxGradient()), "mT/m"));
                }
                double slew = g.maxSlew();
                if (slew > unit.maxSlew() * (1 + 1e-9)) {
                    out.add(new Violation(i, "gradient slew rate on " + AXES[axis], Physics.hzPerMToMTPerM(slew) / 1e3,
                            Physics.hzPerMToMTPerM(unit.maxSlew()) / 1e3, "T/m/s"));
                }
                axisSlew[axis] = slew;
                stimulusDuration = Math.max(stimulusDuration, longestRamp(w));
                gradientRasters(out, i, g, unit);
            }
            // dB/dt: slews of all axes combined (a bound: their peaks may not coincide), the longest ramp's duration.
            double slewNorm = Math.sqrt(axisSlew[0] * axisSlew[0] + axisSlew[1] * axisSlew[1] + axisSlew[2] * axisSlew[2]);
            if (slewNorm > 0 && Double.isFinite(slewNorm)) {
                double dbdt = Physics.hzPerMToMTPerM(slewNorm) * 1e-3 * safety.pnsRadius();
                double limit = safety.dbdtLimit(stimulusDuration);
                if (dbdt > limit) out.add(new Violation(i, String.format("dB/dt (IEC normal mode, ramp %.0f µs)", stimulusDuration * 1e6), dbdt, limit, "T/s"));
            }
            Rf rf = b.rf();
            if (rf != null) {
                if (rf.peakB1Tesla() * Physics.GAMMA_HZ_PER_T > unit.maxB1Hz() * (1 + 1e-9)) {
                    out.add(new Violation(i, "RF peak B1", rf.peakB1Tesla() * 1e6, unit.maxB1Hz() / Physics.GAMMA_HZ_PER_T * 1e6, "µT"));
                }
                onRaster(out, i, "RF delay", rf.delay(), unit.rfRaster());
                onRaster(out, i, "RF dwell", rf.dwell(), unit.rfRaster());
                rfOn[i] = rf.duration();
                b1Sq[i] = rf.b1SquaredIntegral();
            }
            Adc adc = b.adc();
            if (adc != null) {
                if (adc.dwell() < unit.minDwell() * (1 - 1e-9)) {
                    out.add(new Violation(i, "ADC dwell (minimum)", adc.dwell() * 1e6, unit.minDwell() * 1e6, "µs"));
                }
                if (adc.dwell() > unit.maxDwell() * (1 + 1e-9)) {
                    out.add(new Violation(i, "ADC dwell", adc.dwell() * 1e6, unit.maxDwell() * 1e6, "µs"));
                }
                if (adc.samples() > unit.maxSamples()) {
                    out.add(new Violation(i, "ADC samples (buffer)", adc.samples(), unit.maxSamples(), "samples"));
                }
                onRaster(out, i, "ADC delay", adc.delay(), unit.tick());
                onRaster(out, i, "ADC dwell", adc.dwell(), unit.tick());
            }
            if (b.eventsEnd() > b.duration() * (1 + 1e-9) + 1e-12) {
                out.add(new Violation(i, "event end beyond block duration", b.eventsEnd() * 1e3, b.duration() * 1e3, "ms"));
            }
        }
        HeatingLimits h = unit.heating();
        for (int axis = 0; axis < 3; axis++) {
            double[] m = new SlidingWindow(durations, gradEnergy[axis]).maxMean(h.gradientRmsWindow());
            double rms = Math.sqrt(m[0]);
            if (rms > h.maxGradientRms() * (1 + 1e-9)) {
                out.add(new Violation((int) m[1], String.format("gradient RMS on %s over %.3g s (coil heating)", AXES[axis], h.gradientRmsWindow()),
                        Physics.hzPerMToMTPerM(rms), Physics.hzPerMToMTPerM(h.maxGradientRms()), "mT/m"));
            }
        }
        double[] duty = new SlidingWindow(durations, rfOn).maxMean(h.rfWindow());
        if (duty[0] > h.maxRfDutyCycle() * (1 + 1e-9)) {
            out.add(new Violation((int) duty[1], String.format("RF duty cycle over %.3g s", h.rfWindow()), duty[0] * 100, h.maxRfDutyCycle() * 100, "%"));
        }
        double[] power = new SlidingWindow(durations, b1Sq).maxMean(h.rfWindow());
        double b1rms = Math.sqrt(power[0]);
        if (b1rms * Physics.GAMMA_HZ_PER_T > h.maxB1RmsHz() * (1 + 1e-9)) {
            out.add(new Violation((int) power[1], String.format("RF average power (B1 RMS over %.3g s)", h.rfWindow()), b1rms * 1e6,
                    h.maxB1RmsHz() / Physics.GAMMA_HZ_PER_T * 1e6, "µT"));
        }
        double[] sar = wholeBodySar(durations, b1Sq, unit);
        if (sar[0] > safety.sarLimit() * (1 + 1e-9)) {
            out.add(new Violation((int) sar[1], String.format("whole-body SAR (estimated, %.0f s average)", safety.sarWindow()), sar[0], safety.sarLimit(), "W/kg"));
        }
        return out;
    }

    /** {estimated whole-body SAR in W/kg at its worst window, block ending it}. */
    public static double[] wholeBodySar(Sequence seq, UnitProfile unit) {
        int n = seq.blocks().size();
        double[] d = new double[n], e = new double[n];
        for (int i = 0; i < n; i++) {
            Block b = seq.blocks().get(i);
            d[i] = b.duration();
            e[i] = b.rf() == null ? 0 : b.rf().b1SquaredIntegral();
        }
        return wholeBodySar(d, e, unit);
    }

    private static double[] wholeBodySar(double[] durations, double[] b1Sq, UnitProfile unit) {
        double[] m = new SlidingWindow(durations, b1Sq).maxMean(unit.safety().sarWindow());
        return new double[] {unit.safety().sarPerB1Squared(unit.larmorHz()) * m[0], m[1]};
    }

    /** The effective stimulus duration of the longest monotonic ramp: |ΔG| over its peak slew. */
    static double longestRamp(Waveform w) {
        double best = 0;
        double[] t = w.times(), v = w.values();
        int i = 0;
        while (i < t.length - 1) {
            double dv = v[i + 1] - v[i];
            if (dv == 0 || t[i + 1] <= t[i]) {
                i++;
                continue;
            }
            double sign = Math.signum(dv), change = 0, peakSlew = 0;
            int j = i;
            while (j < t.length - 1 && Math.signum(v[j + 1] - v[j]) == sign && t[j + 1] > t[j]) {
                change += Math.abs(v[j + 1] - v[j]);
                peakSlew = Math.max(peakSlew, Math.abs(v[j + 1] - v[j]) / (t[j + 1] - t[j]));
                j++;
            }
            best = Math.max(best, change / peakSlew);
            i = j;
        }
        return best;
    }

    private static void gradientRasters(List<Violation> out, int block, Gradient g, UnitProfile unit) {
        double r = unit.gradientRaster();
        switch (g) {
            case Trap t -> {
                onRaster(out, block, "gradient delay", t.delay(), r);
                onRaster(out, block, "gradient rise", t.rise(), r);
                onRaster(out, block, "gradient flat time", t.flat(), r);
                onRaster(out, block, "gradient fall", t.fall(), r);
            }
            case ArbitraryGradient a -> {
                onRaster(out, block, "gradient delay", a.delay(), r);
                onRaster(out, block, "arbitrary gradient raster", a.raster(), r);
            }
        }
    }

    private static void onRaster(List<Violation> out, int block, String what, double seconds, double raster) {
        double steps = seconds / raster;
        double off = Math.abs(steps - Math.rint(steps)) * raster;
        if (off > RASTER_TOLERANCE) {
            out.add(new Violation(block, what + " off the " + fmt(raster * 1e6) + " µs raster by", off * 1e6, RASTER_TOLERANCE * 1e6, "µs"));
        }
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
