package org.lodestone.scan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lodestone.recon.cartesian.CartesianRecon2D;
import org.lodestone.recon.cartesian.KSpaceBuffer;
import org.lodestone.recon.cartesian.OfflineRecon;
import org.lodestone.recon.cs.UndersampledRecon2D;
import org.lodestone.recon.image.ImageMetrics;
import org.lodestone.recon.image.NiftiReader;
import org.lodestone.recon.mrd.AcquisitionFlag;
import org.lodestone.recon.mrd.IsmrmrdHeaderXml;
import org.lodestone.recon.mrd.MrdStreamReader;
import org.lodestone.recon.preprocess.AcquisitionStep;
import org.lodestone.scan.unit.UnitConnection;
import org.lodestone.seq.compile.SequenceCompiler;
import org.lodestone.seq.limits.UnitProfile;
import org.lodestone.seq.protocol.BuiltProtocol;
import org.lodestone.seq.protocol.ProtocolLibrary;
import org.lodestone.twin.launch.RunningTwin;
import org.lodestone.twin.launch.TwinLauncher;
import org.lodestone.twin.launch.TwinOptions;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code recon=grappa} through the scan path on the twin (a child process behind a socat pty pair): an accelerated se2d,
 * then the same protocol with every line for the twin's truth of that contrast. Four coils on the ring: the default two
 * sit left and right, so they tell nothing apart along the phase encodes and no parallel method has lines to gain.
 */
class GrappaScanOnTheTwinTest {
    /** Small and quick; 16 calibration lines leave 16 variable-density lines outside the centre at acceleration 2. */
    private static final List<String> FAST = List.of("matrix=64", "tr=100", "calibration=16", "acceleration=2", "recon=grappa");

    @TempDir
    static Path tmp;
    private static Map<String, Double> params;

    @BeforeAll
    static void scanAcceleratedThenFull() throws Exception {
        params = ProtocolLibrary.find("se2d").orElseThrow().parse(FAST);
        Map<String, Double> full = new HashMap<>(params);
        full.put("acceleration", 1.0);
        try (RunningTwin twin = TwinLauncher.start(TwinOptions.forTests(7).withCoils(4).withTruth(tmp.resolve("truth")));
             UnitConnection unit = UnitConnection.open(twin.portSpec(), UnitConnection.GpioSetup.NONE)) {
            complete(new ScanService(unit).run(new ScanRequest("se2d", params, tmp.resolve("grappa"), "test"), ScanListener.NONE));
            complete(new ScanService(unit).run(new ScanRequest("se2d", full, tmp.resolve("full"), "test"), ScanListener.NONE));
        }
    }

    @Test
    void theChoiceReachesTheScanRecordAndThePipelineAsGrappa() throws Exception {
        assertThat(params).containsEntry("recon", 2.0);
        JsonNode json = new ObjectMapper().readTree(tmp.resolve("grappa/scan.json").toFile());
        assertThat(json.at("/parameters/recon").asDouble()).isEqualTo(2.0);
        BuiltProtocol built = ProtocolLibrary.find("se2d").orElseThrow().build(params, UnitProfile.PLANNING);
        ReconPipeline.Undersampling u = ReconPipeline.Undersampling.of(built, SequenceCompiler.compile(built.sequence(), UnitProfile.PLANNING), 64);
        assertThat(u.settings().method()).isEqualTo(UndersampledRecon2D.Method.GRAPPA);
    }

    @Test
    void theScansImageIsGrappasAndNoFartherFromTheTruthThanZeroFilling() throws Exception {
        MrdStreamReader.Result raw = MrdStreamReader.read(tmp.resolve("grappa/raw.mrd"));
        float[] truth = NiftiReader.read(tmp.resolve("truth/truth.nii")).slice(0);
        float[] scanned = NiftiReader.read(tmp.resolve("grappa/images.nii")).slice(0);
        float[] grappa = offline(raw, UndersampledRecon2D.Method.GRAPPA), cs = offline(raw, UndersampledRecon2D.Method.CS);
        KSpaceBuffer lines = buffer(raw);
        double eZero = scored(truth, CartesianRecon2D.reconstructSlice(lines, 0, 0)), eCs = scored(truth, cs),
                eSense = scored(truth, offline(raw, UndersampledRecon2D.Method.SENSE)), eGrappa = scored(truth, scanned);
        System.out.printf(Locale.ROOT, "se2d 64² acceleration 2 (%d lines) on the twin, NRMSE to the truth: zero-filled %.4f, cs %.4f, "
                + "sense %.4f, grappa (the scan's image) %.4f; the fully sampled scan %.4f%n", lines.ny() - lines.missingLines(0, 0).size(),
                eZero, eCs, eSense, eGrappa, scored(truth, NiftiReader.read(tmp.resolve("full/images.nii")).slice(0)));
        // the scan's image is GRAPPA's, not CS's
        assertThat(ImageMetrics.nrmse(grappa, scanned)).isLessThan(1e-3);
        assertThat(ImageMetrics.nrmse(cs, scanned)).isGreaterThan(0.01);
        // at 64² the twin's noise and coil shading dominate the distance to the truth: the gain shows, but small
        assertThat(eGrappa).isLessThan(eZero);
    }

    /**
     * The fully sampled scan's raw data with the lines the accelerated scan left out removed again: each recon against
     * the same data with every line (combined the same way), so the difference is what the missing lines cost.
     */
    @Test
    void onTheFullScansLinesGrappaRecoversMuchOfWhatTheMissingLinesCost() throws Exception {
        KSpaceBuffer full = buffer(MrdStreamReader.read(tmp.resolve("full/raw.mrd")));
        KSpaceBuffer accelerated = buffer(MrdStreamReader.read(tmp.resolve("grappa/raw.mrd")));
        int nx = full.nx(), ny = full.ny();
        boolean[] all = new boolean[ny], sampled = new boolean[ny];
        java.util.Arrays.fill(all, true);
        java.util.Arrays.fill(sampled, true);
        for (int y : accelerated.missingLines(0, 0)) sampled[y] = false;
        float[][] k = new float[full.channels()][], kept = new float[full.channels()][];
        for (int c = 0; c < k.length; c++) {
            k[c] = full.kspace(0, 0, c);
            kept[c] = k[c].clone();
            for (int y = 0; y < ny; y++) if (!sampled[y]) java.util.Arrays.fill(kept[c], 2 * y * nx, 2 * (y + 1) * nx, 0f);
        }
        float[] combinedFull = UndersampledRecon2D.reconstruct(k, all, nx, ny, UndersampledRecon2D.Settings.of(UndersampledRecon2D.Method.GRAPPA), 2);
        Map<UndersampledRecon2D.Method, Double> e = new java.util.EnumMap<>(UndersampledRecon2D.Method.class);
        for (UndersampledRecon2D.Method m : UndersampledRecon2D.Method.values()) {
            e.put(m, scored(combinedFull, UndersampledRecon2D.reconstruct(kept, sampled, nx, ny, UndersampledRecon2D.Settings.of(m), 2)));
        }
        double eZero = scored(CartesianRecon2D.rootSumOfSquares(images(k, nx, ny)), CartesianRecon2D.rootSumOfSquares(images(kept, nx, ny)));
        System.out.printf(Locale.ROOT, "the full scan's lines with the accelerated mask, NRMSE to all its lines: zero-filled %.4f, cs %.4f, "
                + "sense %.4f, grappa %.4f%n", eZero, e.get(UndersampledRecon2D.Method.CS), e.get(UndersampledRecon2D.Method.SENSE),
                e.get(UndersampledRecon2D.Method.GRAPPA));
        // the mask's sparse edge has gaps no kernel bridges with four coils: GRAPPA stays above SENSE there (measured 0.71× zero-filled)
        assertThat(e.get(UndersampledRecon2D.Method.GRAPPA)).isLessThan(0.8 * eZero).isLessThan(1.3 * e.get(UndersampledRecon2D.Method.SENSE));
    }

    private static float[][] images(float[][] k, int nx, int ny) {
        float[][] out = new float[k.length][];
        for (int c = 0; c < k.length; c++) out[c] = org.lodestone.recon.cartesian.CenteredFft.ifft2c(k[c], nx, ny);
        return out;
    }

    private static KSpaceBuffer buffer(MrdStreamReader.Result raw) {
        KSpaceBuffer b = KSpaceBuffer.forSpec(IsmrmrdHeaderXml.parseEncoding(raw.xml()));
        raw.acquisitions().stream().filter(a -> !a.header().isSet(AcquisitionFlag.IS_NOISE_MEASUREMENT)).forEach(b::add);
        return b;
    }

    private static float[] offline(MrdStreamReader.Result raw, UndersampledRecon2D.Method method) {
        return OfflineRecon.reconstruct(raw, new OfflineRecon.Options(false, false, -1, 0), AcquisitionStep.identity(),
                UndersampledRecon2D.Settings.of(method)).volume().slice(0);
    }

    /** NRMSE after the least-squares intensity scale (the truth has its own units). */
    private static double scored(float[] truth, float[] image) {
        float a = (float) ImageMetrics.leastSquaresScale(truth, image);
        float[] scaled = new float[image.length];
        for (int i = 0; i < scaled.length; i++) scaled[i] = a * image[i];
        return ImageMetrics.nrmse(truth, scaled);
    }

    private static void complete(ScanResult r) {
        assertThat(r.status()).as(r.message()).isEqualTo(ScanStatus.COMPLETE);
    }
}
