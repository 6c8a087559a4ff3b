package org.lodestone.recon.grappa;

import java.util.List;
import org.lodestone.recon.preprocess.NoisePrewhitener;

/**
 * The weights that make one missing phase-encode line of every coil from the acquired lines around it: sources are
 * the lines at {@code offsets} (relative to the missing line) × {@code 2·halfWidth+1} readout neighbours × all coils,
 * targets are the missing line's sample of each coil. Fitted on the fully sampled centre (ACS) block where the same
 * offset pattern fits ({@link AcsCorrelations}), by Tikhonov-regularised least squares:
 * {@code (AᴴA + λ·tr(AᴴA)/N·I) w = Aᴴb}.
 * <p>
 * The solve is a complex Cholesky of the N×N normal matrix (N = lines × readout taps × coils, 80 for four coils):
 * the only linear algebra on the module's classpath is commons-math3 3.5, there only through JTransforms,
 * unmaintained since 2016 and complex only through boxed field matrices; N is small, so the project's own
 * complex Cholesky ({@link NoisePrewhitener#cholesky}) and triangular inverse serve.
 *
 * @param offsets   source lines relative to the target line, ascending, never 0
 * @param halfWidth readout neighbours each side of the target column
 * @param weights   per target coil, interleaved complex, source index {@code (line·taps + tap)·coils + coil}
 */
record GrappaKernel(List<Integer> offsets, int halfWidth, double[][] weights) {

    GrappaKernel {
        offsets = List.copyOf(offsets);
    }

    int sources(int coils) {
        return offsets.size() * (2 * halfWidth + 1) * coils;
    }

    /**
     * Fits the kernel on the centre block: every target row whose source rows are inside the block too.
     *
     * @param tikhonov λ relative to the mean eigenvalue (trace / N) of the normal matrix
     * @throws IllegalArgumentException when the pattern's span leaves no training row in the block
     */
    static GrappaKernel fit(AcsCorrelations acs, int coils, List<Integer> offsets, int halfWidth, double tikhonov) {
        GrappaKernel kernel = new GrappaKernel(offsets, halfWidth, null);
        int n = kernel.sources(coils), taps = 2 * halfWidth + 1;
        int from = Math.max(acs.from(), acs.from() - offsets.getFirst()), to = Math.min(acs.to(), acs.to() - offsets.getLast());
        if (from >= to) throw new IllegalArgumentException("offsets " + offsets + " leave no training row in " + acs.from() + "…" + acs.to());
        double[] gram = new double[2 * n * n];  // lower triangle of AᴴA
        double[][] rhs = new double[coils][2 * n];  // Aᴴb per target coil
        for (int t = from; t < to; t++) {
            for (int i = 0; i < n; i++) {
                int ri = t + offsets.get(i / (coils * taps)), tapI = i / coils % taps, ci = i % coils;
                for (int j = 0; j <= i; j++) {
                    acs.add(ri, tapI, ci, t + offsets.get(j / (coils * taps)), j / coils % taps, j % coils, gram, 2 * (i * n + j));
                }
                for (int c = 0; c < coils; c++) acs.add(ri, tapI, ci, t, halfWidth, c, rhs[c], 2 * i);
            }
        }
        double trace = 0;
        for (int i = 0; i < n; i++) trace += gram[2 * (i * n + i)];
        double ridge = tikhonov * Math.max(trace / n, Double.MIN_NORMAL);
        for (int i = 0; i < n; i++) gram[2 * (i * n + i)] += ridge;
        double[] lowerInverse = NoisePrewhitener.invertLower(NoisePrewhitener.cholesky(gram, n), n);
        double[][] w = new double[coils][];
        for (int c = 0; c < coils; c++) w[c] = solve(lowerInverse, rhs[c], n);
        return new GrappaKernel(offsets, halfWidth, w);
    }

    /** w = L⁻ᴴ (L⁻¹ b) for AᴴA = L·Lᴴ, given L⁻¹ (lower triangular). */
    private static double[] solve(double[] li, double[] b, int n) {
        double[] z = new double[2 * n];
        for (int i = 0; i < n; i++) {
            double sr = 0, si = 0;
            for (int j = 0; j <= i; j++) {
                double lr = li[2 * (i * n + j)], lim = li[2 * (i * n + j) + 1];
                sr += lr * b[2 * j] - lim * b[2 * j + 1];
                si += lr * b[2 * j + 1] + lim * b[2 * j];
            }
            z[2 * i] = sr;
            z[2 * i + 1] = si;
        }
        double[] w = new double[2 * n];
        for (int i = 0; i < n; i++) {
            double sr = 0, si = 0;
            for (int j = i; j < n; j++) {
                // (L⁻ᴴ)[i][j] = conj(L⁻¹[j][i])
                double lr = li[2 * (j * n + i)], lim = -li[2 * (j * n + i) + 1];
                sr += lr * z[2 * j] - lim * z[2 * j + 1];
                si += lr * z[2 * j + 1] + lim * z[2 * j];
            }
            w[2 * i] = sr;
            w[2 * i + 1] = si;
        }
        return w;
    }

    /** The source samples of target (y, x): zero beyond the readout's ends. */
    void sourceRow(float[][] k, int nx, int y, int x, double[] row) {
        int coils = k.length, taps = 2 * halfWidth + 1;
        for (int l = 0; l < offsets.size(); l++) {
            int base = (y + offsets.get(l)) * nx;
            for (int tap = 0; tap < taps; tap++) {
                int xs = x + tap - halfWidth;
                boolean inside = xs >= 0 && xs < nx;
                for (int c = 0; c < coils; c++) {
                    int i = 2 * ((l * taps + tap) * coils + c);
                    row[i] = inside ? k[c][2 * (base + xs)] : 0;
                    row[i + 1] = inside ? k[c][2 * (base + xs) + 1] : 0;
                }
            }
        }
    }

    /** Writes line {@code y} of every coil of {@code out} from the source lines of {@code k}. */
    void apply(float[][] k, float[][] out, int nx, int y) {
        int coils = k.length, n = sources(coils);
        double[] row = new double[2 * n];
        for (int x = 0; x < nx; x++) {
            sourceRow(k, nx, y, x, row);
            for (int c = 0; c < coils; c++) {
                double[] w = weights[c];
                double re = 0, im = 0;
                for (int i = 0; i < n; i++) {
                    re += row[2 * i] * w[2 * i] - row[2 * i + 1] * w[2 * i + 1];
                    im += row[2 * i] * w[2 * i + 1] + row[2 * i + 1] * w[2 * i];
                }
                out[c][2 * (y * nx + x)] = (float) re;
                out[c][2 * (y * nx + x) + 1] = (float) im;
            }
        }
    }
}
