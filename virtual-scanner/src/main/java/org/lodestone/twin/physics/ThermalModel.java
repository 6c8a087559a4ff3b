package org.lodestone.twin.physics;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Magnet temperature as a pure function of twin time: the magnet follows (ambient + a constant
 * enclosure offset) through a first-order lag, dT/dt = (ambient(t) + offset − T)/τ. Ambient is
 * piecewise linear (steps and ramps from the event script), so the solution is exact per segment:
 * T(t) = A(t) − sτ + (T(a) − A(a) + sτ)·e^{−(t−a)/τ} on a segment starting at a with slope s.
 */
public final class ThermalModel {
    /** An ambient change: +deltaK spread linearly over durationS (0 = a step), starting at atS. */
    public record AmbientChange(double atS, double deltaK, double durationS) {
        public AmbientChange {
            if (durationS < 0) throw new IllegalArgumentException("negative ramp duration");
        }

        double valueAt(double t) {
            if (t < atS) return 0;
            if (durationS == 0 || t >= atS + durationS) return deltaK;
            return deltaK * (t - atS) / durationS;
        }

        double slopeAt(double t) {
            return durationS > 0 && t >= atS && t < atS + durationS ? deltaK / durationS : 0;
        }
    }

    private final Magnet magnet;
    private final List<AmbientChange> changes;
    private final double[] breaks;

    public ThermalModel(Magnet magnet, List<AmbientChange> changes) {
        this.magnet = magnet;
        this.changes = List.copyOf(changes);
        TreeSet<Double> b = new TreeSet<>();
        for (AmbientChange c : changes) {
            b.add(c.atS());
            b.add(c.atS() + c.durationS());
        }
        this.breaks = b.stream().mapToDouble(Double::doubleValue).filter(t -> t > 0).toArray();
    }

    public static ThermalModel constant(Magnet magnet) {
        return new ThermalModel(magnet, List.of());
    }

    public List<AmbientChange> changes() {
        return changes;
    }

    public double ambientC(double t) {
        double a = magnet.initialAmbientC();
        for (AmbientChange c : changes) a += c.valueAt(t);
        return a;
    }

    private double slope(double t) {
        double s = 0;
        for (AmbientChange c : changes) s += c.slopeAt(t);
        return s;
    }

    public double magnetTempC(double t) {
        double offset = magnet.initialTempC() - magnet.initialAmbientC();
        double tau = magnet.timeConstantS();
        double a = 0;
        double temp = magnet.initialTempC();
        List<Double> ends = new ArrayList<>();
        for (double b : breaks) if (b < t) ends.add(b);
        ends.add(t);
        for (double b : ends) {
            double target = ambientC(a) + offset;
            double s = slope(a);
            temp = target + s * (b - a) - s * tau + (temp - target + s * tau) * Math.exp(-(b - a) / tau);
            a = b;
        }
        return temp;
    }

    /** Field at the isocentre at twin time t. */
    public double b0Tesla(double t) {
        return magnet.b0AtTesla(magnetTempC(t));
    }

    public double larmorHz(double t) {
        return HiddenParameters.GAMMA_HZ_PER_T * b0Tesla(t);
    }
}
