package org.lodestone.seq.limits;

import org.lodestone.seq.model.Adc;
import org.lodestone.seq.model.Block;
import org.lodestone.seq.model.Physics;
import org.lodestone.seq.model.Rf;
import org.lodestone.seq.model.Sequence;
import org.lodestone.seq.model.Trap;

import java.util.ArrayList;
import java.util.List;

/**
 * Checks a sequence against a unit's hardware limits: gradient amplitude and slew per axis, RF
 * peak B1, ADC dwell and length. Duty-cycle, SAR and dB/dt models come with the sequences issue.
 */
public final class LimitCheck {
    private static final String[] AXES = {"x", "y", "z"};

    private LimitCheck() {
    }

    public static List<Violation> check(Sequence seq, UnitProfile unit) {
        List<Violation> out = new ArrayList<>();
        List<Block> blocks = seq.blocks();
        for (int i = 0; i < blocks.size(); i++) {
            Block b = blocks.get(i);
            for (int axis = 0; axis < 3; axis++) {
                Trap g = b.gradient(axis);
                if (g == null) continue;
                double amp = Math.abs(g.amplitude());
                if (amp > unit.maxGradient() * (1 + 1e-9)) {
                    out.add(new Violation(i, "gradient amplitude on " + AXES[axis], Physics.hzPerMToMTPerM(amp),
                            Physics.hzPerMToMTPerM(unit.maxGradient()), "mT/m"));
                }
                double slew = Math.max(g.rise() > 0 ? amp / g.rise() : (amp > 0 ? Double.POSITIVE_INFINITY : 0),
                        g.fall() > 0 ? amp / g.fall() : (amp > 0 ? Double.POSITIVE_INFINITY : 0));
                if (slew > unit.maxSlew() * (1 + 1e-9)) {
                    out.add(new Violation(i, "gradient slew rate on " + AXES[axis], Physics.hzPerMToMTPerM(slew) / 1e3,
                            Physics.hzPerMToMTPerM(unit.maxSlew()) / 1e3, "T/m/s"));
                }
            }
            Rf rf = b.rf();
            if (rf != null && rf.peakB1Tesla() * Physics.GAMMA_HZ_PER_T > unit.maxB1Hz() * (1 + 1e-9)) {
                out.add(new Violation(i, "RF peak B1", rf.peakB1Tesla() * 1e6, unit.maxB1Hz() / Physics.GAMMA_HZ_PER_T * 1e6, "µT"));
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
                    out.add(new Violation(i, "ADC samples", adc.samples(), unit.maxSamples(), "samples"));
                }
            }
            if (b.eventsEnd() > b.duration() * (1 + 1e-9) + 1e-12) {
                out.add(new Violation(i, "event end beyond block duration", b.eventsEnd() * 1e3, b.duration() * 1e3, "ms"));
            }
        }
        return out;
    }
}
