package org.lodestone.seq.compile;

import org.lodestone.hw.program.AdcWindow;
import org.lodestone.hw.program.DeviceProgram;
import org.lodestone.hw.program.GradientWaveform;
import org.lodestone.hw.program.ProgramBlock;
import org.lodestone.hw.program.ProgramSegments;
import org.lodestone.hw.program.RfPulse;
import org.lodestone.hw.program.SampledGradient;
import org.lodestone.hw.program.Trapezoid;
import org.lodestone.seq.limits.LimitCheck;
import org.lodestone.seq.limits.UnitProfile;
import org.lodestone.seq.limits.Violation;
import org.lodestone.seq.model.Adc;
import org.lodestone.seq.model.ArbitraryGradient;
import org.lodestone.seq.model.Block;
import org.lodestone.seq.model.Gradient;
import org.lodestone.seq.model.Rf;
import org.lodestone.seq.model.Sequence;
import org.lodestone.seq.model.Trap;
import org.lodestone.seq.model.Waveform;

import java.util.ArrayList;
import java.util.List;

/**
 * Sequence → device program on the unit's raster. Every time must already lie on its raster
 * (to a nanosecond): a sequence that needs rounding is refused, so the program's timing equals
 * the sequence's. A sequence that breaks the unit's limits never becomes a program.
 * <p>
 * Trapezoids stay trapezoids; any other gradient becomes a sampled waveform whose linear
 * interpolation is the Pulseq waveform exactly (Pulseq's shapes are piecewise linear through
 * raster-centre samples, so points every half raster carry them without loss). Phase-modulated RF
 * carries its phase shape; RF on an irregular time shape is sampled at the RF raster's centres.
 */
public final class SequenceCompiler {
    private SequenceCompiler() {
    }

    /** The program of a sequence on nominal gradients: an uncalibrated unit, plots and checks, the gradient calibration. */
    public static DeviceProgram compile(Sequence seq, UnitProfile unit) throws CompileException {
        return compile(seq, unit, GradientScale.NOMINAL);
    }

    /**
     * The one compile step: the planned (nominal) sequence, corrected by the unit's calibrated gradient
     * scale, checked against the unit's limits as commanded, on the unit's raster.
     */
    public static DeviceProgram compile(Sequence planned, UnitProfile unit, GradientScale scale) throws CompileException {
        Sequence seq = scale.commanded(planned);
        checkLimits(seq, unit);
        int tickNs = (int) Math.round(unit.tick() * 1e9);
        List<ProgramBlock> out = new ArrayList<>(seq.blocks().size());
        List<Block> blocks = seq.blocks();
        for (int i = 0; i < blocks.size(); i++) out.add(compileBlock(blocks.get(i), i, unit));
        return new DeviceProgram(tickNs, out);
    }

    /** {@link #compileChunks(Sequence, UnitProfile, long)} for the unit's own program memory. */
    public static List<DeviceProgram> compileChunks(Sequence seq, UnitProfile unit) throws CompileException {
        return compileChunks(seq, unit, unit.programMemoryBytes());
    }

    /**
     * The same program cut, between blocks, into consecutive programs of at most {@code memoryBytes}
     * each as encoded for upload (the board's program memory from CAPABILITIES): played back to back
     * they are the whole sequence. One chunk when it fits.
     */
    public static List<DeviceProgram> compileChunks(Sequence seq, UnitProfile unit, long memoryBytes) throws CompileException {
        return cut(compile(seq, unit), memoryBytes);
    }

    /** Bytes the program takes as uploaded (its encoded image), without encoding it. */
    public static long imageBytes(DeviceProgram program) {
        return ProgramSegments.imageBytes(program);
    }

    /**
     * A compiled program cut, between blocks, into consecutive programs of at most {@code memoryBytes} each
     * as encoded for upload; one when it fits. To stream on a board (one segment plays while the next
     * loads), cut to half its memory.
     */
    public static List<DeviceProgram> cut(DeviceProgram whole, long memoryBytes) throws CompileException {
        try {
            return ProgramSegments.cut(whole, memoryBytes);
        } catch (IllegalArgumentException e) {
            throw new CompileException(e.getMessage());
        }
    }

    private static void checkLimits(Sequence seq, UnitProfile unit) throws CompileException {
        List<Violation> violations = LimitCheck.check(seq, unit);
        if (!violations.isEmpty()) {
            StringBuilder sb = new StringBuilder("sequence '" + seq.name() + "' exceeds the unit's limits:");
            violations.stream().limit(10).forEach(v -> sb.append("\n  ").append(v));
            if (violations.size() > 10) sb.append("\n  … and ").append(violations.size() - 10).append(" more");
            throw new CompileException(sb.toString());
        }
    }

    static ProgramBlock compileBlock(Block b, int i, UnitProfile unit) throws CompileException {
        Ticks t = new Ticks(unit.tick(), i);
        long dur = t.on(b.duration(), unit.blockRaster(), "block duration");
        RfPulse rf = b.rf() == null ? null : rf(b.rf(), t, unit, i);
        GradientWaveform[] g = new GradientWaveform[3];
        for (int axis = 0; axis < 3; axis++) {
            if (b.gradient(axis) != null) g[axis] = gradient(b.gradient(axis), t, unit, i, "xyz".charAt(axis));
        }
        AdcWindow adc = null;
        if (b.adc() != null) {
            Adc a = b.adc();
            long dwellNs = Math.round(a.dwell() * 1e9);
            if (Math.abs(dwellNs - a.dwell() * 1e9) > 1e-3) {
                throw new CompileException("block " + i + ": ADC dwell " + a.dwell() * 1e9 + " ns is not a whole number of ns");
            }
            adc = new AdcWindow(t.on(a.delay(), unit.tick(), "ADC delay"), a.samples(), (int) dwellNs, a.phaseRad(),
                    a.frequencyOffsetHz(), a.counters(), a.flags());
        }
        return new ProgramBlock(dur, rf, g[0], g[1], g[2], adc);
    }

    private static RfPulse rf(Rf r, Ticks t, UnitProfile unit, int i) throws CompileException {
        long delay = t.on(r.delay(), unit.rfRaster(), "RF delay");
        if (r.isRealOnRegularDwell()) {
            return new RfPulse(delay, r.amplitudeHz(), r.phaseRad(), r.frequencyOffsetHz(), (int) t.on(r.dwell(), unit.rfRaster(), "RF dwell"),
                    r.signedShape(), deviceUse(r.use()));
        }
        double dwell = r.dwell();
        double[] ts = r.timeShape();
        float[] mag = r.shape();
        double[] turns = r.phaseShape();
        if (ts != null) {
            double step = ts.length > 1 ? ts[1] - ts[0] : 2 * ts[0];
            boolean regular = ts[0] > 0;
            for (int k = 0; k < ts.length && regular; k++) regular = Math.abs(ts[k] - (k + 0.5) * step) < 1e-6;
            if (regular) {
                dwell = step * r.dwell(); // evenly spaced sample centres: a regular dwell after all
            } else {
                // Pulseq plays a time-shaped pulse piecewise linearly between its points: sample it at the
                // centres of the RF raster, which is how the board plays any pulse.
                dwell = unit.rfRaster();
                int n = (int) Math.round(r.duration() / dwell);
                if (n < 1) throw new CompileException("block " + i + ": RF pulse shorter than the RF raster");
                float[] m2 = new float[n];
                double[] p2 = new double[n];
                for (int k = 0; k < n; k++) {
                    double[] c = complexAt(r, (k + 0.5) * dwell);
                    m2[k] = (float) Math.hypot(c[0], c[1]);
                    p2[k] = Math.atan2(c[1], c[0]) / (2 * Math.PI);
                }
                mag = m2;
                turns = p2;
            }
        }
        float[] phase = new float[mag.length];
        for (int k = 0; k < phase.length; k++) phase[k] = turns == null ? 0f : (float) (2 * Math.PI * turns[k]);
        return new RfPulse(delay, r.amplitudeHz(), r.phaseRad(), r.frequencyOffsetHz(), (int) t.on(dwell, unit.rfRaster(), "RF dwell"),
                mag, deviceUse(r.use()), phase);
    }

    /** The pulse's complex shape at time s from its start, linear between its time-shape points. */
    private static double[] complexAt(Rf r, double s) {
        double[] ts = r.timeShape();
        float[] m = r.shape();
        double[] ph = r.phaseShape();
        int n = ts.length;
        double u = s / r.dwell();
        int k = 0;
        while (k < n - 2 && ts[k + 1] <= u) k++;
        double f = n == 1 || ts[k + 1] == ts[k] ? 0 : Math.max(0, Math.min(1, (u - ts[k]) / (ts[k + 1] - ts[k])));
        double[] c = new double[2];
        for (int j = 0; j < 2 && k + j < n; j++) {
            double w = j == 0 ? 1 - f : f;
            double a = ph == null ? 0 : 2 * Math.PI * ph[k + j];
            c[0] += w * m[k + j] * Math.cos(a);
            c[1] += w * m[k + j] * Math.sin(a);
        }
        return c;
    }

    private static GradientWaveform gradient(Gradient grad, Ticks t, UnitProfile unit, int i, char axis) throws CompileException {
        double gr = unit.gradientRaster();
        Trap tr = asTrapezoid(grad);
        if (tr != null) {
            return new Trapezoid(t.on(tr.delay(), gr, "gradient delay"), t.on(tr.rise(), gr, "gradient rise"),
                    t.on(tr.flat(), gr, "gradient flat time"), t.on(tr.fall(), gr, "gradient fall"), tr.amplitude());
        }
        ArbitraryGradient a = (ArbitraryGradient) grad;
        long delay = t.on(a.delay(), gr, "gradient delay");
        Waveform w = a.waveform();
        // Points every half raster for raster-centre shapes; every raster for time shapes on the raster.
        double step = a.timeShape() == null ? a.raster() / 2 : gr;
        if (a.timeShape() != null) {
            for (double c : a.timeShape()) {
                double s = c * a.raster() / gr;
                if (Math.abs(s - Math.rint(s)) > 1e-6) step = gr / 2;
            }
            for (double c : a.timeShape()) {
                double s = c * a.raster() / step;
                if (Math.abs(s - Math.rint(s)) > 1e-6) {
                    throw new CompileException("block " + i + ": gradient on " + axis + " has a corner at " + c * a.raster()
                            + " s, off the " + gr * 1e6 + " µs gradient raster");
                }
            }
        }
        long stepTicks = t.on(step, unit.tick(), "gradient sample spacing");
        double span = w.end() - a.delay();
        int points = (int) Math.round(span / step) + 1;
        float[] v = new float[points];
        for (int k = 0; k < points; k++) v[k] = (float) w.valueAt(k == points - 1 ? w.end() : Math.min(w.end(), a.delay() + k * step));
        return new SampledGradient(delay, (int) stepTicks, v);
    }

    /** A trapezoid, or an extended trapezoid whose corners are exactly a trapezoid's (0, a, a, 0); else null. */
    static Trap asTrapezoid(Gradient g) {
        return switch (g) {
            case Trap t -> t;
            case ArbitraryGradient a -> {
                double[] ts = a.timeShape(), w = a.shape();
                if (ts == null || a.first() != 0 || a.last() != 0 || w[0] != 0 || w[w.length - 1] != 0 || ts[0] != 0) yield null;
                double r = a.raster();
                if (w.length == 3) yield new Trap(a.delay(), ts[1] * r, 0, (ts[2] - ts[1]) * r, a.amplitude() * w[1]);
                if (w.length == 4 && w[1] == w[2]) {
                    yield new Trap(a.delay(), ts[1] * r, (ts[2] - ts[1]) * r, (ts[3] - ts[2]) * r, a.amplitude() * w[1]);
                }
                yield null;
            }
        };
    }

    private static RfPulse.Use deviceUse(Rf.Use use) {
        return switch (use) {
            case EXCITATION -> RfPulse.Use.EXCITATION;
            case REFOCUSING -> RfPulse.Use.REFOCUSING;
            case INVERSION -> RfPulse.Use.INVERSION;
            default -> RfPulse.Use.OTHER;
        };
    }

    /** Converts seconds to ticks, insisting on the raster. */
    private record Ticks(double tick, int block) {
        long on(double seconds, double raster, String what) throws CompileException {
            double steps = seconds / raster;
            long whole = Math.round(steps);
            if (Math.abs(steps - whole) * raster > 1e-9) {
                throw new CompileException(String.format("block %d: %s %.9f s is not on the %.3f µs raster",
                        block, what, seconds, raster * 1e6));
            }
            return Math.round(whole * raster / tick);
        }
    }
}
