package org.lodestone.console.scan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue #18's acceptance of fast 2D imaging, on the twin through the one launcher (socat pty pair, twin process):
 * tse2d at acceleration 3 takes at most 0.4 of the unaccelerated scan time and its compressed-sensing image matches
 * the twin's truth at r ≥ 0.97, while the zero-filled image of the same lines does not get there.
 */
class AcceleratedScanTest {
    @TempDir
    Path tmp;
    private static final long[] lastMs = new long[2];

    @Test
    void tse2dAtAccelerationThreeIsFasterAndMatchesTheTruth() throws Exception {
        Path full = tmp.resolve("full"), fast = tmp.resolve("fast");
        scan(full, "tse2d");
        scan(fast, "tse2d", "--param", "acceleration=3");
        System.out.printf("scans: unaccelerated %d ms, accelerated %d ms%n", lastMs[0], lastMs[1]);
        JsonNode fullJson = json(full), fastJson = json(fast);
        assertThat(fastJson.get("status").asText()).isEqualTo("complete");
        double ratio = fastJson.at("/derived/scan_time_s").asDouble() / fullJson.at("/derived/scan_time_s").asDouble();
        assertThat(ratio).isLessThanOrEqualTo(0.4);

        // The raw data hold the planned lines only: a fully sampled centre and sparse edges, each line once.
        MrdStreamReader.Result raw = MrdStreamReader.read(fast.resolve("raw.mrd"));
        TreeSet<Integer> lines = new TreeSet<>();
        for (Acquisition a : raw.acquisitions()) assertThat(lines.add(a.header().idx().kspaceEncodeStep1())).isTrue();
        assertThat(lines).hasSize(fastJson.get("lines_expected").asInt()).contains(52, 63, 64, 75);
        assertThat(lines.size()).isLessThanOrEqualTo(128 / 3);

        // The truth of the same protocol with every line: the twin sizes its truth grid from the highest line it plays.
        ImageVolume truth = NiftiReader.read(full.resolve("truth/truth.nii"));
        double rFast = ImageMetrics.pearson(NiftiReader.read(fast.resolve("images.nii")).data(), truth.data());
        double rFull = ImageMetrics.pearson(NiftiReader.read(full.resolve("images.nii")).data(), truth.data());
        double rZeroFilled = ImageMetrics.pearson(zeroFilled(raw), truth.data());
        System.out.printf("tse2d acceleration 3: scan time ratio %.3f, r = %.4f (zero-filled %.4f, unaccelerated %.4f)%n",
                ratio, rFast, rZeroFilled, rFull);
        assertThat(rFast).isGreaterThanOrEqualTo(0.97).isGreaterThan(rZeroFilled);
        // lodestone recon of raw.mrd (and the recon server) find the same lines and reconstruct them the same way
        float[] offline = org.lodestone.recon.cartesian.OfflineRecon.reconstruct(raw,
                new org.lodestone.recon.cartesian.OfflineRecon.Options(false, false, -1, 0)).volume().data();
        assertThat(ImageMetrics.pearson(offline, NiftiReader.read(fast.resolve("images.nii")).data())).isGreaterThan(0.999);
    }

    private static float[] zeroFilled(MrdStreamReader.Result raw) {
        var spec = org.lodestone.recon.mrd.IsmrmrdHeaderXml.parseEncoding(raw.xml());
        var buffer = org.lodestone.recon.cartesian.KSpaceBuffer.forSpec(spec);
        for (Acquisition a : raw.acquisitions()) buffer.add(a);
        return org.lodestone.recon.cartesian.CartesianRecon2D.reconstruct(buffer, 0, spec).data();
    }

    private static void scan(Path out, String protocol, String... more) {
        String[] base = {"scan", "--protocol", protocol, "--out", out.toString(), "--sim-truth", out.resolve("truth").toString(),
                "--sim-speed", "0", "--operator", "test"};
        String[] args = java.util.stream.Stream.concat(java.util.Arrays.stream(base), java.util.Arrays.stream(more)).toArray(String[]::new);
        long t0 = System.nanoTime();
        assertThat(new CommandLine(new Main()).execute(args)).as(String.join(" ", args)).isZero();
        lastMs[more.length == 0 ? 0 : 1] = (System.nanoTime() - t0) / 1_000_000;
    }

    private static JsonNode json(Path out) throws Exception {
        return new ObjectMapper().readTree(out.resolve("scan.json").toFile());
    }
}
