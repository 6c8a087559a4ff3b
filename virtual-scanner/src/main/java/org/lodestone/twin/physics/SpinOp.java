package org.lodestone.twin.physics;

/** One step of a block, computed once and applied to every tile of isochromats ({@link TileKernels}). */
sealed interface SpinOp permits SpinOp.Free, SpinOp.Rot, SpinOp.Adc, SpinOp.AdcSegment, SpinOp.AdcEnd {

    /** Free precession and relaxation for dt, with gradient areas (cycles/m) per axis. */
    record Free(double dt, double a0, double a1, double a2, double phase0) implements SpinOp {
        /** This and then {@code next}: exactly one free precession (times, areas and phases add, relaxation multiplies). */
        Free then(Free next) {
            return new Free(dt + next.dt, a0 + next.a0, a1 + next.a1, a2 + next.a2, phase0 + next.phase0);
        }
    }

    /** An RF rotation (row-major 3×3). */
    record Rot(double[] r) implements SpinOp {
        /** This rotation after the transverse magnetisation is scaled by {@code keep} (its first two columns scaled). */
        Rot keepingTransverse(double keep) {
            double[] k = r.clone();
            for (int row = 0; row < 3; row++) {
                k[3 * row] *= keep;
                k[3 * row + 1] *= keep;
            }
            return new Rot(k);
        }
    }

    /**
     * An ADC window. {@code cum[k]} is the real gradient area from sample 0 to sample k (cycles/m per axis).
     * TRANSFORM: the samples split into segments {@code segStart[s] .. segStart[s+1]−1} over which the area
     * is linear in the sample index to within {@link ReadoutPlanner#SEGMENT_PHASE_TOLERANCE_RAD} rad at the
     * object's extent (slope {@code segBase[s]}), each summed by {@link ReadoutTransform}; EXACT: one sin/cos per
     * isochromat and sample with {@code steps[k]} = area from sample k−1 to k. {@code partial[p]} holds
     * the coil sums of tissue {@code partialTissue[p]}, sample k of coil c at 2·(k·coils + c).
     * {@code capture} ≥ 0 records |m| at that sample for the truth image.
     */
    record Adc(int samples, double dwellS, AdcMode mode, double[][] steps, double[][] cum, int[] segStart,
               double[][] segBase, boolean[][] segAxes, double fieldHz, int capture, double[][] partial,
               int[] partialTissue) implements SpinOp {
    }

    /** Per isochromat, the coefficient, frequency bin and Taylor argument of segment {@code segment} of a TRANSFORM window. */
    record AdcSegment(Adc adc, int segment) implements SpinOp {
    }

    /** The end of a TRANSFORM window: m relaxed to the last sample, its rotation there added to the pending phase. */
    record AdcEnd(Adc adc) implements SpinOp {
    }

    enum AdcMode { TRANSFORM, EXACT }
}
