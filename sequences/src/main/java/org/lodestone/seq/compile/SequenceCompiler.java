package org.lodestone.seq.compile;

import org.lodestone.hw.program.AdcWindow;
import org.lodestone.hw.program.DeviceProgram;
import org.lodestone.hw.program.ProgramBlock;
import org.lodestone.hw.program.RfPulse;
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

import java.util.ArrayList;
import java.util.List;

/**
 * Sequence → device program on the unit's raster. Every time must already lie on its raster
 * (to a nanosecond): a sequence that needs rounding is refused, so the program's timing equals
 * the sequence's. A sequence that breaks the unit's limits never becomes a program.
 */
public final class SequenceCompiler {
    private SequenceCompiler() {
    }

    public static DeviceProgram compile(Sequence seq, UnitProfile unit) throws CompileException {
        List<Violation> violations = LimitCheck.check(seq, unit);
        if (!violations.isEmpty()) {
            StringBuilder sb = new StringBuilder("sequence '" + seq.name() + "' exceeds the unit's limits:");
            violations.stream().limit(10).forEach(v -> sb.append("\n  ").append(v));
            if (violations.size() > 10) sb.append("\n  … and ").append(violations.size() - 10).append(" more");
            throw new CompileException(sb.toString());
        }
        int tickNs = (int) Math.round(unit.tick() * 1e9);
        List<ProgramBlock> out = new ArrayList<>(seq.blocks().size());
        List<Block> blocks = seq.blocks();
        for (int i = 0; i < blocks.size(); i++) {
            Block b = blocks.get(i);
            Ticks t = new Ticks(unit.tick(), i);
            long dur = t.on(b.duration(), unit.blockRaster(), "block duration");
            RfPulse rf = null;
            if (b.rf() != null) {
                Rf r = b.rf();
                if (!r.isRealOnRegularDwell()) {
                    throw new CompileException("block " + i + ": RF pulse with " + (r.timeShape() != null ? "a time shape" : "phase modulation")
                            + " — the device program carries real shapes on a regular dwell only; the device program must be extended first");
                }
                rf = new RfPulse(t.on(r.delay(), unit.rfRaster(), "RF delay"), r.amplitudeHz(), r.phaseRad(),
                        r.frequencyOffsetHz(), (int) t.on(r.dwell(), unit.rfRaster(), "RF dwell"), r.signedShape(), deviceUse(r.use()));
            }
            Trapezoid[] g = new Trapezoid[3];
            for (int axis = 0; axis < 3; axis++) {
                if (b.gradient(axis) == null) continue;
                Trap tr = asTrapezoid(b.gradient(axis));
                if (tr == null) {
                    throw new CompileException("block " + i + ": arbitrary gradient on " + "xyz".charAt(axis)
                            + " — the device program carries trapezoids only; this sequence needs the device program extended for arbitrary waveforms");
                }
                double gr = unit.gradientRaster();
                g[axis] = new Trapezoid(t.on(tr.delay(), gr, "gradient delay"), t.on(tr.rise(), gr, "gradient rise"),
                        t.on(tr.flat(), gr, "gradient flat time"), t.on(tr.fall(), gr, "gradient fall"), tr.amplitude());
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
            out.add(new ProgramBlock(dur, rf, g[0], g[1], g[2], adc));
        }
        return new DeviceProgram(tickNs, out);
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
