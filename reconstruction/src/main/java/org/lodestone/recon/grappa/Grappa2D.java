package org.lodestone.recon.grappa;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;

/**
 * GRAPPA for arbitrary Cartesian line patterns (the variable-density masks of accelerated 2D scans: random lines
 * around a fully sampled centre), so one kernel per source pattern rather than one per acceleration: a missing
 * line's sources are the nearest acquired lines above and below it (up to 2 each side within 3 lines, {@link Shape}:
 * the sparse edge of such a mask keeps lines no kernel reaches, and they stay zero), the kernel for that offset
 * pattern is fitted once on the centre block ({@link GrappaKernel#fit}) and fills every line with the same pattern,
 * in every coil. Acquired lines are kept as measured (data consistency); lines outside the first…last acquired line
 * (partial Fourier, or an edge the mask left out) are not extrapolated and stay zero, as in the zero-filled image.
 */
public final class Grappa2D {

    /**
     * How kernels are shaped and fitted.
     *
     * @param linesEachSide    acquired lines used each side of a missing one
     * @param maxReach         farthest source line from its target: farther ones predicted it worse than leaving it
     *                         at zero (twin, 4 coils, se2d 64² at 2×: reach 3 gave NRMSE 0.122, reach 6 0.143)
     * @param readoutHalfWidth readout neighbours each side of the target sample (2: a 5-tap kernel)
     * @param minTrainingRows  fewest centre-block rows a pattern must leave to fit on (farther sources are dropped)
     * @param maxAcsRows       most centre rows that train the kernels (cost and memory grow with their square)
     * @param tikhonov         λ relative to the mean eigenvalue of AᴴA: best of 0.001…0.3 on the same twin data
     *                         (0.01 and 0.1 within 2 %)
     */
    record Shape(int linesEachSide, int maxReach, int readoutHalfWidth, int minTrainingRows, int maxAcsRows, double tikhonov) {
        static final Shape MEASURED = new Shape(2, 3, 2, 4, 32, 0.03);
    }

    private Grappa2D() {
    }

    /**
     * The k-space of every coil with its missing lines filled.
     *
     * @param coilKspace  per coil, interleaved complex {@code nx × ny}, zero where not sampled (not modified)
     * @param sampled     per phase-encode line, whether it was acquired
     * @param calibration size of the fully sampled block centred on line ny/2
     *                    ({@link org.lodestone.recon.cs.UndersampledRecon2D#calibrationLines})
     * @throws IllegalArgumentException with one coil (there is no other coil to take a missing line from), or a
     *                                  centre block too small to fit any kernel
     */
    public static float[][] fill(float[][] coilKspace, boolean[] sampled, int nx, int ny, int calibration, int threads) {
        Shape shape = Shape.MEASURED;
        if (coilKspace.length < 2) throw new IllegalArgumentException("GRAPPA needs at least two coils, got " + coilKspace.length);
        if (calibration < shape.minTrainingRows() + 2) {
            throw new IllegalArgumentException(calibration + " calibration lines are too few to fit a GRAPPA kernel");
        }
        int rows = Math.min(calibration, shape.maxAcsRows()), acsFrom = ny / 2 - rows / 2, acsTo = acsFrom + rows;
        Map<List<Integer>, List<Integer>> patterns = linesByPattern(sampled, rows, shape);
        float[][] out = new float[coilKspace.length][];
        for (int c = 0; c < out.length; c++) out[c] = coilKspace[c].clone();
        Runnable fillAll = () -> {
            AcsCorrelations acs = AcsCorrelations.of(coilKspace, nx, acsFrom, acsTo, shape.readoutHalfWidth(), rows - shape.minTrainingRows(), threads);
            var each = threads > 1 ? patterns.entrySet().parallelStream() : patterns.entrySet().stream();
            // each pattern writes only its own lines
            each.forEach(p -> {
                GrappaKernel kernel = GrappaKernel.fit(acs, coilKspace.length, p.getKey(), shape.readoutHalfWidth(), shape.tikhonov());
                for (int y : p.getValue()) kernel.apply(coilKspace, out, nx, y);
            });
        };
        if (threads <= 1) {
            fillAll.run();
            return out;
        }
        ForkJoinPool pool = new ForkJoinPool(threads);
        try {
            pool.submit(fillAll).join();
        } finally {
            pool.shutdown();
        }
        return out;
    }

    /** The missing lines to fill, by their source offsets (one kernel per key), for a centre block of {@code rows}. */
    static Map<List<Integer>, List<Integer>> linesByPattern(boolean[] sampled, int rows, Shape shape) {
        Map<List<Integer>, List<Integer>> lines = new HashMap<>();
        for (int y = 0; y < sampled.length; y++) {
            if (sampled[y]) continue;
            List<Integer> offsets = sources(sampled, y, shape, rows - shape.minTrainingRows());
            if (!offsets.isEmpty()) lines.computeIfAbsent(offsets, o -> new ArrayList<>()).add(y);
        }
        return lines;
    }

    /**
     * The source offsets of missing line {@code y}, ascending: the nearest acquired lines each side within reach,
     * the farthest dropped while the pattern spans more than {@code maxSpan} rows (target included). Empty outside
     * the first…last acquired line.
     */
    static List<Integer> sources(boolean[] sampled, int y, Shape shape, int maxSpan) {
        List<Integer> below = new ArrayList<>(), above = new ArrayList<>();
        int reach = shape.maxReach(), most = shape.linesEachSide();
        for (int d = 1; d <= reach && y - d >= 0 && below.size() < most; d++) if (sampled[y - d]) below.add(-d);
        for (int d = 1; d <= reach && y + d < sampled.length && above.size() < most; d++) if (sampled[y + d]) above.add(d);
        if (below.isEmpty() || above.isEmpty()) {
            boolean inside = false;
            for (int d = 1; !inside && y - d >= 0; d++) inside = sampled[y - d];
            boolean after = false;
            for (int d = 1; !after && y + d < sampled.length; d++) after = sampled[y + d];
            if (!inside || !after) return List.of();
        }
        // drop the farthest source while the pattern is too wide for the centre block
        while (!below.isEmpty() || !above.isEmpty()) {
            int low = below.isEmpty() ? 0 : below.getLast(), high = above.isEmpty() ? 0 : above.getLast();
            if (high - low <= maxSpan) break;
            if (-low >= high) below.removeLast();
            else above.removeLast();
        }
        List<Integer> offsets = new ArrayList<>(below.reversed());
        offsets.addAll(above);
        return List.copyOf(offsets);
    }
}
