package org.lodestone.recon.combine;

/**
 * Adaptive coil combination (Walsh, Gmitro and Marcellin, MRM 2000): at each pixel the dominant eigenvector of
 * the coil covariance over a small window estimates the relative coil sensitivities, and the coils are combined
 * with it as a matched filter. Unlike root-sum-of-squares it does not add every coil's noise where the signal
 * is weak, so the noise floor in the background is about 1/√coils of RSS's, and the phase is kept.
 */
public final class WalshCombination {
    private static final int POWER_ITERATIONS = 6;

    private WalshCombination() {
    }

    /**
     * @param coilImages per coil, interleaved complex nx × ny
     * @param window     odd side of the square window (e.g. 7)
     * @return the combined complex image, phase referred to coil 0
     */
    public static float[] combine(float[][] coilImages, int nx, int ny, int window) {
        int nc = coilImages.length;
        if (window < 1 || window % 2 == 0) throw new IllegalArgumentException("window must be odd and ≥ 1, got " + window);
        for (float[] c : coilImages) {
            if (c.length != 2 * nx * ny) throw new IllegalArgumentException("coil image has " + c.length + " floats, expected " + 2 * nx * ny);
        }
        // integral images of x_i·conj(x_j) for j ≥ i (Hermitian), (nx+1)×(ny+1) each
        int pairs = nc * (nc + 1) / 2;
        double[][] integral = new double[pairs][2 * (nx + 1) * (ny + 1)];
        int pair = 0;
        for (int i = 0; i < nc; i++) {
            for (int j = i; j < nc; j++, pair++) {
                double[] s = integral[pair];
                float[] a = coilImages[i], b = coilImages[j];
                for (int y = 0; y < ny; y++) {
                    double rowRe = 0, rowIm = 0;
                    for (int x = 0; x < nx; x++) {
                        int p = 2 * (y * nx + x);
                        rowRe += a[p] * (double) b[p] + a[p + 1] * (double) b[p + 1];
                        rowIm += a[p + 1] * (double) b[p] - a[p] * (double) b[p + 1];
                        int q = 2 * ((y + 1) * (nx + 1) + x + 1);
                        int up = 2 * (y * (nx + 1) + x + 1);
                        s[q] = s[up] + rowRe;
                        s[q + 1] = s[up + 1] + rowIm;
                    }
                }
            }
        }
        int h = window / 2;
        float[] out = new float[2 * nx * ny];
        double[] r = new double[2 * nc * nc];
        double[] v = new double[2 * nc];
        double[] w = new double[2 * nc];
        for (int y = 0; y < ny; y++) {
            int y0 = Math.max(0, y - h), y1 = Math.min(ny, y + h + 1);
            for (int x = 0; x < nx; x++) {
                int x0 = Math.max(0, x - h), x1 = Math.min(nx, x + h + 1);
                pair = 0;
                for (int i = 0; i < nc; i++) {
                    for (int j = i; j < nc; j++, pair++) {
                        double[] s = integral[pair];
                        double re = box(s, nx, x0, x1, y0, y1, 0), im = box(s, nx, x0, x1, y0, y1, 1);
                        r[2 * (i * nc + j)] = re;
                        r[2 * (i * nc + j) + 1] = im;
                        r[2 * (j * nc + i)] = re;
                        r[2 * (j * nc + i) + 1] = -im;
                    }
                }
                // power iteration from the uniform vector
                for (int c = 0; c < nc; c++) {
                    v[2 * c] = 1;
                    v[2 * c + 1] = 0;
                }
                for (int it = 0; it < POWER_ITERATIONS; it++) {
                    double norm = 0;
                    for (int i = 0; i < nc; i++) {
                        double sr = 0, si = 0;
                        for (int j = 0; j < nc; j++) {
                            double mr = r[2 * (i * nc + j)], mi = r[2 * (i * nc + j) + 1];
                            sr += mr * v[2 * j] - mi * v[2 * j + 1];
                            si += mr * v[2 * j + 1] + mi * v[2 * j];
                        }
                        w[2 * i] = sr;
                        w[2 * i + 1] = si;
                        norm += sr * sr + si * si;
                    }
                    norm = Math.sqrt(norm);
                    if (norm == 0) break;
                    for (int k = 0; k < 2 * nc; k++) v[k] = w[k] / norm;
                }
                // phase of coil 0's weight set to zero, so the combined phase is continuous
                double ref = Math.hypot(v[0], v[1]);
                double cr = ref > 0 ? v[0] / ref : 1, ci = ref > 0 ? -v[1] / ref : 0;
                double or = 0, oi = 0;
                int p = 2 * (y * nx + x);
                for (int c = 0; c < nc; c++) {
                    double vr = v[2 * c] * cr - v[2 * c + 1] * ci, vi = v[2 * c] * ci + v[2 * c + 1] * cr;
                    double xr = coilImages[c][p], xi = coilImages[c][p + 1];
                    or += vr * xr + vi * xi; // conj(v)·x
                    oi += vr * xi - vi * xr;
                }
                out[p] = (float) or;
                out[p + 1] = (float) oi;
            }
        }
        return out;
    }

    private static double box(double[] s, int nx, int x0, int x1, int y0, int y1, int part) {
        int w = nx + 1;
        return s[2 * (y1 * w + x1) + part] - s[2 * (y0 * w + x1) + part] - s[2 * (y1 * w + x0) + part]
                + s[2 * (y0 * w + x0) + part];
    }
}
