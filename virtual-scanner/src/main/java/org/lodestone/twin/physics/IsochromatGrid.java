package org.lodestone.twin.physics;

import org.lodestone.twin.phantom.Phantom;
import org.lodestone.twin.phantom.Tissue;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The spins of one scan: isochromats placed in the excited sheet (2D) or slab (3D) at the program's
 * voxel size, sorted by tissue into tiles of {@value #TILE}, with their magnetisation, pending phase,
 * static off-resonance and coil sensitivities. The arrays are the simulation's working state, shared
 * by the kernels in this package.
 */
final class IsochromatGrid {
    static final int TILE = 256;
    private static final double MAX_ISO_SPACING_M = 0.0015;
    private static final double DEFAULT_VOXEL_M = 0.002;
    /**
     * 2D: isochromats spread over ±½ of this along the slice axis (at regular depths, see
     * {@link #DEPTHS_2D}), so gradient areas on that axis (crushers, spoilers) dephase unwanted
     * coherence pathways, while balanced slice-select/rephaser and crusher pairs leave the wanted
     * echo untouched. It is not the program's slice thickness (no slice profile).
     */
    static final double SLICE_SPREAD_M = 0.005;
    /**
     * 2D: depths per in-plane sub-point. With the 2×2 sub-grid that is 12 regular depths per voxel
     * across the sheet (measured on se2d: centre-row zipper 32 → 3.5 against 1.2 when converged;
     * 8 regular depths alias a two-crusher moment of 8 cycles and were worse), or 4 (one per
     * sub-point: zipper 7) when the grid would exceed {@link #MAX_2D_GRID_POINTS} (over the phantom's
     * bounding disc; 128² gets 12 depths, 256² gets 4), to stay faster than real time.
     */
    static final int DEPTHS_2D = 3;
    static final double MAX_2D_GRID_POINTS = 200_000;
    /**
     * 2D gradient echo (no refocusing pulse): up to this many depths per sub-point, budget allowing. A spoiled
     * gradient echo's older pathways carry one spoiler moment per TR; with S·D regular depths a pathway of a
     * multiple of S·D cycles across the sheet survives where a continuous slice cancels it (long-T2 CSF most):
     * the localizer's 30 ms TR at 128² gave Pearson vs truth 0.87/0.86/0.93 per plane with 3, 0.97/0.97/1.00 with 8.
     * Not monotonic in between (measured, not understood: gre2d 128² at 3, 4, 6 depths 0.976, 0.976, 0.948), so
     * it is 8 or the default 3, never a count in between.
     */
    static final int GRE_DEPTHS_2D = 8;
    /**
     * Whole-object grids (non-selective programs without an image grid or readout gradient: FIDs): cells over the
     * phantom's bounding ball. About the isochromats of the 5 mm sheet these programs had before (uniform phantom:
     * 68 000), so calibration stays as fast; a 170 mm sphere gets 2.95 mm cells.
     */
    static final double WHOLE_OBJECT_POINTS = 100_000;
    /**
     * 3D with refocusing pulses: above this many isochromats with the sub-grid (counted: voxel centres in tissue ×
     * sub-points), one per voxel in-plane. The default tse3d (545 696 counted) gets one; small slabs keep the sub-grid
     * (a 32×32×8 TSE of the turned head: 1 122 voxels × 36). 3D gradient echoes have one per voxel and the analytic
     * voxel model instead (issue #18: the console's gre3d had 4 per voxel, 353 764, at Pearson 0.70 vs truth; one
     * per voxel without the model gave 0.51, with it 0.996).
     */
    static final double MAX_3D_SUBGRID_ISOCHROMATS = 400_000;

    final int n;
    final double[][] pos; // [axis][iso]
    final double[] df;
    final double[] m0;
    final double[] mre;
    final double[] mim;
    final double[] mz;
    final double[] ph;
    /** Root-sum-of-squares coil sensitivity, for the truth image. */
    final double[] rss;
    /** Coil sensitivities [coil][iso], real and imaginary. */
    final double[][] cr, ci;
    /** m_xy of each isochromat at the truth's capture sample (see TileKernels.capture). */
    final double[] truthRe, truthIm;
    final int[] tileFrom, tileTo, tileTissue;
    final Tissue[] tissues;
    final int coils;
    final int pointsPerVoxel;
    final int layers;
    final int depths;
    final double[] maxAbsPos = new double[3];
    /**
     * 3D gradient echo (no refocusing pulse): each voxel's edges on the gradient axes (in-plane u, v, slab normal) and
     * their lengths (m), its one isochromat at the centre dephased analytically ({@link VoxelDephasing}); else null.
     */
    final double[][] voxelEdges;
    final double[] voxelSize;

    IsochromatGrid(ScannerModel model, ProgramAnalysis analysis, AcquisitionSettings settings) {
        HiddenParameters hp = model.hidden();
        Phantom phantom = model.phantom();
        // the sheet: in-plane unit vectors b[0], b[1] and its normal (unit axes for an axis-aligned program)
        double[][] b = analysis.inPlaneBasis();
        double[] nrm = analysis.sliceNormal();
        ProgramAnalysis.Geometry g = analysis.geometry();
        double[] delta = new double[2];
        int[] sub = new int[2];
        double r = phantom.halfExtentM();
        for (int k = 0; k < 2; k++) {
            double d = DEFAULT_VOXEL_M;
            if (g != null) d = Math.abs(ProgramAnalysis.dot(b[k], g.readDir())) > 0.5 ? g.fovReadM() / g.nRead() : g.fovPhaseM() / g.nPhase();
            delta[k] = d;
            sub[k] = Math.max(2, 2 * (int) Math.ceil(d / (2 * MAX_ISO_SPACING_M)));
        }
        // 3D: one layer of isochromats per partition, at random depths inside it; 2D: one sheet
        boolean threeD = g != null && g.is3d();
        layers = threeD ? g.nPartition() : 1;
        // 3D with refocusing: very large grids get one isochromat per voxel in-plane, at its centre (4× fewer than
        // the 2×2 sub-grid); their intra-voxel dephasing then comes only from each isochromat's random depth within
        // its partition. Smaller ones keep the sub-grid (a 32×32×8 TSE: Pearson vs truth 0.90 with it, 0.78
        // without). See the README.
        double layerThickness = threeD ? g.fovPartitionM() / layers : SLICE_SPREAD_M;
        int qa = (int) Math.ceil(r / delta[0]) + 1;
        int qb = (int) Math.ceil(r / delta[1]) + 1;
        double z0 = analysis.slicePositionM();
        // 3D gradient echo: one isochromat per voxel at its centre, its intra-voxel dephasing analytic (VoxelDephasing;
        // the default gre3d's Pearson vs truth 0.70 → 0.996 at a quarter of the isochromats)
        boolean analytic = threeD && !analysis.refocuses();
        voxelEdges = analytic ? new double[][] {b[0].clone(), b[1].clone(), nrm.clone()} : null;
        voxelSize = analytic ? new double[] {delta[0], delta[1], layerThickness} : null;
        if (analytic) sub[0] = sub[1] = 1;
        if (threeD && sub[0] * sub[1] > 1
                && (double) voxelsInTissue(phantom, b, nrm, delta, qa, qb, z0, layerThickness) * sub[0] * sub[1] > MAX_3D_SUBGRID_ISOCHROMATS) {
            sub[0] = sub[1] = 1;
        }
        double estimate = Math.PI * r * r * sub[0] * sub[1] / (delta[0] * delta[1]) * layers;
        if (estimate > 3e6) sub[0] = sub[1] = 1; // very fine grids: one isochromat per voxel
        boolean whole = analysis.wholeObject();
        if (whole || threeD || estimate * DEPTHS_2D > MAX_2D_GRID_POINTS) {
            depths = 1;
        } else if (!analysis.refocuses() && g != null && g.nPhase() > 1) {
            // gradient-echo imaging: GRE_DEPTHS_2D when the budget allows (see there), else as other programs.
            // Not for FIDs and projections (calibration): their spoiled pathways do not form an image, and the
            // extra depths made every calibration routine about 2× slower to simulate.
            depths = estimate * GRE_DEPTHS_2D <= MAX_2D_GRID_POINTS ? GRE_DEPTHS_2D : DEPTHS_2D;
        } else {
            depths = DEPTHS_2D;
        }
        pointsPerVoxel = whole ? 1 : sub[0] * sub[1];

        List<Tissue> tissueList = phantom.tissues();
        Tissue[] own = tissueList.toArray(Tissue[]::new);
        tissues = new Tissue[own.length];
        for (int t = 0; t < own.length; t++) tissues[t] = own[t].atField(hp.nominalB0Tesla());
        Map<Tissue, Integer> index = new IdentityHashMap<>();
        for (int t = 0; t < own.length; t++) index.put(own[t], t);
        List<List<double[]>> byTissue = new ArrayList<>();
        for (int t = 0; t < tissues.length; t++) byTissue.add(new ArrayList<>());
        double[] p = new double[3];
        double[] cell = whole ? wholeObjectCell(r) : null;
        if (whole) placeWholeObject(phantom, r, cell, hp.seed(), index, byTissue);
        for (int l = 0; l < (whole ? 0 : layers); l++) {
            double zc = threeD ? z0 + (l - layers / 2) * layerThickness : z0;
            for (int ia = -qa; ia <= qa; ia++) {
                for (int sa = 0; sa < sub[0]; sa++) {
                    double u = (ia + (sa + 0.5) / sub[0] - 0.5) * delta[0];
                    for (int ib = -qb; ib <= qb; ib++) {
                        for (int sb = 0; sb < sub[1]; sb++) {
                            double v = (ib + (sb + 0.5) / sub[1] - 0.5) * delta[1];
                            for (int ax = 0; ax < 3; ax++) p[ax] = at(b, nrm, ax, u, v, zc);
                            Tissue t = phantom.tissueAt(p[0], p[1], p[2]);
                            if (t == null || t.protonDensity() <= 0) continue;
                            if (threeD) {
                                byTissue.get(index.get(t)).add(new double[] {u, v, zc});
                                continue;
                            }
                            // 2D: the voxel's sub-points share one regular set of depths, interleaved
                            // (sub-point s holds depths s, s + S, s + 2S, … of S·D), shifted by a random
                            // fraction per voxel: a gradient moment of q cycles across the sheet
                            // then cancels exactly unless q is a multiple of S·D.
                            int sIdx = sa * sub[1] + sb, slots = pointsPerVoxel * depths;
                            double shift = voxelShift(hp.seed(), ia, ib);
                            for (int j = 0; j < depths; j++) {
                                double z = zc + ((sIdx + pointsPerVoxel * j + shift) / slots - 0.5) * layerThickness;
                                byTissue.get(index.get(t)).add(new double[] {u, v, z});
                            }
                        }
                    }
                }
            }
        }
        int count = 0;
        int tiles = 0;
        for (List<double[]> l : byTissue) {
            count += l.size();
            tiles += (l.size() + TILE - 1) / TILE;
        }
        CoilArray coilArray = model.coils();
        coils = coilArray.channels();
        n = count;
        pos = new double[3][n];
        df = new double[n];
        m0 = new double[n];
        mre = new double[n];
        mim = new double[n];
        mz = new double[n];
        ph = new double[n];
        rss = new double[n];
        cr = new double[coils][n];
        ci = new double[coils][n];
        truthRe = new double[n];
        truthIm = new double[n];
        tileFrom = new int[tiles];
        tileTo = new int[tiles];
        tileTissue = new int[tiles];
        double area = delta[0] / sub[0] * delta[1] / sub[1] * 1e6 / depths; // mm²
        if (whole) area = cell[0] * cell[1] * cell[2] * 1e9 / (SLICE_SPREAD_M * 1e3); // mm³ in the unit PD × mm² × 5 mm
        if (threeD) area *= layerThickness / SLICE_SPREAD_M; // keep the 2D signal unit: PD × mm² × 5 mm
        double larmorRef = hp.nominalLarmorHz();
        double[] gs = hp.gradients().scale();
        SplittableRandom zr = new SplittableRandom(hp.seed() ^ 0x5DEECE66DL);
        int i = 0;
        int tile = 0;
        for (int t = 0; t < tissues.length; t++) {
            List<double[]> l = byTissue.get(t);
            for (int from = 0; from < l.size(); from += TILE) {
                tileFrom[tile] = i + from;
                tileTo[tile] = i + Math.min(l.size(), from + TILE);
                tileTissue[tile] = t;
                tile++;
            }
            for (double[] uvz : l) {
                double depth = threeD && !analytic ? uvz[2] + (zr.nextDouble() - 0.5) * layerThickness : uvz[2];
                for (int ax = 0; ax < 3; ax++) pos[ax][i] = whole ? uvz[ax] : at(b, nrm, ax, uvz[0], uvz[1], depth);
                double x = pos[0][i], y = pos[1][i], z = pos[2][i];
                // static part; the (time-dependent) isocentre Larmor − set frequency is added per block
                df[i] = larmorRef * 1e-6 * hp.inhomogeneityPpm(x, y, z)
                        + gs[0] * settings.shimXHzPerM() * x + gs[1] * settings.shimYHzPerM() * y + gs[2] * settings.shimZHzPerM() * z;
                m0[i] = tissues[t].protonDensity() * area;
                mz[i] = m0[i];
                double sumSq = 0;
                for (int c = 0; c < coils; c++) {
                    double[] s = coilArray.sensitivity(c, x, y, z);
                    cr[c][i] = s[0];
                    ci[c][i] = s[1];
                    sumSq += s[0] * s[0];
                    sumSq += s[1] * s[1];
                }
                rss[i] = Math.sqrt(sumSq);
                for (int ax = 0; ax < 3; ax++) maxAbsPos[ax] = Math.max(maxAbsPos[ax], Math.abs(pos[ax][i]));
                i++;
            }
        }
    }

    /**
     * Component {@code ax} of the point u·b[0] + v·b[1] + z·normal; on unit axes exactly u, v or z (a zero term adds
     * nothing), so axis-aligned sheets are placed as before.
     */
    private static double at(double[][] b, double[] nrm, int ax, double u, double v, double z) {
        return b[0][ax] * u + b[1][ax] * v + nrm[ax] * z;
    }

    /** 3D: the voxels (one per partition and in-plane cell) whose centre is in tissue, on the (possibly oblique) slab. */
    private int voxelsInTissue(Phantom phantom, double[][] b, double[] nrm, double[] delta, int qa, int qb, double z0, double thickness) {
        int count = 0;
        double[] p = new double[3];
        for (int l = 0; l < layers; l++) {
            double z = z0 + (l - layers / 2) * thickness;
            for (int ia = -qa; ia <= qa; ia++) {
                for (int ib = -qb; ib <= qb; ib++) {
                    for (int ax = 0; ax < 3; ax++) p[ax] = at(b, nrm, ax, ia * delta[0], ib * delta[1], z);
                    Tissue t = phantom.tissueAt(p[0], p[1], p[2]);
                    if (t != null && t.protonDensity() > 0) count++;
                }
            }
        }
        return count;
    }

    /** Cell size per axis (m) of a whole-object grid: about {@value #WHOLE_OBJECT_POINTS} cubic cells over the phantom's bounding ball. */
    static double[] wholeObjectCell(double radiusM) {
        double side = Math.max(MAX_ISO_SPACING_M, Math.cbrt(4.0 / 3 * Math.PI * radiusM * radiusM * radiusM / WHOLE_OBJECT_POINTS));
        return new double[] {side, side, side};
    }

    /**
     * One isochromat per cell of a grid over the phantom's bounding cube, at a seeded random point inside its cell
     * (stratified sampling: the object's field distribution without a regular lattice, whose spins would rephase
     * into echoes under a gradient), kept where there is tissue.
     */
    private static void placeWholeObject(Phantom phantom, double r, double[] cell, long seed, Map<Tissue, Integer> index,
                                         List<List<double[]>> byTissue) {
        int[] n = new int[3];
        for (int ax = 0; ax < 3; ax++) n[ax] = (int) Math.ceil(2 * r / cell[ax]);
        SplittableRandom rnd = new SplittableRandom(seed ^ 0x3C6EF372FE94F82BL);
        for (int i = 0; i < n[0]; i++) {
            for (int j = 0; j < n[1]; j++) {
                for (int k = 0; k < n[2]; k++) {
                    double x = -r + (i + rnd.nextDouble()) * cell[0];
                    double y = -r + (j + rnd.nextDouble()) * cell[1];
                    double z = -r + (k + rnd.nextDouble()) * cell[2];
                    Tissue t = phantom.tissueAt(x, y, z);
                    if (t != null && t.protonDensity() > 0) byTissue.get(index.get(t)).add(new double[] {x, y, z});
                }
            }
        }
    }

    /** A fraction in [0, 1) per in-plane voxel, from the seed: where the voxel's regular set of depths starts. */
    static double voxelShift(long seed, int ia, int ib) {
        long h = ScanSimulation.mix(seed ^ 0x5DEECE66DL, ia, ib);
        h ^= h >>> 29;
        h *= 0xBF58476D1CE4E5B9L;
        h ^= h >>> 32;
        return (h >>> 11) * 0x1.0p-53;
    }

    /** A shim change during the scan: a static field change of every isochromat. */
    void shiftField(double dx, double dy, double dz) {
        if (dx != 0 || dy != 0 || dz != 0) for (int i = 0; i < n; i++) df[i] += dx * pos[0][i] + dy * pos[1][i] + dz * pos[2][i];
    }
}
