package org.lodestone.recon.cs;

import java.util.Random;
import org.lodestone.recon.cartesian.CenteredFft;

/** Numerical CS test problem: ellipse phantom, smooth complex coils, variable-density ky mask. */
public record CsPhantom(int nx, int ny, float[] image, float[][] coilSens, float[][] fullKspace, float[] mask) {

    public static CsPhantom create(int nx, int ny, int coils, double acceleration, int centreLines, double noise,
                            long seed) {
        Random rnd = new Random(seed);
        float[] img = new float[2 * nx * ny];
        double[][] ellipses = { // cx, cy, a, b, angle, value (fractions of the FOV)
            {0, 0, 0.69, 0.92, 0, 1}, {0, -0.0184, 0.6624, 0.874, 0, -0.8}, {0.22, 0, 0.11, 0.31, -18, -0.2},
            {-0.22, 0, 0.16, 0.41, 18, -0.2}, {0, 0.35, 0.21, 0.25, 0, 0.1}, {0, 0.1, 0.046, 0.046, 0, 0.1},
            {0, -0.1, 0.046, 0.046, 0, 0.1}, {-0.08, -0.605, 0.046, 0.023, 0, 0.1}, {0, -0.605, 0.023, 0.023, 0, 0.1},
            {0.06, -0.605, 0.023, 0.046, 0, 0.1}};
        for (int y = 0; y < ny; y++) {
            for (int x = 0; x < nx; x++) {
                double u = (x - nx / 2.0) / (nx / 2.0);
                double v = (y - ny / 2.0) / (ny / 2.0);
                double val = 0;
                for (double[] e : ellipses) {
                    double th = Math.toRadians(e[4]);
                    double du = u - e[0];
                    double dv = v - e[1];
                    double p = (du * Math.cos(th) + dv * Math.sin(th)) / e[2];
                    double q = (-du * Math.sin(th) + dv * Math.cos(th)) / e[3];
                    if (p * p + q * q <= 1) {
                        val += e[5];
                    }
                }
                img[2 * (y * nx + x)] = (float) val;
            }
        }
        float[][] sens = new float[coils][2 * nx * ny];
        float[][] k = new float[coils][];
        for (int c = 0; c < coils; c++) {
            double ang = 2 * Math.PI * c / coils;
            double cx = 0.9 * Math.cos(ang);
            double cy = 0.9 * Math.sin(ang);
            float[] coilImg = new float[2 * nx * ny];
            for (int y = 0; y < ny; y++) {
                for (int x = 0; x < nx; x++) {
                    double u = (x - nx / 2.0) / (nx / 2.0);
                    double v = (y - ny / 2.0) / (ny / 2.0);
                    double mag = Math.exp(-((u - cx) * (u - cx) + (v - cy) * (v - cy)) / 0.8);
                    double ph = 0.6 * (u * Math.cos(ang) - v * Math.sin(ang)) + ang;
                    int p = 2 * (y * nx + x);
                    sens[c][p] = (float) (mag * Math.cos(ph));
                    sens[c][p + 1] = (float) (mag * Math.sin(ph));
                    coilImg[p] = sens[c][p] * img[p];
                    coilImg[p + 1] = sens[c][p + 1] * img[p];
                }
            }
            k[c] = CenteredFft.fft2c(coilImg, nx, ny);
        }
        // Noise relative to the k-space centre magnitude of the RSS.
        double peak = 0;
        for (float[] kc : k) {
            int centre = 2 * ((ny / 2) * nx + nx / 2);
            peak = Math.max(peak, Math.hypot(kc[centre], kc[centre + 1]));
        }
        for (float[] kc : k) {
            for (int i = 0; i < kc.length; i++) {
                kc[i] += (float) (noise * peak * rnd.nextGaussian());
            }
        }
        float[] mask = new float[nx * ny];
        int target = (int) Math.round(ny / acceleration);
        boolean[] line = new boolean[ny];
        int chosen = 0;
        for (int ky = ny / 2 - centreLines / 2; ky < ny / 2 - centreLines / 2 + centreLines; ky++) {
            line[ky] = true;
            chosen++;
        }
        while (chosen < target) {
            int ky = rnd.nextInt(ny);
            double r = Math.abs(ky - ny / 2.0) / (ny / 2.0);
            if (!line[ky] && rnd.nextDouble() < Math.pow(1 - r, 2)) {
                line[ky] = true;
                chosen++;
            }
        }
        for (int ky = 0; ky < ny; ky++) {
            if (line[ky]) {
                java.util.Arrays.fill(mask, ky * nx, (ky + 1) * nx, 1f);
            }
        }
        return new CsPhantom(nx, ny, img, sens, k, mask);
    }

    /** The full k-space with every line not in {@code lines} zeroed. */
    public float[][] withLines(boolean[] lines) {
        float[][] out = new float[fullKspace.length][];
        for (int c = 0; c < out.length; c++) {
            out[c] = fullKspace[c].clone();
            for (int y = 0; y < ny; y++) if (!lines[y]) java.util.Arrays.fill(out[c], 2 * y * nx, 2 * (y + 1) * nx, 0f);
        }
        return out;
    }

    float[][] undersampled() {
        float[][] out = new float[fullKspace.length][];
        for (int c = 0; c < out.length; c++) {
            out[c] = fullKspace[c].clone();
            for (int p = 0; p < nx * ny; p++) {
                out[c][2 * p] *= mask[p];
                out[c][2 * p + 1] *= mask[p];
            }
        }
        return out;
    }
}
