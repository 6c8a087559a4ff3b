package org.lodestone.seq.geometry;

import org.lodestone.seq.model.Block;
import org.lodestone.seq.model.Gradient;
import org.lodestone.seq.model.Trap;

/**
 * Where a protocol's logical axes (read, phase, slice) point in the unit's gradient axes (x, y, z =
 * patient L, P, S): a rotation matrix whose columns are the read, phase and slice directions.
 * Oblique slices rotate every block's gradients with it; the RF and ADC are unchanged (a slice
 * offset is a frequency offset along the slice direction whatever that direction is).
 */
public record SliceOrientation(double[] read, double[] phase, double[] slice) {
    public static final SliceOrientation AXIAL = new SliceOrientation(new double[] {1, 0, 0}, new double[] {0, 1, 0}, new double[] {0, 0, 1});
    public static final SliceOrientation CORONAL = new SliceOrientation(new double[] {1, 0, 0}, new double[] {0, 0, 1}, new double[] {0, 1, 0});
    public static final SliceOrientation SAGITTAL = new SliceOrientation(new double[] {0, 1, 0}, new double[] {0, 0, 1}, new double[] {1, 0, 0});

    public SliceOrientation {
        read = read.clone();
        phase = phase.clone();
        slice = slice.clone();
    }

    /** Base plane 0 axial, 1 coronal, 2 sagittal. */
    public static SliceOrientation plane(int code) {
        return switch (code) {
            case 0 -> AXIAL;
            case 1 -> CORONAL;
            case 2 -> SAGITTAL;
            default -> throw new IllegalArgumentException("orientation " + code + " (0 axial, 1 coronal, 2 sagittal)");
        };
    }

    /**
     * A base plane tilted: first about its read axis by {@code aboutReadDeg} (slice leans toward phase),
     * then about the new phase axis by {@code aboutPhaseDeg} (slice leans toward read): a double oblique.
     */
    public static SliceOrientation oblique(int planeCode, double aboutReadDeg, double aboutPhaseDeg) {
        SliceOrientation b = plane(planeCode);
        double a = Math.toRadians(aboutReadDeg), c = Math.toRadians(aboutPhaseDeg);
        double[] p1 = add(scale(b.phase, Math.cos(a)), scale(b.slice, Math.sin(a)));
        double[] s1 = add(scale(b.slice, Math.cos(a)), scale(b.phase, -Math.sin(a)));
        double[] s2 = add(scale(s1, Math.cos(c)), scale(b.read, Math.sin(c)));
        double[] r2 = add(scale(b.read, Math.cos(c)), scale(s1, -Math.sin(c)));
        return new SliceOrientation(r2, p1, s2);
    }

    public boolean isAxisAligned() {
        for (double[] v : new double[][] {read, phase, slice}) {
            int nonZero = 0;
            for (double x : v) if (Math.abs(x) > 1e-12) nonZero++;
            if (nonZero != 1) return false;
        }
        return true;
    }

    /** Logical (read, phase, slice) → physical (x, y, z). */
    public double[] toPhysical(double r, double p, double s) {
        return new double[] {read[0] * r + phase[0] * p + slice[0] * s, read[1] * r + phase[1] * p + slice[1] * s,
                read[2] * r + phase[2] * p + slice[2] * s};
    }

    /**
     * A block whose gradients are given on the logical axes (gx = read, gy = phase, gz = slice), on the
     * unit's axes. The logical lobes of one block must share their timing (the protocols build them so):
     * a rotated trapezoid is then a trapezoid on each axis.
     */
    public Block rotate(Block logical) {
        if (this.equals(AXIAL) || (logical.gx() == null && logical.gy() == null && logical.gz() == null)) return logical;
        Trap shape = null;
        double[] amp = new double[3];
        for (int axis = 0; axis < 3; axis++) {
            Gradient g = logical.gradient(axis);
            if (g == null) continue;
            if (!(g instanceof Trap t)) throw new IllegalArgumentException("only trapezoids are rotated");
            if (shape == null) shape = t;
            else if (!sameTiming(shape, t)) {
                throw new IllegalArgumentException("logical lobes of one block have different timings: " + shape + " and " + t);
            }
            amp[axis] = t.amplitude();
        }
        double[] phys = toPhysical(amp[0], amp[1], amp[2]);
        Trap[] out = new Trap[3];
        for (int axis = 0; axis < 3; axis++) {
            // Rounding noise of the rotation is not a gradient.
            if (Math.abs(phys[axis]) > 1e-9 * (Math.abs(amp[0]) + Math.abs(amp[1]) + Math.abs(amp[2]))) {
                out[axis] = new Trap(shape.delay(), shape.rise(), shape.flat(), shape.fall(), phys[axis]);
            }
        }
        return new Block(logical.duration(), logical.rf(), out[0], out[1], out[2], logical.adc(), logical.extensions());
    }

    private static boolean sameTiming(Trap a, Trap b) {
        return Math.abs(a.delay() - b.delay()) < 1e-12 && Math.abs(a.rise() - b.rise()) < 1e-12
                && Math.abs(a.flat() - b.flat()) < 1e-12 && Math.abs(a.fall() - b.fall()) < 1e-12;
    }

    private static double[] scale(double[] v, double f) {
        return new double[] {v[0] * f, v[1] * f, v[2] * f};
    }

    private static double[] add(double[] a, double[] b) {
        return new double[] {a[0] + b[0], a[1] + b[1], a[2] + b[2]};
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SliceOrientation s && java.util.Arrays.equals(read, s.read) && java.util.Arrays.equals(phase, s.phase)
                && java.util.Arrays.equals(slice, s.slice);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(read) * 31 + java.util.Arrays.hashCode(slice);
    }
}
