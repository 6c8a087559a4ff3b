package org.lodestone.recon.cartesian;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jtransforms.fft.FloatFFT_2D;
import org.jtransforms.fft.FloatFFT_3D;
import org.lodestone.recon.fft.Fftw;

/**
 * Centred inverse FFT per coil + root-sum-of-squares, parallel over coils on a small fixed pool.
 *
 * <p>Worker {@code w} handles coils {@code w, w+T, …} with its own FFT plan (plans are reused across calls
 * while the size stays the same) and its own partial sum of |I|², so workers never share mutable state;
 * the partial sums are added and square-rooted at the end. The result is scaled by 1/N like
 * {@link CenteredFft#ifft2c}. Sizes must be even (the modulation trick in {@link CenteredFft}); only the input is
 * modulated, because the output's (−1)^(x+y+z) and the 1/N do not change a magnitude except by the final scale.
 */
public final class RssReconstructor implements AutoCloseable {

    /** Who computes the FFTs; chosen by measurement (bench/run-bench.sh prints both). */
    public enum FftEngine {
        /** Pure Java, always there. */
        JTRANSFORMS,
        /** Debian's libfftw3f through the FFM API. */
        FFTW;

        /** FFTW when the library loads (faster in the benchmark here, see the README), else JTransforms. */
        public static FftEngine fastestAvailable() {
            return Fftw.load().isPresent() ? FFTW : JTRANSFORMS;
        }
    }

    private final FftEngine engine;
    private Fftw.Plan fftw2d;
    private Fftw.Plan fftw3d;
    private int[] fftwSize2d;
    private int[] fftwSize3d;

    private final int threads;
    private final ExecutorService pool;
    private final FloatFFT_2D[] plans2d;
    private final FloatFFT_3D[] plans3d;
    private final int[][] planSizes2d;
    private final int[][] planSizes3d;

    /** @param threads worker threads; 1 runs everything on the caller's thread */
    public RssReconstructor(int threads) {
        this(threads, FftEngine.fastestAvailable());
    }

    public RssReconstructor(int threads, FftEngine engine) {
        if (engine == FftEngine.FFTW && Fftw.load().isEmpty()) {
            throw new IllegalArgumentException("FFTW engine asked for but libfftw3f.so.3 cannot be loaded");
        }
        this.engine = engine;
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be ≥ 1, got " + threads);
        }
        this.threads = threads;
        this.pool = threads == 1 ? null : Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "rss-recon");
            t.setDaemon(true);
            return t;
        });
        this.plans2d = new FloatFFT_2D[threads];
        this.plans3d = new FloatFFT_3D[threads];
        this.planSizes2d = new int[threads][];
        this.planSizes3d = new int[threads][];
    }

    /** A pool sized to the machine, at most 4 threads (more does not help an FFT-per-coil memory-bound loop). */
    public static RssReconstructor withDefaultThreads() {
        return withDefaultThreads(FftEngine.fastestAvailable());
    }

    public static RssReconstructor withDefaultThreads(FftEngine engine) {
        return new RssReconstructor(Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors())), engine);
    }

    public FftEngine engine() {
        return engine;
    }

    private synchronized Fftw.Plan fftwPlan(int... dims) {
        boolean threeD = dims.length == 3;
        if (threeD && (fftw3d == null || !java.util.Arrays.equals(fftwSize3d, dims))) {
            if (fftw3d != null) fftw3d.close();
            fftw3d = Fftw.load().orElseThrow().plan(true, dims);
            fftwSize3d = dims.clone();
        } else if (!threeD && (fftw2d == null || !java.util.Arrays.equals(fftwSize2d, dims))) {
            if (fftw2d != null) fftw2d.close();
            fftw2d = Fftw.load().orElseThrow().plan(true, dims);
            fftwSize2d = dims.clone();
        }
        return threeD ? fftw3d : fftw2d;
    }

    /**
     * RSS image of 2D coil k-spaces (interleaved complex, kx fastest).
     *
     * @param overwrite if true the input arrays are transformed in place (saves one copy per coil)
     */
    public float[] rss2D(float[][] coilKspace, int nx, int ny, boolean overwrite) {
        requireEven(nx, ny, 2);
        Fftw.Plan native2d = engine == FftEngine.FFTW ? fftwPlan(ny, nx) : null;
        return run(coilKspace, nx * ny, overwrite, (w, a) -> {
            CenteredFft.checkerboard(a, nx, ny, 1f);
            if (native2d != null) {
                native2d.execute(a);
                return;
            }
            FloatFFT_2D plan = plans2d[w];
            if (plan == null || planSizes2d[w][0] != nx || planSizes2d[w][1] != ny) {
                plan = plans2d[w] = new FloatFFT_2D(ny, nx);
                planSizes2d[w] = new int[] {nx, ny};
            }
            plan.complexInverse(a, false);
        });
    }

    private static void requireEven(int nx, int ny, int nz) {
        if (nx % 2 != 0 || ny % 2 != 0 || nz % 2 != 0) {
            throw new IllegalArgumentException("RSS reconstruction needs even sizes, got " + nx + "×" + ny + "×" + nz);
        }
    }

    /** RSS volume of 3D coil k-spaces (interleaved complex, kx fastest, then ky, then kz). */
    public float[] rss3D(float[][] coilKspace, int nx, int ny, int nz, boolean overwrite) {
        requireEven(nx, ny, nz);
        Fftw.Plan native3d = engine == FftEngine.FFTW ? fftwPlan(nz, ny, nx) : null;
        return run(coilKspace, nx * ny * nz, overwrite, (w, a) -> {
            CenteredFft.checkerboard3(a, nx, ny, nz, 1f);
            if (native3d != null) {
                native3d.execute(a);
                return;
            }
            FloatFFT_3D plan = plans3d[w];
            if (plan == null || planSizes3d[w][0] != nx || planSizes3d[w][1] != ny || planSizes3d[w][2] != nz) {
                plan = plans3d[w] = new FloatFFT_3D(nz, ny, nx);
                planSizes3d[w] = new int[] {nx, ny, nz};
            }
            plan.complexInverse(a, false);
        });
    }

    private interface CoilTransform {
        void apply(int worker, float[] data);
    }

    private float[] run(float[][] coils, int pixels, boolean overwrite, CoilTransform transform) {
        for (float[] c : coils) {
            if (c.length != 2 * pixels) {
                throw new IllegalArgumentException("coil array has " + c.length + " floats, expected " + 2 * pixels);
            }
        }
        int workers = Math.min(threads, coils.length);
        float[][] partial = new float[workers][];
        if (workers == 1 || pool == null) {
            partial = new float[][] {accumulate(0, 1, coils, pixels, overwrite, transform)};
        } else {
            List<Future<float[]>> futures = new ArrayList<>(workers);
            for (int w = 0; w < workers; w++) {
                int worker = w;
                futures.add(pool.submit(() -> accumulate(worker, workers, coils, pixels, overwrite, transform)));
            }
            try {
                for (int w = 0; w < workers; w++) {
                    partial[w] = futures.get(w).get();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("reconstruction interrupted", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("coil FFT failed: " + e.getCause(), e.getCause());
            }
        }
        float[] out = partial[0];
        for (int w = 1; w < partial.length; w++) {
            float[] p = partial[w];
            for (int i = 0; i < pixels; i++) {
                out[i] += p[i];
            }
        }
        double scale = 1.0 / pixels; // the unscaled inverse FFT's 1/N, applied once to the magnitude
        for (int i = 0; i < pixels; i++) {
            out[i] = (float) (Math.sqrt(out[i]) * scale);
        }
        return out;
    }

    private static float[] accumulate(int worker, int stride, float[][] coils, int pixels, boolean overwrite,
                                      CoilTransform transform) {
        float[] sumSq = new float[pixels];
        float[] scratch = overwrite ? null : new float[2 * pixels];
        for (int c = worker; c < coils.length; c += stride) {
            float[] a = coils[c];
            if (!overwrite) {
                System.arraycopy(a, 0, scratch, 0, a.length);
                a = scratch;
            }
            transform.apply(worker, a);
            for (int i = 0; i < pixels; i++) {
                float re = a[2 * i];
                float im = a[2 * i + 1];
                sumSq[i] += re * re + im * im;
            }
        }
        return sumSq;
    }

    @Override
    public synchronized void close() {
        if (fftw2d != null) fftw2d.close();
        if (fftw3d != null) fftw3d.close();
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
