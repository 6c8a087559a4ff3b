package org.lodestone.twin.physics;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Signal synthesis of a TRANSFORM window: per segment, each isochromat's coefficient (on the tiles), then
 * each coil's frequency grids and samples (one thread per coil): s_j = S_0(j) + i2π·Σ_ax R_j,ax·S_ax(j),
 * S_ax the sum weighted by position, R the residual of the area from linear. Holds the per-isochromat
 * segment state and the {@link ReadoutTransform} grids (one per grid size: each segment is summed on the smallest
 * that fits it, with the terms its length needs), reused from window to window.
 */
final class TransformReadout {
    private static final double TWO_PI = 2 * Math.PI;
    private final IsochromatGrid grid;
    // per isochromat: coefficient, Taylor argument and frequency bin of the current segment
    final double[] segRe;
    final double[] segIm;
    final double[] segZ;
    final int[] segBin;
    /** Transforms by log2 of their grid size, made when first needed. */
    private final ReadoutTransform[] bySize = new ReadoutTransform[31];
    /** Tissues with isochromats (the others' grids stay empty: no transform of them). */
    private final boolean[] present;
    private ReadoutTransform transform;

    TransformReadout(IsochromatGrid grid) {
        this.grid = grid;
        present = new boolean[grid.tissues.length];
        for (int t : grid.tileTissue) present[t] = true;
        segRe = new double[grid.n];
        segIm = new double[grid.n];
        segZ = new double[grid.n];
        segBin = new int[grid.n];
    }

    ReadoutTransform transform() {
        return transform;
    }

    /** Sums window {@code a} into its partials (its isochromats end at its last sample). */
    void sum(SpinOp.Adc a, TileRunner runner) {
        int[] seg = a.segStart();
        int coils = grid.coils;
        for (int s = 0; s + 1 < seg.length; s++) {
            boolean[] axes = a.segAxes()[s];
            int first = seg[s], len = seg[s + 1] - first;
            int size = ReadoutTransform.gridSizeFor(len), log = Integer.numberOfTrailingZeros(size);
            if (bySize[log] == null) bySize[log] = new ReadoutTransform(grid.tissues.length, grid.coils, len,
                    grid.voxelEdges == null ? ReadoutTransform.TRUNCATION : ReadoutTransform.VOXEL_MODEL_TRUNCATION);
            transform = bySize[log];
            int terms = transform.termsFor(len);
            runner.runTiles(List.of(new SpinOp.AdcSegment(a, s)));
            double[] base = a.segBase()[s], c0 = a.cum()[first];
            double[][] residual = new double[len][3];
            for (int j = 0; j < len; j++) {
                for (int ax = 0; ax < 3; ax++) residual[j][ax] = TWO_PI * (a.cum()[first + j][ax] - c0[ax] - base[ax] * j);
            }
            // one task per coil: its grids (in isochromat order), then its samples
            List<Callable<Void>> tasks = new ArrayList<>(coils);
            for (int c = 0; c < coils; c++) {
                int coil = c;
                tasks.add(() -> {
                    spreadCoil(coil, axes, terms);
                    evaluateCoil(a, coil, axes, first, len, terms, residual);
                    return null;
                });
            }
            runner.invokeAll(tasks);
        }
        runner.runTiles(List.of(new SpinOp.AdcEnd(a)));
    }

    /** Coil c's sums of one segment per tissue, first-order corrected for the residual, decayed by T2, into the window's partials. */
    private void evaluateCoil(SpinOp.Adc a, int c, boolean[] axes, int first, int len, int terms, double[][] residual) {
        double[] sum = new double[2 * len], moment = new double[2 * len];
        int coils = grid.coils;
        for (int t = 0; t < grid.tissues.length; t++) {
            if (!present[t]) continue; // its partial stays zero
            double e2 = Math.exp(-a.dwellS() / grid.tissues[t].t2S());
            double[] out = a.partial()[t];
            double[] g = transform.grid[t][c];
            transform.evaluate(g, c, 0, len, terms, sum);
            for (int ax = 0; ax < 3; ax++) {
                if (!axes[ax]) continue;
                transform.evaluate(g, c, 1 + ax, len, terms, moment);
                for (int j = 0; j < len; j++) {
                    double r = residual[j][ax];
                    sum[2 * j] -= r * moment[2 * j + 1];
                    sum[2 * j + 1] += r * moment[2 * j];
                }
            }
            for (int j = 0; j < len; j++) {
                double d = Math.pow(e2, first + j);
                out[2 * ((first + j) * coils + c)] = d * sum[2 * j];
                out[2 * ((first + j) * coils + c) + 1] = d * sum[2 * j + 1];
            }
        }
    }

    /** Adds every isochromat's coefficient, weighted by coil c's sensitivity (and position), to its tissue's grids, in isochromat order. */
    private void spreadCoil(int c, boolean[] axes, int terms) {
        double[] cr = grid.cr[c], ci = grid.ci[c];
        int mask = (axes[0] ? 1 : 0) | (axes[1] ? 2 : 0) | (axes[2] ? 4 : 0);
        double[] p0 = grid.pos[0], p1 = grid.pos[1], p2 = grid.pos[2];
        for (int t = 0; t < grid.tileFrom.length; t++) {
            double[] g = transform.grid[grid.tileTissue[t]][c];
            for (int i = grid.tileFrom[t]; i < grid.tileTo[t]; i++) {
                double ar = segRe[i], ai = segIm[i];
                ReadoutTransform.spread(g, segBin[i], cr[i] * ar - ci[i] * ai, cr[i] * ai + ci[i] * ar, segZ[i], mask, p0[i], p1[i], p2[i], terms);
            }
        }
    }
}
