package org.lodestone.twin.physics;

import org.lodestone.twin.truth.TruthVolume;

/**
 * The ideal noiseless image of a scan: m_xy captured at the echo of the k-space centre line, weighted by
 * T2′ and the coils' root-sum-of-squares, summed coherently per voxel (magnitude of the sum), binned into the program's voxels with the geometry of its headers.
 */
final class TruthImage {
    private TruthImage() {
    }

    static TruthVolume build(IsochromatGrid grid, ProgramAnalysis analysis, double echoClockS) {
        ProgramAnalysis.Geometry g = analysis.geometry();
        int nr = g.nRead(), np = g.nPhase();
        int nz = grid.layers;
        double[] acc = new double[nr * np * nz], acci = new double[nr * np * nz];
        double[] ru = g.readDir(), pu = g.phaseDir(), nu = analysis.sliceNormal();
        double[][] pos = grid.pos;
        for (int t = 0; t < grid.tileFrom.length; t++) {
            double t2p = grid.tissues[grid.tileTissue[t]].t2PrimeS();
            double w = Double.isInfinite(t2p) ? 1 : Math.exp(-Math.abs(echoClockS) / t2p);
            for (int i = grid.tileFrom[t]; i < grid.tileTo[t]; i++) {
                // the isochromat's coordinates along read (from the image centre), phase and the normal
                double rd = along(pos, i, ru) - g.readCentreM(), pd = along(pos, i, pu) - g.phaseCentreM(), zd = along(pos, i, nu) - g.partitionCentreM();
                int ir = Math.floorMod((int) Math.floor(nr / 2 - nr * g.dkRead() * rd + 0.5), nr);
                int ip = Math.floorMod((int) Math.floor(np / 2 - np * g.dkPhase() * pd + 0.5), np);
                int iz = nz == 1 ? 0 : Math.floorMod((int) Math.floor(nz / 2 - nz * g.dkPartition() * zd + 0.5), nz);
                int v = (iz * np + ip) * nr + ir;
                acc[v] += grid.truthRe[i] * w * grid.rss[i];
                acci[v] += grid.truthIm[i] * w * grid.rss[i];
            }
        }
        float[] data = new float[acc.length];
        // a voxel's spins summed coherently, as the signal sums them; per isochromat of the in-plane sub-grid
        for (int j = 0; j < acc.length; j++) data[j] = (float) (Math.hypot(acc[j], acci[j]) / grid.pointsPerVoxel);
        double[] read = scaled(ru, -Math.signum(g.dkRead()));
        double[] phase = scaled(pu, -Math.signum(g.dkPhase()));
        double[] slice = scaled(nu, nz == 1 ? 1 : -Math.signum(g.dkPartition()));
        // voxel (nr/2, np/2) sits at read = readCentre, phase = phaseCentre, on the sheet (2D) or, in 3D, where the
        // partition phases centre the slab's field of view (partitionCentre: the slab's centre when the program moves it)
        double dz = nz == 1 ? 5.0 : 1e3 * g.fovPartitionM() / nz;
        double depthMm = nz == 1 ? 1e3 * analysis.slicePositionM() : 1e3 * g.partitionCentreM();
        double[] centre = new double[3];
        for (int ax = 0; ax < 3; ax++) centre[ax] = nu[ax] * depthMm + (g.readCentreM() == 0 ? 0 : ru[ax] * 1e3 * g.readCentreM())
                + (g.phaseCentreM() == 0 ? 0 : pu[ax] * 1e3 * g.phaseCentreM());
        if (nz > 1) {
            // positionLps is the first slice (index 0); index nz/2 is at the partition centre
            for (int ax = 0; ax < 3; ax++) centre[ax] -= slice[ax] * dz * (nz / 2);
        }
        return new TruthVolume(nr, np, nz, data, 1e3 * g.fovReadM() / nr, 1e3 * g.fovPhaseM() / np, dz,
                centre, read, phase, slice);
    }

    /** Coordinate of isochromat i along unit vector u (exactly its coordinate on an axis for a unit axis). */
    private static double along(double[][] pos, int i, double[] u) {
        double s = 0;
        for (int ax = 0; ax < 3; ax++) if (u[ax] != 0) s += pos[ax][i] * u[ax];
        return s;
    }

    /** u turned by the sign (0 counts as +), with exact zeros kept zero. */
    private static double[] scaled(double[] u, double sign) {
        double f = sign == 0 ? 1 : sign;
        double[] v = new double[3];
        for (int ax = 0; ax < 3; ax++) v[ax] = u[ax] == 0 ? 0 : u[ax] * f;
        return v;
    }
}
