package org.lodestone.console.scan;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.lodestone.console.unit.Units;
import org.lodestone.recon.cartesian.OfflineRecon;
import org.lodestone.recon.cs.UndersampledRecon2D;
import org.lodestone.recon.image.ImageMetrics;
import org.lodestone.recon.image.ImageVolume;
import org.lodestone.recon.image.NiftiReader;
import org.lodestone.recon.mrd.Acquisition;
import org.lodestone.recon.mrd.AcquisitionFlag;
import org.lodestone.recon.mrd.MrdStreamReader;
import org.lodestone.recon.mrd.RawDataFiles;
import org.lodestone.recon.preprocess.AcquisitionStep;
import org.lodestone.recon.preprocess.CarrierResidualCorrection;
import org.lodestone.scan.ScanProgress;
import org.lodestone.scan.ScanRequest;
import org.lodestone.scan.ScanResult;
import org.lodestone.scan.ScanService;
import org.lodestone.scan.ScanStatus;
import org.lodestone.scan.unit.UnitConnection;
import org.lodestone.twin.launch.TwinOptions;
import org.lodestone.twin.testing.TwinExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Issue #18: the receive corrections act on the lines before the CS/SENSE solver, so an accelerated scan gets them
 * too. On the twin (a child process on a socat pty pair): EMI with a reference antenna removed from an accelerated
 * se2d, and a drift-tracked accelerated se2d on a warming magnet with each line demodulated at its estimated Larmor
 * frequency, each against the same raw data reconstructed without the correction.
 */
class AcceleratedScanCorrectionsTest {
    @RegisterExtension
    static final TwinExtension emiTwin = TwinExtension.builder().seed(7).options(o -> o.withEmi(true)).build();

    @TempDir
    Path tmp;

    @Test
    void emiIsRemovedFromAnAcceleratedScan() throws Exception {
        Map<String, Double> fast = Map.of("matrix", 128.0, "tr", 100.0, "acceleration", 3.0);
        try (UnitConnection unit = Units.open(emiTwin.portSpec(), TwinOptions.defaults(), UnitConnection.GpioSetup.NONE)) {
            complete(new ScanService(unit).run(new ScanRequest("se2d", fast, tmp.resolve("emi"), "test"), ScanProgress.NONE));
        }
        try (UnitConnection unit = Units.open(null, TwinOptions.forTests(7))) {
            complete(new ScanService(unit).run(new ScanRequest("se2d", fast, tmp.resolve("clean"), "test"), ScanProgress.NONE));
        }
        assertThat(Files.readString(tmp.resolve("emi/scan.json"))).contains("\"emi_removal\" : \"channels [2] as EMI reference");

        float[] clean = NiftiReader.read(tmp.resolve("clean/images.nii")).slice(0);
        float[] corrected = NiftiReader.read(tmp.resolve("emi/images.nii")).slice(0);
        // the same lines, the imaging coils only, the same CS recon, no EMI removal
        MrdStreamReader.Result raw = MrdStreamReader.read(tmp.resolve("emi/raw.mrd"));
        assertThat(raw.acquisitions()).as("accelerated: a third of the lines").hasSizeLessThanOrEqualTo(128 / 3 + 1);
        MrdStreamReader.Result coilsOnly = new MrdStreamReader.Result(raw.xml(), raw.acquisitions().stream()
                .map(AcceleratedScanCorrectionsTest::dropLastChannel).toList(), raw.complete(), raw.problem());
        float[] naive = OfflineRecon.reconstruct(coilsOnly, new OfflineRecon.Options(false, false, -1, 0)).volume().slice(0);
        double before = ImageMetrics.nrmse(clean, naive), after = ImageMetrics.nrmse(clean, corrected);
        System.out.printf(Locale.ROOT, "se2d 128² acceleration 3 with EMI: NRMSE to the EMI-free scan %.4f uncorrected, %.4f after EDITER%n",
                before, after);
        assertThat(after).isLessThan(0.5 * before);
    }

    @Test
    void aDriftTrackedAcceleratedScanIsReconstructedAtEachLinesLarmor() throws Exception {
        Map<String, Double> params = Map.of("matrix", 128.0, "averages", 2.0, "tr", 2340.0, "bandwidth", 150.0, "acceleration", 2.0);
        Path truth = tmp.resolve("truth"), out = tmp.resolve("scan"), script = tmp.resolve("warm.txt");
        Files.writeString(script, "0 ambient ramp +4 1200\n");
        TwinOptions o = TwinOptions.forTests(11).withTruth(truth).withScript(script);
        try (UnitConnection unit = Units.open(null, o)) {
            complete(new ScanService(unit).withDriftTracking(true).run(new ScanRequest("se2d", params, out, "test"), ScanProgress.NONE));
            // the twin sizes its truth grid from the highest line played: the truth of the same contrast with every line
            Map<String, Double> full = new HashMap<>(params);
            full.put("acceleration", 1.0);
            full.put("averages", 1.0);
            complete(new ScanService(unit).run(new ScanRequest("se2d", full, tmp.resolve("full"), "test"), ScanProgress.NONE));
        }
        ImageVolume reference = NiftiReader.read(truth.resolve("truth.nii"));
        MrdStreamReader.Result raw = RawDataFiles.read(out.resolve("raw.mrd"));
        List<Acquisition> lines = raw.acquisitions().stream().filter(a -> !a.header().isSet(AcquisitionFlag.IS_NOISE_MEASUREMENT)).toList();
        assertThat(CarrierResidualCorrection.carrierMoved(lines)).as("the tracker moved the carrier").isTrue();
        assertThat(lines.stream().map(a -> a.header().idx().kspaceEncodeStep1()).distinct().count()).as("accelerated").isLessThanOrEqualTo(64);

        float[] scanImage = NiftiReader.read(out.resolve("images.nii")).slice(0);
        assertThat(reference.nx() * reference.ny()).as("truth on the image grid").isEqualTo(scanImage.length);
        float[] asAcquired = cs(raw, AcquisitionStep.identity());
        float[] corrected = cs(raw, CarrierResidualCorrection.fromCarrierTrack(lines, 4, 0));
        Map<Long, Double> toHeader = new HashMap<>();
        for (Acquisition a : lines) toHeader.put(a.header().scanCounter(), (double) -a.header().userFloat()[0]);
        float[] atHeader = cs(raw, new CarrierResidualCorrection(toHeader, 0));
        double rScan = r(scanImage, reference), rAcquired = r(asAcquired, reference), rCorrected = r(corrected, reference),
                rHeader = r(atHeader, reference);
        System.out.printf(Locale.ROOT, "se2d 128² acceleration 2, warming: CS r against truth %.5f as acquired, %.5f corrected, "
                + "%.5f at the header's frequency; the scan's images.nii %.5f%n", rAcquired, rCorrected, rHeader, rScan);
        // the scan's image is the corrected one, not the one as acquired (they differ little: compare images, not r)
        double toCorrected = ImageMetrics.nrmse(corrected, scanImage), toAcquired = ImageMetrics.nrmse(asAcquired, scanImage);
        System.out.printf(Locale.ROOT, "images.nii NRMSE to the corrected CS image %.5f, to the uncorrected %.5f%n", toCorrected, toAcquired);
        assertThat(toCorrected).as("the scan path corrects its accelerated image").isLessThan(0.2 * toAcquired);
        assertThat(rScan).isCloseTo(rCorrected, within(0.0005)).isGreaterThan(0.97);
        assertThat(rHeader).as("one common frequency puts the drift back into the CS image").isLessThan(rAcquired - 0.02);
        // The tracker keeps the carrier close, so the residual it leaves is small: corrected beat as acquired by 5e-5…1.4e-4
        // in three runs. The margin varies with the tracker's timing, so this asks only that the correction does no harm.
        assertThat(rCorrected).as("corrected vs as acquired").isGreaterThan(rAcquired - 2e-4);
    }

    private static float[] cs(MrdStreamReader.Result raw, AcquisitionStep step) {
        return OfflineRecon.reconstruct(raw, new OfflineRecon.Options(false, false, -1, 0), step,
                UndersampledRecon2D.Settings.of(UndersampledRecon2D.Method.CS)).volume().slice(0);
    }

    private static double r(float[] image, ImageVolume truth) {
        return ImageMetrics.pearson(image, truth.slice(0));
    }

    private static void complete(ScanResult r) {
        assertThat(r.status()).as(r.message()).isEqualTo(ScanStatus.COMPLETE);
    }

    private static Acquisition dropLastChannel(Acquisition a) {
        int keep = a.header().activeChannels() - 1;
        int ns = a.header().numberOfSamples();
        return new Acquisition(a.header().toBuilder().channels(keep).build(), a.trajectory(),
                Arrays.copyOf(a.data(), 2 * keep * ns));
    }
}
