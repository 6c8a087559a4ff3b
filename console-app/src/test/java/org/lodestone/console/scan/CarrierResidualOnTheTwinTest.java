package org.lodestone.console.scan;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lodestone.console.unit.Units;
import org.lodestone.recon.cartesian.OfflineRecon;
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

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue #18: the receive path and the carrier a drift-tracked line was received at (user_float[0]). One se2d on a
 * warming twin with the tracker on; its raw data reconstructed three ways against the twin's truth: as acquired
 * (each line in its own carrier's frame), every line moved to the header's frequency (the drift comes back), and
 * with each line's residual Larmor − carrier estimated from the carrier track. The twin's per-line true Larmor
 * (larmor.csv) says how close each estimate is.
 */
class CarrierResidualOnTheTwinTest {
    static final Map<String, Double> PARAMS = Map.of("matrix", 64.0, "averages", 2.0, "tr", 2340.0, "bandwidth", 150.0);

    @Test
    void eachLineIsReconstructedAtItsOwnLarmorNotAtTheHeadersFrequency(@TempDir Path dir) throws Exception {
        Path truth = dir.resolve("truth"), out = dir.resolve("scan");
        Path script = dir.resolve("warm.txt");
        Files.writeString(script, "0 ambient ramp +4 1200\n");
        TwinOptions o = TwinOptions.defaults().withSeed(11).withSpeed(0).withTruth(truth).withScript(script);
        try (UnitConnection unit = Units.open(null, o)) {
            ScanResult r = new ScanService(unit).withDriftTracking(true).run(new ScanRequest("se2d", PARAMS, out, "test"), ScanProgress.NONE);
            assertThat(r.status()).as(r.message()).isEqualTo(ScanStatus.COMPLETE);
        }
        ImageVolume reference = NiftiReader.read(truth.resolve("truth.nii"));
        MrdStreamReader.Result raw = RawDataFiles.read(out.resolve("raw.mrd"));
        List<Acquisition> lines = raw.acquisitions().stream().filter(a -> !a.header().isSet(AcquisitionFlag.IS_NOISE_MEASUREMENT))
                .sorted(Comparator.comparingLong(a -> a.header().scanCounter())).toList();
        assertThat(CarrierResidualCorrection.carrierMoved(lines)).as("the tracker moved the carrier").isTrue();
        List<double[]> larmor = Files.readAllLines(truth.resolve("larmor.csv")).stream().skip(1)
                .map(l -> Arrays.stream(l.split(",")).mapToDouble(Double::parseDouble).toArray()).toList();
        assertThat(larmor).hasSameSizeAs(lines);

        double asAcquired = pearson(raw, AcquisitionStep.identity(), reference);
        Map<Long, Double> toHeader = new HashMap<>();
        for (Acquisition a : lines) toHeader.put(a.header().scanCounter(), (double) -a.header().userFloat()[0]);
        double atHeader = pearson(raw, new CarrierResidualCorrection(toHeader, 0), reference);
        System.out.printf(Locale.ROOT, "as acquired r %.5f (rms Larmor − carrier %.2f Hz); all lines at the header's frequency r %.5f%n",
                asAcquired, rms(lines, larmor, null), atHeader);
        double corrected = Double.NaN, rmsCorrected = Double.NaN;
        for (int w : new int[] {1, 2, 4, 8}) {
            CarrierResidualCorrection c = CarrierResidualCorrection.fromCarrierTrack(lines, w, 0);
            double p = pearson(raw, c, reference), e = rms(lines, larmor, c);
            System.out.printf(Locale.ROOT, "centred fit ±%d lines: r %.5f, rms Larmor − estimate %.2f Hz, max correction %.1f Hz%n",
                    w, p, e, c.maxResidualHz());
            if (w == 4) {
                corrected = p;
                rmsCorrected = e;
            }
        }
        double scanImage = ImageMetrics.pearson(NiftiReader.read(out.resolve("images.nii")).slice(0), reference.slice(0));
        System.out.printf(Locale.ROOT, "the scan's own images.nii r %.5f%n", scanImage);
        assertThat(atHeader).as("one common frequency puts the drift back").isLessThan(asAcquired - 0.02);
        assertThat(rmsCorrected).as("the centred fit is nearer the true Larmor than the carrier").isLessThan(rms(lines, larmor, null) * 1.02);
        assertThat(corrected).as("corrected vs as acquired").isGreaterThanOrEqualTo(asAcquired - 0.0005).isGreaterThan(0.99);
        assertThat(scanImage).as("the scan path applies the same correction").isCloseTo(corrected, org.assertj.core.api.Assertions.within(0.002));
    }

    private static double pearson(MrdStreamReader.Result raw, AcquisitionStep step, ImageVolume truth) {
        ImageVolume v = OfflineRecon.reconstruct(raw, OfflineRecon.Options.defaults(), step).volume();
        return ImageMetrics.pearson(v.slice(0), truth.slice(0));
    }

    /** RMS of true Larmor − (carrier + the correction's residual) over the lines, Hz. */
    private static double rms(List<Acquisition> lines, List<double[]> larmor, CarrierResidualCorrection c) {
        double s = 0;
        for (int i = 0; i < lines.size(); i++) {
            double e = larmor.get(i)[3] - larmor.get(i)[4] - (c == null ? 0 : c.residualHz(lines.get(i).header().scanCounter()));
            s += e * e;
        }
        return Math.sqrt(s / lines.size());
    }
}
