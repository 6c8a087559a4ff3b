package org.lodestone.scan;

import org.lodestone.recon.emi.Editer;
import org.lodestone.recon.emi.EmiChannels;
import org.lodestone.recon.emi.StreamingEmiRemoval;
import org.lodestone.recon.emi.ReferenceChannelDetector;
import org.lodestone.recon.image.ImageVolume;
import org.lodestone.recon.mrd.Acquisition;
import org.lodestone.recon.mrd.EncodingSpec;
import org.lodestone.recon.mrd.IsmrmrdHeaderXml;
import org.lodestone.recon.mrd.MrdStreamReader;
import org.lodestone.recon.cartesian.CartesianRecon2D;
import org.lodestone.recon.cartesian.KSpaceBuffer;
import org.lodestone.scan.unit.UnitConnection;
import org.lodestone.twin.launch.RunningTwin;
import org.lodestone.twin.launch.TwinLauncher;
import org.lodestone.twin.launch.TwinOptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What one EMI-free preview update costs (a plain main, not a test): an se2d on a twin with 8 coils and a reference
 * antenna, then, on its lines, the reference detection and the refit + correction + reconstruction of the preview
 * for 1/4, 1/2 and all of the lines, and the streamed refit after every line. Prints milliseconds per update (median of 7 after 5 warm-ups).
 * <pre>java -cp scan-service/target/classes:scan-service/target/test-classes:$(cat cp.txt) \
 *   org.lodestone.scan.EmiFreePreviewBenchmark [matrix] [coils]</pre>
 */
public final class EmiFreePreviewBenchmark {
    private static final int RUNS = 12;
    private static final int WARM_UPS = 5;

    public static void main(String[] args) throws Exception {
        int matrix = args.length > 0 ? Integer.parseInt(args[0]) : 256;
        int coils = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        Path out = Files.createTempDirectory("emi-preview-bench");
        try (RunningTwin twin = TwinLauncher.start(TwinOptions.forTests(7).withEmi(true).withCoils(coils).withMaxHeapMb(1024));
             UnitConnection unit = UnitConnection.open(twin.portSpec(), UnitConnection.GpioSetup.NONE)) {
            ScanResult r = new ScanService(unit).run(new ScanRequest("se2d", Map.of("matrix", (double) matrix), out.resolve("scan"),
                    "bench"), ScanListener.NONE);
            System.out.println("scan: " + r.status() + ", " + r.linesReceived() + " lines");
        }
        MrdStreamReader.Result raw = MrdStreamReader.read(out.resolve("scan/raw.mrd"));
        EncodingSpec spec = IsmrmrdHeaderXml.parseEncoding(raw.xml());
        List<Acquisition> lines = raw.acquisitions();
        KSpaceBuffer empty = KSpaceBuffer.forSpec(spec);
        ImageVolume streamed = CartesianRecon2D.volume(empty, spec, new float[empty.nx() * empty.ny() * empty.slices()]);
        System.out.printf(Locale.ROOT, "se2d %d², %d channels, %d lines%n", matrix, spec.receiverChannels(), lines.size());
        EmiChannels emi = ReferenceChannelDetector.detect(lines).orElseThrow();
        for (int k : new int[] {lines.size() / 4, lines.size() / 2, lines.size()}) {
            List<Acquisition> soFar = lines.subList(0, k);
            double[] detect = new double[RUNS];
            double[] update = new double[RUNS];
            for (int i = 0; i < RUNS; i++) {
                EmiFreePreview preview = new EmiFreePreview(spec, null, null, v -> { });
                long t0 = System.nanoTime();
                ReferenceChannelDetector.detect(soFar);
                long t1 = System.nanoTime();
                preview.cleaned(soFar, emi, streamed);
                long t2 = System.nanoTime();
                detect[i] = (t1 - t0) / 1e6;
                update[i] = (t2 - t1) / 1e6;
            }
            System.out.printf(Locale.ROOT, "%4d lines, first update: detect %.1f ms, fit + correct (+ recon when the slice is done) %.1f ms%n",
                    k, median(detect), median(update));
        }
        // streamed: the removal kept from line to line, updated after every line (the most often a preview could ask)
        double[] perLine = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            StreamingEmiRemoval streaming = new StreamingEmiRemoval(emi, Editer.Settings.defaults());
            long t0 = System.nanoTime();
            for (int k = 1; k <= lines.size(); k++) streaming.update(lines.subList(0, k));
            perLine[i] = (System.nanoTime() - t0) / 1e6 / lines.size();
        }
        System.out.printf(Locale.ROOT, "refit after every line, kept from line to line: %.2f ms per line%n", median(perLine));
    }

    private static double median(double[] runs) {
        double[] warm = java.util.Arrays.copyOfRange(runs, WARM_UPS, runs.length);
        java.util.Arrays.sort(warm);
        return warm[warm.length / 2];
    }
}
