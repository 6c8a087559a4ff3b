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
        double[] rd = grid.pos[g.readAxis()], pd = grid.pos[g.phaseAxis()], zd = grid.pos[analysis.sliceAxis()];
        for (int t = 0; t < grid.tileFrom.length; t++) {
            double t2p = grid.tissues[grid.tileTissue[t]].t2PrimeS();
            double w = Double.isInfinite(t2p) ? 1 : Math.exp(-Math.abs(echoClockS) / t2p);
            for (int i = grid.tileFrom[t]; i < grid.tileTo[t]; i++) {
                int ir = Math.floorMod((int) Math.floor(nr / 2 - nr * g.dkRead() * rd[i] + 0.5), nr);
                int ip = Math.floorMod((int) Math.floor(np / 2 - np * g.dkPhase() * pd[i] + 0.5), np);
                int iz = nz == 1 ? 0 : Math.floorMod((int) Math.floor(nz / 2 - nz * g.dkPartition() * zd[i] + 0.5), nz);
                int v = (iz * np + ip) * nr + ir;
                acc[v] += grid.truthRe[i] * w * grid.rss[i];
                acci[v] += grid.truthIm[i] * w * grid.rss[i];
            }
        }
        float[] data = new float[acc.length];
        // a voxel's spins summed coherently, as the signal sums them; per isochromat of the in-plane sub-grid
        for (int j = 0; j < acc.length; j++) data[j] = (float) (Math.hypot(acc[j], acci[j]) / grid.pointsPerVoxel);
        double[] read = axis(g.readAxis(), -Math.signum(g.dkRead()));
        double[] phase = axis(g.phaseAxis(), -Math.signum(g.dkPhase()));
        double[] slice = axis(analysis.sliceAxis(), nz == 1 ? 1 : -Math.signum(g.dkPartition()));
        double[] centre = new double[3]; // voxel (nr/2, np/2) sits at read = phase = 0
        double dz = nz == 1 ? 5.0 : 1e3 * g.fovPartitionM() / nz;
        centre[analysis.sliceAxis()] = nz == 1 ? 1e3 * analysis.slicePositionM() : 0;
        if (nz > 1) {
            // positionLps is the first slice (index 0); index nz/2 is at z = 0
            for (int ax = 0; ax < 3; ax++) centre[ax] -= slice[ax] * dz * (nz / 2);
        }
        return new TruthVolume(nr, np, nz, data, 1e3 * g.fovReadM() / nr, 1e3 * g.fovPhaseM() / np, dz,
                centre, read, phase, slice);
    }

    private static double[] axis(int ax, double sign) {
        double[] v = new double[3];
        v[ax] = sign == 0 ? 1 : sign;
        return v;
    }
}
