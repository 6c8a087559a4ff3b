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
 * {@code recon=grappa} through the scan path on the twin (a child process behind a socat pty pair, two coils): an
 * accelerated se2d, then the same protocol with every line for the twin's truth of that contrast.
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
        try (RunningTwin twin = TwinLauncher.start(TwinOptions.forTests(7).withTruth(tmp.resolve("truth")));
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
    void theGrappaImageIsFarCloserToTheTruthThanZeroFillingAndNearSense() throws Exception {
        MrdStreamReader.Result raw = MrdStreamReader.read(tmp.resolve("grappa/raw.mrd"));
        float[] truth = NiftiReader.read(tmp.resolve("truth/truth.nii")).slice(0);
        float[] scanned = NiftiReader.read(tmp.resolve("grappa/images.nii")).slice(0);
        float[] grappa = offline(raw, UndersampledRecon2D.Method.GRAPPA);
        float[] cs = offline(raw, UndersampledRecon2D.Method.CS);
        float[] sense = offline(raw, UndersampledRecon2D.Method.SENSE);
        KSpaceBuffer lines = KSpaceBuffer.forSpec(IsmrmrdHeaderXml.parseEncoding(raw.xml()));
        raw.acquisitions().stream().filter(a -> !a.header().isSet(AcquisitionFlag.IS_NOISE_MEASUREMENT)).forEach(lines::add);
        float[] zeroFilled = CartesianRecon2D.reconstructSlice(lines, 0, 0);
        double eZero = scored(truth, zeroFilled), eCs = scored(truth, cs), eSense = scored(truth, sense), eGrappa = scored(truth, scanned);
        System.out.printf(Locale.ROOT, "se2d 64² acceleration 2 (%d lines) on the twin, NRMSE to the truth: zero-filled %.4f, "
                + "cs %.4f, sense %.4f, grappa %.4f%n", lines.ny() - lines.missingLines(0, 0).size(), eZero, eCs, eSense, eGrappa);
        // the scan's image is GRAPPA's, not CS's
        assertThat(ImageMetrics.nrmse(grappa, scanned)).isLessThan(1e-3);
        assertThat(ImageMetrics.nrmse(cs, scanned)).isGreaterThan(0.01);
        assertThat(eGrappa).isLessThan(0.6 * eZero).isLessThan(1.5 * eSense);
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
