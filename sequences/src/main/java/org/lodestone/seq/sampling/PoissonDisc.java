package org.lodestone.seq.sampling;

import java.util.SplittableRandom;

/**
 * Variable-density Poisson-disc sampling of the ky–kz plane of a 3D scan: no two acquired points
 * closer than a radius that grows from the centre outwards (dense centre, sparse edge, no clusters
 * and no big holes: incoherent aliasing for compressed sensing), plus a fully sampled square centre
 * for calibration. The radius scale is found by bisection to reach the asked acceleration.
 */
public final class PoissonDisc {
    /** Radius at the edge of k-space over the radius at its centre. */
    private static final double DENSITY_SLOPE = 3;

    private PoissonDisc() {
    }

    /**
     * @param acceleration points of the full grid per acquired point (≥ 1)
     * @param calibration  side of the fully sampled centre square, in points (clipped to the grid)
     * @param seed         same seed, same mask
     */
    public static SamplingMask variableDensity(int ny, int nz, double acceleration, int calibration, long seed) {
        if (acceleration < 1) throw new IllegalArgumentException("acceleration " + acceleration + " below 1");
        if (acceleration == 1) return SamplingMask.full(ny, nz);
        int target = (int) Math.round((double) ny * nz / acceleration);
        double lo = 0.05, hi = Math.max(ny, nz);
        SamplingMask best = null;
        for (int iter = 0; iter < 40; iter++) {
            double r0 = 0.5 * (lo + hi);
            SamplingMask m = draw(ny, nz, r0, calibration, seed);
            if (best == null || Math.abs(m.count() - target) < Math.abs(best.count() - target)) best = m;
            if (m.count() > target) lo = r0;
            else hi = r0;
            if (Math.abs(m.count() - target) <= Math.max(1, target / 200)) break;
        }
        return best;
    }

    private static SamplingMask draw(int ny, int nz, double r0, int calibration, long seed) {
        boolean[] m = new boolean[ny * nz];
        int cy = ny / 2, cz = nz / 2;
        int cal = Math.min(calibration, Math.min(ny, nz));
        for (int y = cy - cal / 2; y < cy - cal / 2 + cal; y++) {
            for (int z = cz - cal / 2; z < cz - cal / 2 + cal; z++) m[y * nz + z] = true;
        }
        // Candidates in a fixed random order; accept one when its disc holds no accepted point.
        int[] order = new int[ny * nz];
        for (int i = 0; i < order.length; i++) order[i] = i;
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int i = order.length - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        for (int idx : order) {
            if (m[idx]) continue;
            int y = idx / nz, z = idx % nz;
            double r = radius(y, z, ny, nz, r0);
            int ry = (int) Math.ceil(r), rz = (int) Math.ceil(r);
            boolean free = true;
            for (int yy = Math.max(0, y - ry); yy <= Math.min(ny - 1, y + ry) && free; yy++) {
                for (int zz = Math.max(0, z - rz); zz <= Math.min(nz - 1, z + rz); zz++) {
                    if (m[yy * nz + zz] && (yy - y) * (yy - y) + (zz - z) * (zz - z) < r * r) {
                        free = false;
                        break;
                    }
                }
            }
            if (free) m[idx] = true;
        }
        return new SamplingMask(ny, nz, m);
    }

    /** Disc radius at (y, z): r0 at the centre, growing linearly with the normalised k-space radius. */
    static double radius(int y, int z, int ny, int nz, double r0) {
        double ky = (y - ny / 2.0) / (ny / 2.0), kz = (z - nz / 2.0) / (nz / 2.0);
        return r0 * (1 + (DENSITY_SLOPE - 1) * Math.min(1, Math.hypot(ky, kz)));
    }
}
