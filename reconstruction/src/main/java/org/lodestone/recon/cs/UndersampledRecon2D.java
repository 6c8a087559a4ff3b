package org.lodestone.recon.cs;

import org.lodestone.recon.cartesian.CenteredFft;
import org.lodestone.recon.cartesian.KSpaceBuffer;
import org.lodestone.recon.grappa.Grappa2D;

/**
 * Reconstruction of a 2D slice whose phase encodes were undersampled (variable density around a fully
 * sampled centre): coil maps from the centre lines ({@link SensitivityMaps#fromCalibration}), then
 * {@link L1WaveletSense} — with the l1-wavelet term (compressed sensing) or without it (SENSE alone, the
 * iterations bounded so noise is not amplified without end) — or GRAPPA ({@link Grappa2D}: the missing lines
 * filled from their neighbours in all coils, then the coil images combined with the same maps). The mask is what
 * the data hold: every line with a readout is sampled, so recon and sequence cannot disagree about it.
 */
public final class UndersampledRecon2D {
    /** Fewer fully sampled centre lines than this give coil maps too coarse to trust: the slice stays zero-filled. */
    public static final int MIN_CALIBRATION_LINES = 8;
    /**
     * At most this many centre lines make the coil maps: maps must be smooth (low resolution), or they carry the
     * object's own edges and holes, where the l1 term would then fill in what the data no longer constrain.
     */
    public static final int MAX_CALIBRATION_LINES = 32;
    /** Coil maps are 0 where the low-resolution RSS is below this share of its maximum (no object there). */
    static final double MAP_THRESHOLD = 0.05;

    /** In the order of the protocols' {@code recon} choice (0 cs, 1 sense, 2 grappa). */
    public enum Method { CS, SENSE, GRAPPA }

    /**
     * @param lambda     relative l1-wavelet weight (0 for SENSE alone and GRAPPA)
     * @param iterations FISTA iterations (0 for GRAPPA, which solves no image)
     */
    public record Settings(Method method, double lambda, int iterations) {
        public Settings {
            if (method != Method.CS && lambda != 0) throw new IllegalArgumentException(method + " has no l1 weight");
        }

        /** The defaults of each method, chosen by measurement on the twin (reconstruction/README.md). */
        public static Settings of(Method method) {
            return switch (method) {
                case CS -> new Settings(Method.CS, 0.004, 20);
                case SENSE -> new Settings(Method.SENSE, 0, 20);
                case GRAPPA -> new Settings(Method.GRAPPA, 0, 0);
            };
        }
    }

    private UndersampledRecon2D() {
    }

    /**
     * Magnitude image {@code nx × ny} of one slice/contrast, on the intensity scale of the zero-filled RSS image
     * ({@link org.lodestone.recon.cartesian.CartesianRecon2D#reconstructSlice}), or null when the centre lines
     * are too few for coil maps (see {@link #MIN_CALIBRATION_LINES}).
     */
    public static float[] reconstructSlice(KSpaceBuffer buffer, int slice, int contrast, Settings settings, int threads) {
        int nx = buffer.nx(), ny = buffer.ny();
        boolean[] sampled = new boolean[ny];
        java.util.Arrays.fill(sampled, true);
        for (int y : buffer.missingLines(slice, contrast)) sampled[y] = false;
        float[][] k = new float[buffer.channels()][];
        for (int c = 0; c < k.length; c++) k[c] = buffer.kspace(slice, contrast, c);
        return reconstruct(k, sampled, nx, ny, settings, threads);
    }

    /**
     * A single coil asked for GRAPPA is reconstructed with SENSE: with no second coil there is nothing to take a
     * missing line from, and SENSE's data-consistent solve is what remains.
     *
     * @param coilKspace per coil, interleaved complex {@code nx × ny}, zero where not sampled
     * @param sampled    per phase-encode line, whether it was acquired
     */
    public static float[] reconstruct(float[][] coilKspace, boolean[] sampled, int nx, int ny, Settings settings, int threads) {
        int cal = Math.min(MAX_CALIBRATION_LINES, calibrationLines(sampled));
        if (cal < MIN_CALIBRATION_LINES) return null;
        int calX = Math.min(nx, Math.max(MIN_CALIBRATION_LINES, (int) Math.round((double) cal * nx / ny)) & ~1);
        SensitivityMaps maps = SensitivityMaps.fromCalibration(coilKspace, nx, ny, calX, cal, MAP_THRESHOLD);
        if (settings.method() == Method.GRAPPA && coilKspace.length > 1) {
            return combined(Grappa2D.fill(coilKspace, sampled, nx, ny, calibrationLines(sampled), threads), maps);
        }
        if (settings.method() == Method.GRAPPA) settings = Settings.of(Method.SENSE);
        float[] mask = new float[nx * ny];
        for (int y = 0; y < ny; y++) if (sampled[y]) java.util.Arrays.fill(mask, y * nx, (y + 1) * nx, 1f);
        float[] x;
        try (L1WaveletSense cs = new L1WaveletSense(maps, threads)) {
            x = cs.reconstruct(coilKspace, mask, new L1WaveletSense.Settings(settings.lambda(), settings.iterations(), 1));
        }
        // The solver's Fourier transform is unitary; the RSS image's inverse FFT divides by nx·ny.
        float scale = (float) (1 / Math.sqrt((double) nx * ny));
        float[] mag = new float[nx * ny];
        for (int p = 0; p < mag.length; p++) mag[p] = (float) Math.hypot(x[2 * p], x[2 * p + 1]) * scale;
        return mag;
    }

    /**
     * |Σ conj(S_c)·I_c| of the coil images: what the SENSE solution is where the data are complete, on the scale of
     * the zero-filled RSS image (the same inverse FFT), and 0 where the maps say there is no object.
     */
    private static float[] combined(float[][] coilKspace, SensitivityMaps maps) {
        int n = maps.nx() * maps.ny();
        double[] sum = new double[2 * n];
        for (int c = 0; c < coilKspace.length; c++) {
            float[] img = CenteredFft.ifft2c(coilKspace[c], maps.nx(), maps.ny());
            float[] s = maps.map(c);
            for (int p = 0; p < n; p++) {
                sum[2 * p] += s[2 * p] * img[2 * p] + s[2 * p + 1] * img[2 * p + 1];
                sum[2 * p + 1] += s[2 * p] * img[2 * p + 1] - s[2 * p + 1] * img[2 * p];
            }
        }
        float[] mag = new float[n];
        for (int p = 0; p < n; p++) mag[p] = (float) Math.hypot(sum[2 * p], sum[2 * p + 1]);
        return mag;
    }

    /** Size of the fully sampled block centred on line ny/2 (even: as many lines below the centre as from it up). */
    public static int calibrationLines(boolean[] sampled) {
        int c = sampled.length / 2, below = 0, above = 0;
        while (c - below - 1 >= 0 && sampled[c - below - 1]) below++;
        while (c + above < sampled.length && sampled[c + above]) above++;
        return 2 * Math.min(below, above);
    }

    /** Whether any line is missing: a complete 2D scan with gaps was undersampled on purpose. */
    public static boolean isUndersampled(boolean[] sampled) {
        for (boolean s : sampled) if (!s) return true;
        return false;
    }
}
