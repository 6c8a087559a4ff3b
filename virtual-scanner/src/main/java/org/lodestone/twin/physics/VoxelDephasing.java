package org.lodestone.twin.physics;

/**
 * Analytic intra-voxel dephasing for 3D gradient-echo programs (issue #18). Each voxel is one isochromat at its
 * centre standing for a uniform box of spins that all saw the same pulses and gradients: after a gradient moment k
 * (cycles/m) since the last pulse, the box's spins sum to the centre's m_xy times the box's Fourier transform,
 * sinc(k·u·Δu)·sinc(k·v·Δv)·sinc(k·n·Δn) along its edges. The moment is the same for every voxel, so during a
 * window this is one weight per sample (applied to the coil sums), and at a pulse the transverse m keeps only that
 * coherent part: what a spoiler dephased across the voxel is gone (ideal spoiling; the dephased states' later echoes
 * are dropped, so this is only for programs without refocusing pulses). Program-order state of one sheet.
 */
final class VoxelDephasing {
    /** The voxel's edges: unit vectors on the gradient axes, and their lengths (m). */
    private final double[][] edges;
    private final double[] size;
    /** Gradient moment since the last pulse, per gradient axis, cycles/m. */
    private final double[] moment = new double[3];

    VoxelDephasing(double[][] edges, double[] size) {
        this.edges = edges;
        this.size = size;
    }

    /** Free precession: the gradient areas (cycles/m) per axis. */
    void add(double a0, double a1, double a2) {
        moment[0] += a0;
        moment[1] += a1;
        moment[2] += a2;
    }

    /** A pulse: the fraction of the transverse magnetisation that stays coherent across the voxel; the moment starts again from zero. */
    double atPulse() {
        double keep = coherent(null);
        java.util.Arrays.fill(moment, 0);
        return keep;
    }

    /** A window: the weight of each sample (the voxel's transform at the moment there); the moment moves to its end. */
    double[] window(SpinOp.Adc a) {
        double[][] cum = a.cum();
        double[] w = new double[a.samples()];
        for (int k = 0; k < w.length; k++) w[k] = coherent(cum[k]);
        add(cum[w.length - 1][0], cum[w.length - 1][1], cum[w.length - 1][2]);
        return w;
    }

    private double coherent(double[] extra) {
        double f = 1;
        for (int e = 0; e < 3; e++) {
            double k = 0;
            for (int ax = 0; ax < 3; ax++) k += (moment[ax] + (extra == null ? 0 : extra[ax])) * edges[e][ax];
            f *= sinc(k * size[e]);
        }
        return f;
    }

    /** sin(πx)/(πx). */
    static double sinc(double x) {
        if (Math.abs(x) < 1e-8) return 1;
        double px = Math.PI * x;
        return Math.sin(px) / px;
    }
}
