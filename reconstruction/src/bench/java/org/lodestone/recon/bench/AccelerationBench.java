package org.lodestone.recon.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.lodestone.recon.cartesian.CartesianRecon2D;
import org.lodestone.recon.cartesian.CenteredFft;
import org.lodestone.recon.cs.UndersampledRecon2D;
import org.lodestone.recon.image.ImageMetrics;
import org.lodestone.recon.image.NiftiReader;
import org.lodestone.seq.sampling.VariableDensityLines;

/**
 * Accelerated 2D recon against the truth and against BART, on the same raw data and the same mask: a 256²
 * object (the twin's truth.nii when given, else an ellipse phantom) seen by 8 smooth complex coils, with noise;
 * phase encodes undersampled as the 2D protocols do (variable density, 24 calibration lines) at acceleration
 * 1–4. Ours: {@link UndersampledRecon2D} (coil maps from the calibration lines), warm, in-process, median of
 * REPEATS. BART: {@code ecalib} maps, then {@code pics}, wall time of the CLI (process start and .cfl I/O
 * included), median of REPEATS. NRMSE (after a least-squares intensity scale) and SSIM against the truth,
 * which is the object times the coils' root-sum-of-squares (what a noiseless RSS image shows).
 * <p>
 * Usage: {@code AccelerationBench WORKDIR [truth.nii]}; environment REPEATS (default 5).
 */
public final class AccelerationBench {
    static final int N = 256, COILS = 8, CALIBRATION = 24;
    static final double NOISE = 0.02;
    static final String BART_PICS = "pics -l1 -r 0.005 -i 30";

    private AccelerationBench() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        Files.createDirectories(work);
        int repeats = Integer.parseInt(System.getenv().getOrDefault("REPEATS", "5"));
        int threads = Runtime.getRuntime().availableProcessors();
        float[] object = args.length > 1 ? fromTruth(Path.of(args[1])) : ellipses();
        float[][] sens = coils();
        float[][] full = kspace(object, sens, 11);
        float[] truth = new float[N * N];
        for (int p = 0; p < N * N; p++) {
            double s = 0;
            for (float[] c : sens) s += c[2 * p] * c[2 * p] + c[2 * p + 1] * c[2 * p + 1];
            truth[p] = (float) (object[p] * Math.sqrt(s));
        }
        System.out.printf("%s, %d coils, noise %.3f of the k-space centre, %d calibration lines, %d threads, median of %d%n",
                args.length > 1 ? "twin truth " + args[1] : "ellipse phantom " + N + "²", COILS, NOISE, CALIBRATION, threads, repeats);
        System.out.printf("%-4s %-6s %-34s %8s %8s %10s%n", "R", "lines", "recon", "NRMSE", "SSIM", "time ms");
        for (int r = 1; r <= 4; r++) {
            int count = (int) Math.round((double) N / r);
            int[] lines = VariableDensityLines.lines(VariableDensityLines.draw(N, 0, count, CALIBRATION, 5));
            boolean[] sampled = new boolean[N];
            for (int y : lines) sampled[y] = true;
            float[][] k = masked(full, sampled);
            String accel = String.format("%.2f", (double) N / lines.length);
            row(accel, lines.length, "zero-filled RSS", truth, CartesianRecon2D.rootSumOfSquares(ifft(k)), Double.NaN);
            for (UndersampledRecon2D.Method m : UndersampledRecon2D.Method.values()) {
                UndersampledRecon2D.Settings s = UndersampledRecon2D.Settings.of(m);
                Timed ours = ours(k, sampled, N, N, s, threads, repeats);
                row(accel, lines.length, label(s),
                        truth, ours.image(), ours.medianMs());
            }
            Path dir = work.resolve("r" + r);
            Files.createDirectories(dir);
            Cfl.write(dir.resolve("k"), k, N, N);
            Cfl.bart(dir, "ecalib -m1 -r " + CALIBRATION + " k sens");
            long[] ns = new long[repeats];
            for (int i = 0; i < repeats; i++) {
                long t0 = System.nanoTime();
                Cfl.bart(dir, BART_PICS + " k sens x");
                ns[i] = System.nanoTime() - t0;
            }
            row(accel, lines.length, "bart " + BART_PICS + " (ecalib maps)", truth, magnitude(Cfl.read(dir.resolve("x"), N * N)), median(ns) / 1e6);
        }
    }

    private static void row(String r, int lines, String what, float[] truth, float[] image, double ms) {
        float[] scaled = fitted(truth, image);
        System.out.printf("%-4s %-6d %-34s %8.4f %8.4f %10s%n", r, lines, what, ImageMetrics.nrmse(truth, scaled),
                ImageMetrics.ssim(truth, scaled, N, N), Double.isNaN(ms) ? "-" : String.format("%.1f", ms));
    }

    /** The image times the least-squares scale onto the truth (recons differ in their intensity convention). */
    static float[] fitted(float[] truth, float[] image) {
        float a = (float) ImageMetrics.leastSquaresScale(truth, image);
        float[] out = new float[image.length];
        for (int i = 0; i < out.length; i++) out[i] = image[i] * a;
        return out;
    }

    /** A row's name for one of our methods: its solver settings, or GRAPPA's kernel. */
    static String label(UndersampledRecon2D.Settings s) {
        String m = "Lodestone " + s.method().name().toLowerCase();
        return s.method() == UndersampledRecon2D.Method.GRAPPA ? m + " (kernel per line pattern)" : m + " (λ " + s.lambda() + ", " + s.iterations() + " it)";
    }

    /** Our reconstruction's image and its median time over {@code repeats} warm runs (after two warm-up runs). */
    record Timed(float[] image, double medianMs) {
    }

    static Timed ours(float[][] k, boolean[] sampled, int nx, int ny, UndersampledRecon2D.Settings s, int threads, int repeats) {
        float[] img = null;
        long[] ns = new long[repeats];
        for (int i = -2; i < repeats; i++) {
            long t0 = System.nanoTime();
            img = UndersampledRecon2D.reconstruct(copy(k), sampled, nx, ny, s, threads);
            if (i >= 0) ns[i] = System.nanoTime() - t0;
        }
        return new Timed(img, median(ns) / 1e6);
    }

    static double median(long[] v) {
        long[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    /** Smooth complex receive coils around the object, not normalised: the truth carries their RSS shading. */
    static float[][] coils() {
        float[][] s = new float[COILS][2 * N * N];
        for (int c = 0; c < COILS; c++) {
            double a = 2 * Math.PI * c / COILS, cx = 0.9 * Math.cos(a), cy = 0.9 * Math.sin(a);
            for (int p = 0; p < N * N; p++) {
                double u = (p % N - N / 2.0) / (N / 2.0), v = (p / N - N / 2.0) / (N / 2.0);
                double mag = Math.exp(-((u - cx) * (u - cx) + (v - cy) * (v - cy)) / 0.8), ph = 0.6 * (u * Math.cos(a) - v * Math.sin(a)) + a;
                s[c][2 * p] = (float) (mag * Math.cos(ph));
                s[c][2 * p + 1] = (float) (mag * Math.sin(ph));
            }
        }
        return s;
    }

    /** Modified Shepp–Logan ellipses, values 0…1. */
    static float[] ellipses() {
        double[][] e = { // cx, cy, a, b, angle, value
            {0, 0, 0.69, 0.92, 0, 1}, {0, -0.0184, 0.6624, 0.874, 0, -0.8}, {0.22, 0, 0.11, 0.31, -18, -0.2},
            {-0.22, 0, 0.16, 0.41, 18, -0.2}, {0, 0.35, 0.21, 0.25, 0, 0.1}, {0, 0.1, 0.046, 0.046, 0, 0.1},
            {0, -0.1, 0.046, 0.046, 0, 0.1}, {-0.08, -0.605, 0.046, 0.023, 0, 0.1}, {0, -0.605, 0.023, 0.023, 0, 0.1},
            {0.06, -0.605, 0.023, 0.046, 0, 0.1}};
        float[] img = new float[N * N];
        for (int y = 0; y < N; y++) {
            for (int x = 0; x < N; x++) {
                double u = (x - N / 2.0) / (N / 2.0), v = (y - N / 2.0) / (N / 2.0), val = 0;
                for (double[] q : e) {
                    double th = Math.toRadians(q[4]), du = u - q[0], dv = v - q[1];
                    double p = (du * Math.cos(th) + dv * Math.sin(th)) / q[2], w = (-du * Math.sin(th) + dv * Math.cos(th)) / q[3];
                    if (p * p + w * w <= 1) val += q[5];
                }
                img[y * N + x] = (float) val;
            }
        }
        return img;
    }

    static float[] fromTruth(Path nifti) throws IOException {
        var v = NiftiReader.read(nifti);
        if (v.nx() != N || v.ny() != N) throw new IllegalArgumentException(nifti + " is " + v.nx() + "×" + v.ny() + ", not " + N + "²");
        float[] d = Arrays.copyOf(v.data(), N * N);
        float max = 0;
        for (float f : d) max = Math.max(max, f);
        for (int i = 0; i < d.length; i++) d[i] /= max;
        return d;
    }

    /** Per coil: centred FFT of coil × object, plus complex Gaussian noise relative to the k-space centre. */
    static float[][] kspace(float[] object, float[][] sens, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[][] k = new float[sens.length][];
        double peak = 0;
        for (int c = 0; c < sens.length; c++) {
            float[] img = new float[2 * N * N];
            for (int p = 0; p < N * N; p++) {
                img[2 * p] = sens[c][2 * p] * object[p];
                img[2 * p + 1] = sens[c][2 * p + 1] * object[p];
            }
            k[c] = CenteredFft.fft2c(img, N, N);
            int centre = 2 * (N / 2 * N + N / 2);
            peak = Math.max(peak, Math.hypot(k[c][centre], k[c][centre + 1]));
        }
        double sigma = NOISE * peak / N; // per sample, so the image noise is NOISE of the mean-ish level
        for (float[] kc : k) for (int i = 0; i < kc.length; i++) kc[i] += (float) (sigma * nextGaussian(rnd));
        return k;
    }

    private static double nextGaussian(SplittableRandom r) {
        double u = 1 - r.nextDouble(), v = r.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    static float[][] masked(float[][] full, boolean[] sampled) {
        float[][] k = copy(full);
        for (float[] c : k) for (int y = 0; y < N; y++) if (!sampled[y]) Arrays.fill(c, 2 * y * N, 2 * (y + 1) * N, 0f);
        return k;
    }

    static float[][] copy(float[][] a) {
        float[][] out = new float[a.length][];
        for (int i = 0; i < a.length; i++) out[i] = a[i].clone();
        return out;
    }

    static float[][] ifft(float[][] k) {
        float[][] out = new float[k.length][];
        for (int c = 0; c < k.length; c++) out[c] = CenteredFft.ifft2c(k[c], N, N);
        return out;
    }

    static float[] magnitude(float[] complex) {
        float[] m = new float[complex.length / 2];
        for (int p = 0; p < m.length; p++) m[p] = (float) Math.hypot(complex[2 * p], complex[2 * p + 1]);
        return m;
    }
}
