package org.lodestone.console.scan;

import org.lodestone.scan.ScanService;
import org.lodestone.scan.ScanRequest;
import org.lodestone.scan.ScanResult;
import org.lodestone.scan.ScanStatus;
import org.lodestone.scan.ScanProgress;
import org.lodestone.console.unit.Units;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lodestone.scan.unit.UnitConnection;
import org.lodestone.console.unit.VirtualScannerProcess;
import org.lodestone.recon.cartesian.OfflineRecon;
import org.lodestone.recon.image.ImageMetrics;
import org.lodestone.recon.image.ImageVolume;
import org.lodestone.recon.image.NiftiReader;
import org.lodestone.recon.mrd.Acquisition;
import org.lodestone.recon.mrd.MrdStreamReader;

import java.io.IOException;
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
    @TempDir
    Path tmp;

    @Test
    void theConsoleFindsTheReferenceAntennaAndRemovesTheInterference() throws Exception {
        Path host = tmp.resolve("ttyH");
        Path device = tmp.resolve("ttyS");
        Process socat = new ProcessBuilder("socat", "pty,raw,echo=0,link=" + host, "pty,raw,echo=0,link=" + device)
                .redirectErrorStream(true).start();
        Process sim = null;
        Map<String, Double> small = Map.of("matrix", 64.0, "tr", 100.0);
        try {
            waitFor(host);
            waitFor(device);
            sim = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
                    "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                    "org.lodestone.twin.SimulatorCommand", "--port", device.toString(), "--seed", "7", "--speed", "0",
                    "--emi")
                    .redirectErrorStream(true).redirectOutput(tmp.resolve("sim.out").toFile()).start();
            waitForLine(tmp.resolve("sim.out"), "virtual scanner ready");
            try (UnitConnection unit = Units.open(host.toString(), VirtualScannerProcess.Options.DEFAULT, UnitConnection.GpioSetup.NONE)) {
                ScanResult r = new ScanService(unit).run(new ScanRequest("se2d", small, tmp.resolve("emi"), "test"), ScanProgress.NONE);
                assertThat(r.status()).isEqualTo(ScanStatus.COMPLETE);
            }
        } finally {
            if (sim != null) sim.destroyForcibly();
            socat.destroyForcibly();
        }
        try (UnitConnection unit = Units.open(null, new VirtualScannerProcess.Options(7, 0, null))) {
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

    private static void waitFor(Path p) throws InterruptedException {
        for (int i = 0; i < 100 && !Files.exists(p); i++) Thread.sleep(50);
    }

    private static void waitForLine(Path file, String text) throws InterruptedException, IOException {
        for (int i = 0; i < 400; i++) {
            if (Files.exists(file) && Files.readString(file).contains(text)) return;
            Thread.sleep(50);
        }
        throw new AssertionError("no '" + text + "' in " + file + ": " + (Files.exists(file) ? Files.readString(file) : "(missing)"));
    }
}
