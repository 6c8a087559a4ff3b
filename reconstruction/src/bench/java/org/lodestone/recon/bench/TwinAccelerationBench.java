package org.lodestone.recon.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.lodestone.recon.cartesian.CartesianRecon2D;
import org.lodestone.recon.cartesian.KSpaceBuffer;
import org.lodestone.recon.cs.UndersampledRecon2D;
import org.lodestone.recon.image.ImageMetrics;
import org.lodestone.recon.image.ImageVolume;
import org.lodestone.recon.image.NiftiReader;
import org.lodestone.recon.mrd.Acquisition;
import org.lodestone.recon.mrd.AcquisitionFlag;
import org.lodestone.recon.mrd.EncodingSpec;
import org.lodestone.recon.mrd.IsmrmrdHeaderXml;
import org.lodestone.recon.mrd.MrdStreamReader;
import org.lodestone.recon.mrd.RawDataFiles;

/**
 * Accelerated 2D on the twin's raw data: for each scan folder {@code r1 … r4} (a real scan through the console's
 * scan path, {@code bin/lodestone scan … --param acceleration=R}, run by {@code run-bench.sh}) its raw.mrd's lines
 * give the k-space and the mask; ours ({@link UndersampledRecon2D} CS and SENSE, coil maps from the calibration
 * lines, warm, in-process, median of REPEATS) and BART ({@code ecalib} maps then {@code pics}, the CLI's wall time,
 * median of REPEATS) reconstruct the same k-space with the same mask; the scan's own images.nii is scored too.
 * NRMSE (after a least-squares intensity scale), SSIM and Pearson r against the twin's truth of the fully sampled
 * scan ({@code r1/truth/truth.nii}: the twin sizes its truth grid from the highest line it plays, so an accelerated
 * scan's own truth can be cut short).
 * <p>
 * Usage: {@code TwinAccelerationBench DIR} (holding r1 … r4); environment REPEATS (default 5).
 */
public final class TwinAccelerationBench {
    private TwinAccelerationBench() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int repeats = Integer.parseInt(System.getenv().getOrDefault("REPEATS", "5"));
        int threads = Runtime.getRuntime().availableProcessors();
        ImageVolume truthVolume = NiftiReader.read(dir.resolve("r1/truth/truth.nii"));
        float[] truth = truthVolume.slice(0);
        int nx = truthVolume.nx(), ny = truthVolume.ny();
        System.out.printf("twin truth %s (%d×%d), %d threads, median of %d%n", dir.resolve("r1/truth/truth.nii"), nx, ny, threads, repeats);
        System.out.printf("%-5s %-6s %-36s %8s %8s %8s %10s%n", "R", "lines", "recon", "NRMSE", "SSIM", "r", "time ms");
        for (int r = 1; r <= 4; r++) {
            Path scan = dir.resolve("r" + r);
            if (!Files.exists(scan.resolve("raw.mrd"))) continue;
            MrdStreamReader.Result raw = RawDataFiles.read(scan.resolve("raw.mrd"));
            EncodingSpec spec = IsmrmrdHeaderXml.parseEncoding(raw.xml());
            KSpaceBuffer buffer = KSpaceBuffer.forSpec(spec);
            List<Acquisition> imaging = raw.acquisitions().stream()
                    .filter(a -> !a.header().isSet(AcquisitionFlag.IS_NOISE_MEASUREMENT)).toList();
            for (Acquisition a : imaging) buffer.add(a);
            if (buffer.nx() != nx || buffer.ny() != ny) {
                throw new IllegalStateException(scan + " is " + buffer.nx() + "×" + buffer.ny() + ", the truth " + nx + "×" + ny);
            }
            boolean[] sampled = new boolean[ny];
            Arrays.fill(sampled, true);
            for (int y : buffer.missingLines(0, 0)) sampled[y] = false;
            int lines = 0;
            for (boolean s : sampled) if (s) lines++;
            float[][] k = new float[buffer.channels()][];
            for (int c = 0; c < k.length; c++) k[c] = buffer.kspace(0, 0, c);
            String accel = String.format("%.2f", (double) ny / lines);
            Row row = new Row(accel, lines, truth, nx, ny);
            row.print("zero-filled RSS (" + k.length + " coils)", CartesianRecon2D.reconstructSlice(buffer, 0, 0), Double.NaN);
            row.print("the scan's images.nii", NiftiReader.read(scan.resolve("images.nii")).slice(0), Double.NaN);
            for (UndersampledRecon2D.Method m : UndersampledRecon2D.Method.values()) {
                UndersampledRecon2D.Settings s = UndersampledRecon2D.Settings.of(m);
                AccelerationBench.Timed ours = AccelerationBench.ours(k, sampled, nx, ny, s, threads, repeats);
                row.print(AccelerationBench.label(s), ours.image(), ours.medianMs());
            }
            Path work = scan.resolve("bart");
            Files.createDirectories(work);
            Cfl.write(work.resolve("k"), k, nx, ny);
            // the fully sampled centre, at most as many lines as our maps use (more lines give maps with the object's edges)
            int cal = Math.min(UndersampledRecon2D.MAX_CALIBRATION_LINES, UndersampledRecon2D.calibrationLines(sampled));
            Cfl.bart(work, "ecalib -m1 -r " + cal + " k sens");
            long[] ns = new long[repeats];
            for (int i = 0; i < repeats; i++) {
                long t0 = System.nanoTime();
                Cfl.bart(work, AccelerationBench.BART_PICS + " k sens x");
                ns[i] = System.nanoTime() - t0;
            }
            row.print("bart " + AccelerationBench.BART_PICS + " (ecalib -r " + cal + ")",
                    AccelerationBench.magnitude(Cfl.read(work.resolve("x"), nx * ny)), AccelerationBench.median(ns) / 1e6);
        }
    }

    /** One line of the table: a recon's image scored against the truth. */
    private record Row(String accel, int lines, float[] truth, int nx, int ny) {
        void print(String what, float[] image, double ms) {
            float[] scaled = AccelerationBench.fitted(truth, image);
            System.out.printf("%-5s %-6d %-36s %8.4f %8.4f %8.5f %10s%n", accel, lines, what, ImageMetrics.nrmse(truth, scaled),
                    ImageMetrics.ssim(truth, scaled, nx, ny), ImageMetrics.pearson(truth, image),
                    Double.isNaN(ms) ? "-" : String.format("%.1f", ms));
        }
    }
}
