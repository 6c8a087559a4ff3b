package org.lodestone.console.scan;

import org.lodestone.scan.ScanService;
import org.lodestone.scan.ScanRequest;
import org.lodestone.scan.ScanResult;
import org.lodestone.scan.ScanStatus;
import org.lodestone.scan.ScanProgress;
import org.lodestone.console.unit.Units;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.lodestone.scan.unit.UnitConnection;
import org.lodestone.twin.launch.TwinOptions;
import org.lodestone.twin.testing.TwinExtension;
import org.lodestone.recon.cartesian.OfflineRecon;
import org.lodestone.recon.image.ImageMetrics;
import org.lodestone.recon.image.ImageVolume;
import org.lodestone.recon.image.NiftiReader;
import org.lodestone.recon.mrd.Acquisition;
import org.lodestone.recon.mrd.MrdStreamReader;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue #6: a scan on a unit with interference and a reference antenna (the twin with --emi, a child process on
 * a socat pty pair) is EMI-corrected by the console, which finds the reference channel from the data alone.
 */
class ScanWithEmiTest {
    @RegisterExtension
    static final TwinExtension emiTwin = TwinExtension.builder().seed(7).options(o -> o.withEmi(true)).build();

    @TempDir
    Path tmp;

    @Test
    void theConsoleFindsTheReferenceAntennaAndRemovesTheInterference() throws Exception {
        Map<String, Double> small = Map.of("matrix", 64.0, "tr", 100.0);
        try (UnitConnection unit = Units.open(emiTwin.portSpec(), TwinOptions.defaults(), UnitConnection.GpioSetup.NONE)) {
            ScanResult r = new ScanService(unit).run(new ScanRequest("se2d", small, tmp.resolve("emi"), "test"), ScanProgress.NONE);
            assertThat(r.status()).isEqualTo(ScanStatus.COMPLETE);
        }
        try (UnitConnection unit = Units.open(null, TwinOptions.defaults().withSeed(7).withSpeed(0))) {
            ScanResult r = new ScanService(unit).run(new ScanRequest("se2d", small, tmp.resolve("clean"), "test"), ScanProgress.NONE);
            assertThat(r.status()).isEqualTo(ScanStatus.COMPLETE);
        }
        String json = Files.readString(tmp.resolve("emi/scan.json"));
        assertThat(json).contains("\"emi_removal\" : \"channels [2] as EMI reference");
        assertThat(Files.readString(tmp.resolve("clean/scan.json"))).contains("\"emi_removal\" : null");

        float[] clean = NiftiReader.read(tmp.resolve("clean/images.nii")).slice(0);
        float[] corrected = NiftiReader.read(tmp.resolve("emi/images.nii")).slice(0);
        // what the two imaging coils give without the correction
        MrdStreamReader.Result raw = MrdStreamReader.read(tmp.resolve("emi/raw.mrd"));
        MrdStreamReader.Result coilsOnly = new MrdStreamReader.Result(raw.xml(), raw.acquisitions().stream()
                .map(ScanWithEmiTest::dropLastChannel).toList(), raw.complete(), raw.problem());
        ImageVolume naive = OfflineRecon.reconstruct(coilsOnly, new OfflineRecon.Options(false, false, -1, 0)).volume();
        double before = ImageMetrics.nrmse(clean, naive.slice(0));
        double after = ImageMetrics.nrmse(clean, corrected);
        System.out.printf("se2d 64² with EMI: NRMSE to the EMI-free scan %.4f uncorrected, %.4f after EDITER%n", before, after);
        assertThat(after).isLessThan(0.3 * before);
    }

    private static Acquisition dropLastChannel(Acquisition a) {
        int keep = a.header().activeChannels() - 1;
        int ns = a.header().numberOfSamples();
        return new Acquisition(a.header().toBuilder().channels(keep).build(), a.trajectory(),
                Arrays.copyOf(a.data(), 2 * keep * ns));
    }
}
