package org.lodestone.console.twin;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lodestone.console.cli.Main;
import org.lodestone.recon.image.ImageMetrics;
import org.lodestone.recon.image.ImageVolume;
import org.lodestone.recon.image.NiftiReader;
import org.lodestone.recon.mrd.Acquisition;
import org.lodestone.recon.mrd.MrdStreamReader;
import picocli.CommandLine;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue #18's twin-fidelity acceptance through the {@code scan} command, with real parts (the twin as a child
 * behind a socat pty pair at speed 0, raw.mrd, the reconstruction): each image against the twin's own truth.
 */
class TwinFidelityScanTest {
    @TempDir
    Path tmp;

    /** Runs {@code scan} and returns its output folder; the truth goes to {@code out/truth}. */
    private Path scan(String name, String... more) {
        Path out = tmp.resolve(name);
        List<String> args = new ArrayList<>(List.of("scan", "--out", out.toString(), "--sim-truth", out.resolve("truth").toString(),
                "--sim-speed", "0", "--operator", "test"));
        args.addAll(List.of(more));
        int code = new CommandLine(new Main()).execute(args.toArray(String[]::new));
        assertThat(code).as("scan exit status").isZero();
        return out;
    }

    @Test
    void eightReceiveCoilsReachTheRawDataAndTheImageMatchesTheTruth() throws Exception {
        Path out = scan("se2d-8", "--protocol", "se2d", "--sim-coils", "8");
        MrdStreamReader.Result raw = MrdStreamReader.read(out.resolve("raw.mrd"));
        assertThat(raw.complete()).isTrue();
        assertThat(raw.acquisitions()).isNotEmpty();
        for (Acquisition a : raw.acquisitions()) assertThat(a.header().activeChannels()).as("channels of every line").isEqualTo(8);
        assertThat(raw.xml()).as("the header's receiver channels").contains("<receiverChannels>8</receiverChannels>");
        ImageVolume image = NiftiReader.read(out.resolve("images.nii"));
        ImageVolume truth = NiftiReader.read(out.resolve("truth/truth.nii"));
        double r = ImageMetrics.pearson(image.data(), truth.data());
        System.out.printf("se2d with 8 receive coils: Pearson vs truth %.4f%n", r);
        assertThat(r).isGreaterThanOrEqualTo(0.97);
    }

    @Test
    void everyLocalizerPlaneMatchesItsOwnTruthPlane() throws Exception {
        Path out = scan("localizer", "--protocol", "localizer");
        ImageVolume image = NiftiReader.read(out.resolve("images.nii"));
        ImageVolume truth = NiftiReader.read(out.resolve("truth/truth.nii"));
        assertThat(image.nz()).isEqualTo(3);
        assertThat(truth.nz()).as("the truth holds all three planes").isEqualTo(3);
        assertThat(truth.nx()).isEqualTo(image.nx());
        double[] r = new double[3];
        for (int p = 0; p < 3; p++) r[p] = ImageMetrics.pearson(image.slice(p), truth.slice(p));
        // each plane is itself: against another plane's truth it fits worse
        double crossed = ImageMetrics.pearson(image.slice(2), truth.slice(0));
        System.out.printf("localizer: Pearson vs own truth plane axial %.4f, coronal %.4f, sagittal %.4f; sagittal vs axial truth %.4f%n",
                r[0], r[1], r[2], crossed);
        for (int p = 0; p < 3; p++) assertThat(r[p]).as("plane %d", p).isGreaterThanOrEqualTo(0.95);
        assertThat(crossed).isLessThan(r[2] - 0.1);
    }

    @Test
    void theGradientEchoImageMatchesTheTruth() throws Exception {
        Path out = scan("gre2d", "--protocol", "gre2d");
        ImageVolume image = NiftiReader.read(out.resolve("images.nii"));
        ImageVolume truth = NiftiReader.read(out.resolve("truth/truth.nii"));
        double r = ImageMetrics.pearson(image.data(), truth.data());
        System.out.printf("gre2d: Pearson vs truth %.4f%n", r);
        assertThat(r).isGreaterThanOrEqualTo(0.97);
    }

    @Test
    void aCoilCountOutsideOneToThirtyTwoIsRefusedWithExitStatusTwo() {
        java.io.StringWriter err = new java.io.StringWriter();
        CommandLine cl = new CommandLine(new Main());
        cl.setErr(new java.io.PrintWriter(err));
        int code = cl.execute("scan", "--protocol", "se2d", "--out", tmp.resolve("refused").toString(), "--sim-coils", "40");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("--sim-coils must be 1..32, not 40").doesNotContain("Exception");
        assertThat(tmp.resolve("refused")).doesNotExist();
    }
}
