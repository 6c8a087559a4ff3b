package org.lodestone.seq.compile;

import org.lodestone.seq.model.ArbitraryGradient;
import org.lodestone.seq.model.Block;
import org.lodestone.seq.model.Gradient;
import org.lodestone.seq.model.Sequence;
import org.lodestone.seq.model.Trap;

import java.util.ArrayList;
import java.util.List;

/**
 * The unit's calibrated gradient scale per axis: the gradient it really plays over the one it is
 * commanded (1 = nominal). Only {@link SequenceCompiler} applies it, dividing each axis's commanded
 * amplitudes by its scale so the played gradients (and the image's distances) come out nominal.
 * Sequences are therefore always planned in nominal units, and nothing can correct one twice: the
 * correction lives between a sequence and its program, and a program is never compiled again.
 */
public record GradientScale(double x, double y, double z) {
    /** An uncalibrated unit, and the gradient calibration itself (it measures the unit's own scale). */
    public static final GradientScale NOMINAL = new GradientScale(1, 1, 1);

    public GradientScale {
        for (double s : new double[] {x, y, z}) {
            // a calibration refuses anything outside ±20 %; a value far off is a corrupt store, not a unit
            if (!(s >= 0.5 && s <= 2)) throw new IllegalArgumentException("gradient scale " + s + " is not a plausible calibration");
        }
    }

    public static GradientScale of(double[] xyz) {
        return new GradientScale(xyz[0], xyz[1], xyz[2]);
    }

    public double axis(int a) {
        return switch (a) {
            case 0 -> x;
            case 1 -> y;
            case 2 -> z;
            default -> throw new IllegalArgumentException("axis " + a);
        };
    }

    public boolean isNominal() {
        return x == 1 && y == 1 && z == 1;
    }

    /** What the unit must be commanded to play {@code planned}: each axis divided by its scale. */
    Sequence commanded(Sequence planned) {
        if (isNominal()) return planned;
        List<Block> out = new ArrayList<>(planned.blocks().size());
        for (Block b : planned.blocks()) {
            out.add(new Block(b.duration(), b.rf(), divided(b.gx(), x), divided(b.gy(), y), divided(b.gz(), z), b.adc(), b.extensions()));
        }
        return new Sequence(planned.name(), out, planned.definitions());
    }

    private static Gradient divided(Gradient g, double scale) {
        double f = 1 / scale;
        return switch (g) {
            case null -> null;
            case Trap t -> t.scaled(f);
            case ArbitraryGradient a -> new ArbitraryGradient(a.amplitude() * f, a.shape(), a.timeShape(), a.raster(), a.delay(),
                    a.first() * f, a.last() * f);
        };
    }
}
