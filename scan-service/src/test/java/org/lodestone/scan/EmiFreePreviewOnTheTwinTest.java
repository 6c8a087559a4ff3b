package org.lodestone.scan;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lodestone.recon.cartesian.CartesianRecon2D;
import org.lodestone.recon.cartesian.KSpaceBuffer;
import org.lodestone.recon.cartesian.StreamingVolume;
import org.lodestone.recon.image.ImageMetrics;
import org.lodestone.recon.image.ImageVolume;
import org.lodestone.recon.image.NiftiReader;
import org.lodestone.recon.mrd.Acquisition;
import org.lodestone.recon.mrd.EncodingSpec;
import org.lodestone.recon.mrd.IsmrmrdHeaderXml;
import org.lodestone.recon.mrd.MrdStreamReader;
import org.lodestone.scan.unit.UnitConnection;
import org.lodestone.twin.launch.RunningTwin;
import org.lodestone.twin.launch.TwinLauncher;
import org.lodestone.twin.launch.TwinOptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The streamed preview on a site with interference (twin {@code --emi}: two coils and a reference antenna as the last
 * channel): the same se2d on the same seed with and without EMI, each on a real twin behind a socat pty pair.
 */
class EmiFreePreviewOnTheTwinTest {
    private static final Map<String, Double> SMALL = Map.of("matrix", 64.0, "tr", 100.0);

    @TempDir
    static Path tmp;

    record Scanned(Path dir, ImageVolume lastStreamed, MrdStreamReader.Result raw) {
    }

    private static Scanned withEmi;
    private static Scanned twoSlicesWithEmi;
    private static Scanned clean;

    @BeforeAll
    static void scanOnTwoTwins() throws Exception {
        try (RunningTwin twin = TwinLauncher.start(TwinOptions.forTests(7).withEmi(true));
             UnitConnection unit = UnitConnection.open(twin.portSpec(), UnitConnection.GpioSetup.NONE)) {
            withEmi = scan(unit, SMALL, tmp.resolve("emi"));
            twoSlicesWithEmi = scan(unit, Map.of("matrix", 32.0, "tr", 200.0, "slices", 2.0), tmp.resolve("emi-2"));
        }
        try (RunningTwin twin = TwinLauncher.start(TwinOptions.forTests(7));
             UnitConnection unit = UnitConnection.open(twin.portSpec(), UnitConnection.GpioSetup.NONE)) {
            clean = scan(unit, SMALL, tmp.resolve("clean"));
        }
    }

    @Test
    void theLastStreamedPreviewIsCleanedOfInterference() throws Exception {
        assertThat(withEmi.raw().acquisitions().getFirst().header().activeChannels()).as("coils + reference").isEqualTo(3);
        float[] reference = NiftiReader.read(clean.dir().resolve("images.nii")).slice(0);
        float[] preview = withEmi.lastStreamed().slice(0);
        // what the preview was before: every channel of the raw lines, the reference antenna included
        float[] asBefore = streamedFromRaw(withEmi.raw(), a -> a).slice(0);
        // the coils alone, interference left in
        float[] coilsOnly = streamedFromRaw(withEmi.raw(), a -> EmiFreePreview.imagingOnly(a, new int[] {0, 1})).slice(0);
        double cleaned = ImageMetrics.nrmse(reference, preview);
        double before = ImageMetrics.nrmse(reference, asBefore);
        double uncorrected = ImageMetrics.nrmse(reference, coilsOnly);
        System.out.printf(Locale.ROOT, "se2d 64² with EMI, last streamed preview, NRMSE to the EMI-free scan: %.4f as before "
                + "(all channels), %.4f coils without removal, %.4f EMI-free preview%n", before, uncorrected, cleaned);
        assertThat(cleaned).isLessThan(0.5 * uncorrected).isLessThan(0.5 * before);
        // no reference channel in it: the preview is the final image, made from the cleaned imaging channels only
        float[] finalImage = NiftiReader.read(withEmi.dir().resolve("images.nii")).slice(0);
        assertThat(ImageMetrics.nrmse(finalImage, preview)).as("last preview against the final image").isLessThan(1e-3);
    }

    @Test
    void everySliceOfAMultiSliceScanIsCleanedAsItIsStreamed() throws Exception {
        ImageVolume finalImage = NiftiReader.read(twoSlicesWithEmi.dir().resolve("images.nii"));
        ImageVolume coilsOnly = streamedFromRaw(twoSlicesWithEmi.raw(), a -> EmiFreePreview.imagingOnly(a, new int[] {0, 1}));
        assertThat(twoSlicesWithEmi.lastStreamed().nz()).isEqualTo(2);
        for (int s = 0; s < 2; s++) {
            double cleaned = ImageMetrics.nrmse(finalImage.slice(s), twoSlicesWithEmi.lastStreamed().slice(s));
            double uncorrected = ImageMetrics.nrmse(finalImage.slice(s), coilsOnly.slice(s));
            System.out.printf(Locale.ROOT, "se2d 32² × 2 slices with EMI, slice %d: NRMSE to the final image %.4f coils without "
                    + "removal, %.4f EMI-free preview%n", s, uncorrected, cleaned);
            assertThat(cleaned).isLessThan(0.5 * uncorrected);
        }
    }

    @Test
    void withoutInterferenceThePreviewIsTheStreamedVolumeAsBefore() throws Exception {
        assertThat(clean.raw().acquisitions().getFirst().header().activeChannels()).as("two coils, no reference").isEqualTo(2);
        // today's preview: the streamed volume of the raw lines, straight to the watcher
        EncodingSpec spec = IsmrmrdHeaderXml.parseEncoding(clean.raw().xml());
        List<ImageVolume> asBefore = new CopyOnWriteArrayList<>();
        KSpaceBuffer buffer = KSpaceBuffer.forSpec(spec);
        try (StreamingVolume live = new StreamingVolume(buffer, spec, null, asBefore::add)) {
            clean.raw().acquisitions().forEach(buffer::add);
            live.finish();
        }
        assertThat(asBefore).hasSize(1);
        assertThat(Arrays.equals(clean.lastStreamed().data(), asBefore.getFirst().data())).as("byte-identical preview").isTrue();
    }

    /**
     * A scan on the twin, then its journalled lines replayed into a scan's {@link ReconPipeline} as they arrived: the
     * scan's own events may end before the slice finished by its last line is streamed, the pipeline's preview does not.
     */
    private static Scanned scan(UnitConnection unit, Map<String, Double> params, Path out) throws Exception {
        ScanResult r = new ScanService(unit).run(new ScanRequest("se2d", params, out, "test"), ScanListener.NONE);
        assertThat(r.status()).isEqualTo(ScanStatus.COMPLETE);
        MrdStreamReader.Result raw = MrdStreamReader.read(out.resolve("raw.mrd"));
        EncodingSpec spec = IsmrmrdHeaderXml.parseEncoding(raw.xml());
        List<ImageVolume> streamed = new CopyOnWriteArrayList<>();
        Path replay = Files.createDirectories(out.resolve("replay"));
        try (ReconPipeline recon = new ReconPipeline(spec, raw.xml(), spec.phaseEncodeLines(), replay, streamed::add)) {
            raw.acquisitions().forEach(recon::add);
            recon.finish();
        }
        assertThat(streamed).as("streamed previews").isNotEmpty();
        return new Scanned(out, streamed.getLast(), raw);
    }

    /** The streamed slice as the preview made it before EMI removal: a buffer of the lines, FFT, root sum of squares. */
    private static ImageVolume streamedFromRaw(MrdStreamReader.Result raw, Function<Acquisition, Acquisition> channels) {
        EncodingSpec spec = IsmrmrdHeaderXml.parseEncoding(raw.xml());
        List<Acquisition> lines = raw.acquisitions().stream().map(channels).toList();
        int nc = lines.getFirst().header().activeChannels();
        KSpaceBuffer b = new KSpaceBuffer(spec.matrixX(), Math.max(spec.matrixY(), spec.phaseEncodeLines()), spec.slices(),
                spec.contrasts(), nc, spec.averages());
        lines.forEach(b::add);
        int n = b.nx() * b.ny();
        float[] data = new float[n * b.slices()];
        for (int s = 0; s < b.slices(); s++) System.arraycopy(CartesianRecon2D.reconstructSlice(b, s, 0), 0, data, s * n, n);
        return CartesianRecon2D.volume(b, spec, data);
    }
}
