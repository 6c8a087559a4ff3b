package org.lodestone.recon.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Collectors;
import org.lodestone.recon.cartesian.CenteredFft;

/** The benchmark inputs, generated identically for JMH (in memory) and for BART (.cfl files via main). */
public final class BenchData {

    private BenchData() {
    }

    public static float[][] randomCoils(int coils, int n, long seed) {
        Random rnd = new Random(seed);
        float[][] k = new float[coils][2 * n];
        for (float[] c : k) {
            for (int i = 0; i < c.length; i++) {
                c[i] = (float) rnd.nextGaussian();
            }
        }
        return k;
    }

    /** Smooth Gaussian coil maps normalised to Σ|S|² = 1 inside a disc, 0 outside. */
    public static float[][] sens(int n, int coils) {
        float[][] s = new float[coils][2 * n * n];
        for (int p = 0; p < n * n; p++) {
            double u = (p % n - n / 2.0) / (n / 2.0);
            double v = (p / n - n / 2.0) / (n / 2.0);
            double sum = 0;
            for (int c = 0; c < coils; c++) {
                double a = 2 * Math.PI * c / coils;
                double m = Math.exp(-(Math.pow(u - Math.cos(a), 2) + Math.pow(v - Math.sin(a), 2)));
                s[c][2 * p] = (float) (m * Math.cos(a + u));
                s[c][2 * p + 1] = (float) (m * Math.sin(a + u));
                sum += m * m;
            }
            double f = u * u + v * v < 0.9 ? 1 / Math.sqrt(sum) : 0;
            for (int c = 0; c < coils; c++) {
                s[c][2 * p] *= (float) f;
                s[c][2 * p + 1] *= (float) f;
            }
        }
        return s;
    }

    /** 4× ky mask: 16 centre lines plus every ~5th line. */
    public static float[] mask(int n) {
        float[] m = new float[n * n];
        for (int ky = 0; ky < n; ky++) {
            if (Math.abs(ky - n / 2) < 8 || ky % 5 == 0) {
                Arrays.fill(m, ky * n, (ky + 1) * n, 1f);
            }
        }
        return m;
    }

    /** Undersampled k-space of a disc phantom seen by {@link #sens}. */
    public static float[][] csKspace(int n, float[][] sens, float[] mask) {
        float[][] k = new float[sens.length][];
        for (int c = 0; c < sens.length; c++) {
            float[] img = new float[2 * n * n];
            for (int p = 0; p < n * n; p++) {
                double u = (p % n - n / 2.0) / (n / 2.0);
                double v = (p / n - n / 2.0) / (n / 2.0);
                float obj = u * u + v * v < 0.5 ? (u > 0.2 ? 2f : 1f) : 0f;
                img[2 * p] = sens[c][2 * p] * obj;
                img[2 * p + 1] = sens[c][2 * p + 1] * obj;
            }
            k[c] = CenteredFft.fft2c(img, n, n);
            for (int p = 0; p < n * n; p++) {
                k[c][2 * p] *= mask[p];
                k[c][2 * p + 1] *= mask[p];
            }
        }
        return k;
    }

    /** Writes all inputs as BART .cfl/.hdr into {@code args[0]}. */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        Files.createDirectories(dir);
        write(dir.resolve("k2d"), randomCoils(8, 256 * 256, 1), 256, 256, 1, 8);
        write(dir.resolve("k3d"), randomCoils(4, 128 * 128 * 64, 2), 128, 128, 64, 4);
        float[][] s = sens(256, 8);
        write(dir.resolve("sens"), s, 256, 256, 1, 8);
        write(dir.resolve("kcs"), csKspace(256, s, mask(256)), 256, 256, 1, 8);
        write(dir.resolve("k1"), randomCoils(8, 256 * 256, 3), 256, 256, 1, 8);
    }

    private static void write(Path base, float[][] coils, int... dims) throws IOException {
        int[] all = new int[16];
        Arrays.fill(all, 1);
        System.arraycopy(dims, 0, all, 0, dims.length);
        Files.writeString(Path.of(base + ".hdr"), "# Dimensions\n"
                + Arrays.stream(all).mapToObj(Integer::toString).collect(Collectors.joining(" ")) + "\n");
        ByteBuffer b = ByteBuffer.allocate(4 * coils.length * coils[0].length).order(ByteOrder.LITTLE_ENDIAN);
        for (float[] c : coils) {
            b.asFloatBuffer().put(c);
            b.position(b.position() + 4 * c.length);
        }
        Files.write(Path.of(base + ".cfl"), b.array());
    }
}
