package org.lodestone.calibration.gradient;

import org.jtransforms.fft.DoubleFFT_1D;
import org.lodestone.calibration.run.CalibrationException;
import org.lodestone.calibration.run.Reason;
import org.lodestone.calibration.run.Fits;
import org.lodestone.calibration.run.Measured;
import org.lodestone.calibration.run.ProgramRunner;
import org.lodestone.calibration.run.UnitSettings;
import org.lodestone.hw.program.AdcCounters;
import org.lodestone.seq.compile.GradientScale;
import org.lodestone.seq.model.Adc;
import org.lodestone.seq.model.Block;
import org.lodestone.seq.model.Rf;
import org.lodestone.seq.model.Sequence;
import org.lodestone.seq.model.Trap;
import org.lodestone.seq.protocol.BuiltProtocol;
import org.lodestone.seq.protocol.ScanGeometry;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Gradient scale per axis and gradient delay from the geometry phantom. Per axis, one program of two
 * 1D gradient-echo projections with opposite readout polarity, excited non-selectively with a weak
 * gradient on a crossing axis during the pulse (on a unit harmless; it tells the twin which central
 * plane to simulate). The image axis is nominal position × true scale, so
 * <ul>
 * <li>x and y: the nine rods of the central plane leave dips at −60 … +60 mm; a line through their
 *     centroids against the drawing's positions has the scale as slope;</li>
 * <li>z: the water's length (120 mm) between its half-height edges.</li>
 * </ul>
 * The delay is where the echo actually peaks against where the nominal waveform puts it (the time
 * symmetry centre of |s(t)|), averaged over both polarities. That average removes a background gradient
 * (it moves the two echoes opposite ways) but not the eddy currents: their field follows the gradient's
 * sign, so their lag moves both echoes late, like a delay. On the twin the delay comes out 1–1.5 µs late
 * with its eddy currents and within ±0.5 µs without them (GradientDelayBiasTest), and one readout timing
 * cannot tell the two apart: the value is the readout's effective delay and carries {@link #DELAY_VERDICT}.
 */
public final class GradientCalibration {
    static final double FOV_M = 0.24;
    /** 1.9 mm pixels: the twin simulates a 1D projection on a 1 mm isochromat grid, which finer pixels would resolve as a comb. */
    static final int SAMPLES = 128;
    static final double MARK_HZ_PER_M = 200;
    static final double TR_S = 0.3;
    /** Why the delay is not the amplifier's delay; goes with the value into report.txt and the store. */
    public static final String DELAY_VERDICT = "not trustworthy: the eddy currents' lag moves the echo late for both readout "
            + "polarities, which this measurement cannot separate from the delay; the value is the readout's effective delay, "
            + "an upper bound on the amplifier's";
    /** The delay's unit as stored: {@code calibrate --show} prints it beside the value. */
    static final String DELAY_UNIT = "s (not trustworthy: includes the eddy-current lag)";

    /** One axis: scale, delay, and both projection profiles (position mm as the unit images it, magnitude) for the plot. */
    public record Axis(Measured scale, Measured delayS, List<double[]> profile, double[] features) {
        public Axis {
            profile = List.copyOf(profile);
        }
    }

    public record Result(Axis[] axes) {
        public double[] scales() {
            return new double[] {axes[0].scale().value(), axes[1].scale().value(), axes[2].scale().value()};
        }
    }

    private GradientCalibration() {
    }

    public static Result run(ProgramRunner r, UnitSettings s) throws CalibrationException {
        s.apply(r);
        Axis[] out = new Axis[3];
        for (int a = 0; a < 3; a++) out[a] = axis(r, a);
        return new Result(out);
    }

    private static Axis axis(ProgramRunner r, int axis) throws CalibrationException {
        var unit = r.unit();
        double tick = unit.tick(), gr = unit.gradientRaster(), br = unit.blockRaster(), slew = unit.maxSlew();
        // the shortest dwell whose readout gradient stays within 80 % of the unit's maximum
        double dwell = Math.max(unit.minDwell(), Math.ceil(1 / (FOV_M * 0.8 * unit.maxGradient()) / tick) * tick);
        dwell = Math.max(dwell, Math.round(8e-6 / tick) * tick);
        if (dwell > unit.maxDwell()) throw new CalibrationException(Reason.of(Reason.Code.GRADIENTS_TOO_WEAK), "the unit's gradients are too weak for a 240 mm projection");
        double g = 1 / (FOV_M * dwell);
        int markAxis = axis == 0 ? 1 : 0;
        Rf rf = Rf.block(Math.PI / 2, 400e-6, unit.rfRaster(), 0, 0, Rf.Use.EXCITATION);
        double rfDur = Trap.ceil(rf.end(), gr);
        Trap mark = new Trap(0, gr, rfDur, gr, MARK_HZ_PER_M);
        double excDur = Trap.ceil(mark.duration() + 100e-6, br);
        List<Block> blocks = new ArrayList<>();
        double[] nominalEcho = new double[2];
        for (int pol = 0; pol < 2; pol++) {
            double sign = pol == 0 ? 1 : -1;
            Trap ro = Trap.withFlat(sign * g, Trap.ceil(SAMPLES * dwell, gr), slew, gr);
            // the echo (k = 0) at sample N/2, whose centre is at (N/2 + 0.5)·dwell into the ADC
            double pre = -sign * g * (ro.rise() / 2 + (SAMPLES / 2 + 0.5) * dwell);
            Trap preT = Trap.forArea(pre, unit.maxGradient(), slew, gr);
            double preDur = Trap.ceil(preT.duration(), br);
            Adc adc = new Adc(ro.rise(), SAMPLES, dwell, 0, 0, new AdcCounters(pol, 0, 0, 0, 0, 0, 0, 0, 0), 0);
            blocks.add(new Block(excDur, rf, markAxis == 0 ? mark : null, markAxis == 1 ? mark : null, null, null));
            blocks.add(new Block(preDur, null, axis == 0 ? preT : null, axis == 1 ? preT : null, axis == 2 ? preT : null, null));
            double roDur = Trap.ceil(ro.duration(), br);
            blocks.add(new Block(roDur, null, axis == 0 ? ro : null, axis == 1 ? ro : null, axis == 2 ? ro : null, adc));
            blocks.add(Block.delay(Trap.ceil(TR_S - excDur - preDur - roDur, br)));
            nominalEcho[pol] = SAMPLES / 2.0;
        }
        String[] names = {"x", "y", "z"};
        Sequence seq = new Sequence("gradient-cal-" + names[axis], blocks, Map.of("Name", "gradient-cal-" + names[axis]));
        ScanGeometry geo = new ScanGeometry(SAMPLES, 1, 1, FOV_M * 1e3, 0, 0, new double[3], new double[] {1, 0, 0},
                new double[] {0, 1, 0}, new double[] {0, 0, 1}, 1);
        // nominal: the routine measures the unit's own gradients, whatever scale is stored
        ProgramRunner.Acquisition acq = r.run(new BuiltProtocol("gradient-cal-" + names[axis], seq, geo, 2, Map.of(), Map.of()),
                GradientScale.NOMINAL);

        double[][] prof = new double[2][];
        double[] echo = new double[2];
        for (int pol = 0; pol < 2; pol++) {
            double[] mag = new double[SAMPLES], env = new double[SAMPLES];
            for (int c = 0; c < acq.channels(); c++) {
                float[] d = acq.channel(pol, c);
                double[] buf = new double[2 * SAMPLES];
                for (int i = 0; i < 2 * SAMPLES; i++) buf[i] = d[i];
                for (int i = 0; i < SAMPLES; i++) env[i] += Math.hypot(d[2 * i], d[2 * i + 1]);
                new DoubleFFT_1D(SAMPLES).complexForward(buf);
                for (int k = 0; k < SAMPLES; k++) {
                    int src = (k + SAMPLES / 2) % SAMPLES;
                    mag[k] += buf[2 * src] * buf[2 * src] + buf[2 * src + 1] * buf[2 * src + 1];
                }
            }
            for (int k = 0; k < SAMPLES; k++) mag[k] = Math.sqrt(mag[k]);
            // the positive readout images +x at increasing frequency bins or decreasing: orient both so that the
            // profile reads the same way (the negative one is the mirror of the positive one)
            prof[pol] = pol == 0 ? mag : reversed(mag);
            echo[pol] = symmetryCentre(env);
        }
        double pixelMm = FOV_M * 1e3 / SAMPLES;
        double[] scale = new double[2];
        double[] features = null;
        for (int pol = 0; pol < 2; pol++) {
            double[] f = axis == 2 ? edges(prof[pol]) : dips(prof[pol]);
            if (f == null) {
                throw new CalibrationException(Reason.of(Reason.Code.NO_PHANTOM_FEATURES, names[axis]),
                        "the " + names[axis] + " projection does not show the geometry phantom's "
                        + (axis == 2 ? "ends" : "rods") + ": is the geometry phantom in the bore, centred?");
            }
            scale[pol] = f[0] * pixelMm;
            if (features == null) features = Arrays.copyOfRange(f, 1, f.length);
        }
        double sc = (scale[0] + scale[1]) / 2;
        double su = Math.abs(scale[0] - scale[1]) / 2 + 1e-4;
        // the echo moves later by the delay, whatever the polarity
        double delay = ((echo[0] - nominalEcho[0]) + (echo[1] - nominalEcho[1])) / 2 * dwell;
        double du = Math.abs(echo[0] - echo[1]) / 2 * dwell + 0.05 * dwell;
        List<double[]> plot = new ArrayList<>();
        for (int k = 0; k < SAMPLES; k++) plot.add(new double[] {(k - SAMPLES / 2) * pixelMm, prof[0][k]});
        if (sc < 0.8 || sc > 1.2) {
            throw new CalibrationException(Reason.of(Reason.Code.GRADIENT_OUT_OF_RANGE, names[axis], Reason.number(100 * sc, 0)),
                    String.format("the %s gradient is %.0f %% of nominal: outside what a scale calibration "
                    + "can correct; check the gradient amplifier", names[axis], 100 * sc));
        }
        return new Axis(new Measured(sc, su, ""), new Measured(delay, du, DELAY_UNIT), plot, features);
    }

    private static double[] reversed(double[] a) {
        double[] b = new double[a.length];
        // mirror about the centre bin N/2 (bin k ↔ N − k)
        for (int k = 0; k < a.length; k++) b[k] = a[(a.length - k) % a.length];
        return b;
    }

    /** The time t (in samples) about which |s| is most symmetric: peak of Σ |s(i)|·|s(2t − i)|, refined by a parabola. */
    static double symmetryCentre(double[] env) {
        int n = env.length;
        double[] c = new double[2 * n - 1];
        for (int m = 0; m < 2 * n - 1; m++) {
            double s = 0;
            for (int i = Math.max(0, m - n + 1); i <= Math.min(n - 1, m); i++) s += env[i] * env[m - i];
            c[m] = s;
        }
        int best = 1;
        for (int m = 1; m < 2 * n - 2; m++) if (c[m] > c[best]) best = m;
        double y0 = c[best - 1], y1 = c[best], y2 = c[best + 1];
        double off = 0.5 * (y0 - y2) / (y0 - 2 * y1 + y2);
        // index sum m = 2t, and sample i has its centre at i (the nominal echo is at N/2 in the same units)
        return (best + off) / 2;
    }

    /**
     * Pixel size scale from the nine rod dips: {scale in pixels per mm ⁻¹ … } = {mm-per-pixel factor, dip centres…}.
     * Returns {slope (pixels per drawing mm)⁻¹ expressed so that scale = slope·pixelMm, centres…}, or null.
     */
    static double[] dips(double[] p) {
        double plateau = plateau(p);
        int[] span = span(p, plateau);
        if (span == null) return null;
        double first = span[0], last = span[1];
        double centre = (first + last) / 2;
        // the drawing: water 180 mm wide across the centre; a first guess of pixels per mm from the edges
        double pxPerMm = (last - first) / (2 * GeometryPhantomSpec.RADIUS_MM);
        int n = 2 * GeometryPhantomSpec.RODS_EACH_SIDE + 1;
        double[] x = new double[n], y = new double[n];
        for (int i = 0; i < n; i++) {
            double mm = (i - GeometryPhantomSpec.RODS_EACH_SIDE) * GeometryPhantomSpec.GRID_PITCH_MM;
            double guess = centre + mm * pxPerMm;
            int half = (int) Math.ceil(0.4 * GeometryPhantomSpec.GRID_PITCH_MM * pxPerMm);
            double sw = 0, swx = 0;
            for (int k = (int) Math.floor(guess) - half; k <= (int) Math.ceil(guess) + half; k++) {
                if (k < 0 || k >= p.length) continue;
                double w = Math.max(0, 0.8 * plateau - p[k]);
                sw += w;
                swx += w * k;
            }
            if (!(sw > 0.2 * plateau)) return null;
            x[i] = mm;
            y[i] = swx / sw;
        }
        double slope = Fits.line(x, y).b(); // pixels per drawing mm
        double[] out = new double[n + 1];
        out[0] = slope; // × pixel mm = imaged mm per drawing mm = the gradient scale
        System.arraycopy(y, 0, out, 1, n);
        return out;
    }

    /** The water's length between half-height edges: {pixels per drawing mm, left edge, right edge}, or null. */
    static double[] edges(double[] p) {
        double plateau = plateau(p);
        int[] span = span(p, plateau);
        if (span == null) return null;
        double half = plateau / 2;
        double left = crossing(p, span[0], -1, half), right = crossing(p, span[1], +1, half);
        return new double[] {(right - left) / GeometryPhantomSpec.LENGTH_MM, left, right};
    }

    /** Where p falls through level going outward from index i (linear interpolation). */
    private static double crossing(double[] p, int i, int dir, double level) {
        int k = i;
        while (k + dir >= 0 && k + dir < p.length && p[k + dir] >= level) k += dir;
        if (k + dir < 0 || k + dir >= p.length) return k;
        double a = p[k], b = p[k + dir];
        return k + dir * (a - level) / (a - b);
    }

    /** The level of the water: the 75th percentile of the profile above a tenth of its maximum. */
    private static double plateau(double[] p) {
        double max = Arrays.stream(p).max().orElse(0);
        double[] in = Arrays.stream(p).filter(v -> v > 0.1 * max).sorted().toArray();
        return in.length == 0 ? 0 : in[(int) (0.75 * (in.length - 1))];
    }

    /** First and last index above half the plateau, or null if the object is not there or runs off the field of view. */
    private static int[] span(double[] p, double plateau) {
        if (!(plateau > 0)) return null;
        int first = -1, last = -1;
        for (int k = 0; k < p.length; k++) {
            if (p[k] > plateau / 2) {
                if (first < 0) first = k;
                last = k;
            }
        }
        if (first <= 2 || last >= p.length - 3 || last - first < p.length / 8) return null;
        return new int[] {first, last};
    }
}
