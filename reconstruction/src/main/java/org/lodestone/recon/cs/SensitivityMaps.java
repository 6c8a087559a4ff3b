package org.lodestone.recon.cs;

import org.lodestone.recon.cartesian.CenteredFft;

/**
 * Coil sensitivity maps, one interleaved complex {@code nx × ny} array per coil, normalised so that
 * {@code Σ_c |S_c|² = 1} wherever the object is and 0 elsewhere. With this normalisation the SENSE
 * encoding operator has norm ≤ 1, which fixes the FISTA step size at 1.
 */
public record SensitivityMaps(int nx, int ny, float[][] maps) {

    public SensitivityMaps {
        for (float[] m : maps) {
            if (m.length != 2 * nx * ny) {
                throw new IllegalArgumentException("map has " + m.length + " floats, expected " + 2 * nx * ny);
            }
        }
        maps = maps.clone();
    }

    public int coils() {
        return maps.length;
    }

    /** The map of one coil (shared, do not modify). */
    public float[] map(int coil) {
        return maps[coil];
    }

    /**
     * Low-resolution calibration ("normalised RSS" maps): the central {@code calibX × calibY} k-space region of
     * each coil (which must be fully sampled) is Hann-windowed to suppress ringing, transformed to low-resolution
     * coil images {@code I_c}, and {@code S_c = I_c / √(Σ|I|²)}. Pixels whose RSS is below {@code threshold ×}
     * its maximum are set to 0 (no object, so no signal to model).
     */
    public static SensitivityMaps fromCalibration(float[][] coilKspace, int nx, int ny, int calibX, int calibY,
                                                  double threshold) {
        int coils = coilKspace.length;
        float[][] low = new float[coils][];
        for (int c = 0; c < coils; c++) {
            float[] k = new float[2 * nx * ny];
            for (int y = ny / 2 - calibY / 2; y < ny / 2 - calibY / 2 + calibY; y++) {
                double wy = hann(y - (ny / 2 - calibY / 2), calibY);
                for (int x = nx / 2 - calibX / 2; x < nx / 2 - calibX / 2 + calibX; x++) {
                    double w = wy * hann(x - (nx / 2 - calibX / 2), calibX);
                    int i = 2 * (y * nx + x);
                    k[i] = (float) (coilKspace[c][i] * w);
                    k[i + 1] = (float) (coilKspace[c][i + 1] * w);
                }
            }
            low[c] = CenteredFft.ifft2c(k, nx, ny);
        }
        float[] rss = new float[nx * ny];
        float max = 0;
        for (int p = 0; p < nx * ny; p++) {
            double s = 0;
            for (float[] l : low) {
                s += l[2 * p] * l[2 * p] + l[2 * p + 1] * l[2 * p + 1];
            }
            rss[p] = (float) Math.sqrt(s);
            max = Math.max(max, rss[p]);
        }
        float cut = (float) (threshold * max);
        for (float[] l : low) {
            for (int p = 0; p < nx * ny; p++) {
                float f = rss[p] > cut && rss[p] > 0 ? 1f / rss[p] : 0f;
                l[2 * p] *= f;
                l[2 * p + 1] *= f;
            }
        }
        return new SensitivityMaps(nx, ny, low);
    }

    /** Symmetric Hann window over n samples, peak 1 in the middle, never exactly 0 at the ends. */
    private static double hann(int i, int n) {
        return 0.5 - 0.5 * Math.cos(2 * Math.PI * (i + 0.5) / n);
    }
}
