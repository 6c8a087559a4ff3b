package org.lodestone.console.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lodestone.recon.cartesian.CenteredFft;
import org.lodestone.recon.image.ImageMetrics;
import org.lodestone.recon.image.ImageVolume;
import org.lodestone.recon.image.NiftiReader;
import org.lodestone.recon.mrd.Acquisition;
import org.lodestone.recon.mrd.AcquisitionHeader;
import org.lodestone.recon.mrd.EncodingCounters;
import org.lodestone.recon.mrd.EncodingSpec;
import org.lodestone.recon.mrd.IsmrmrdHeaderXml;
import org.lodestone.recon.mrd.MrdStreamWriter;
import picocli.CommandLine;

import java.io.File;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Issue #6: {@code recon --in FILE --out DIR} on damaged files names the damage and writes every complete slice. */
class ReconCommandTest {
    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {
    }

    private static Run recon(Path in, Path out) {
        StringWriter o = new StringWriter(), e = new StringWriter();
        CommandLine cl = new CommandLine(new ReconCommand());
        cl.setOut(new PrintWriter(o, true));
        cl.setErr(new PrintWriter(e, true));
        int code = cl.execute("--in", in.toString(), "--out", out.toString());
        return new Run(code, o.toString(), e.toString());
    }

    // ---- MRD stream: 3 slices of 32 lines, 2 coils, a disc ----
    private static final int N = 32, SLICES = 3, COILS = 2;
    private static final int ACQ_BYTES = 2 + 340 + 4 * 2 * COILS * N;

    private Path multiSliceStream() throws Exception {
        EncodingSpec spec = new EncodingSpec(N, N, 1, 200, 200, 5, N - 1, 0, SLICES - 1, 0, 0, COILS, 2.1e6, 0.05,
                "t", "test");
        float[] img = new float[2 * N * N];
        for (int y = 0; y < N; y++) for (int x = 0; x < N; x++) {
            if (Math.hypot(x - N / 2.0, y - N / 2.0) < N / 3.0) img[2 * (y * N + x)] = 1;
        }
        float[] k = CenteredFft.fft2c(img, N, N);
        Path file = dir.resolve("raw.mrd");
        try (MrdStreamWriter w = MrdStreamWriter.create(file, IsmrmrdHeaderXml.build(spec))) {
            for (int s = 0; s < SLICES; s++) {
                for (int y = 0; y < N; y++) {
                    float[] data = new float[2 * COILS * N];
                    for (int c = 0; c < COILS; c++) System.arraycopy(k, 2 * y * N, data, 2 * c * N, 2 * N);
                    AcquisitionHeader h = AcquisitionHeader.builder().scanCounter(s * N + y).numberOfSamples(N)
                            .channels(COILS).centerSample(N / 2).idx(EncodingCounters.of(y, s)).build();
                    w.append(new Acquisition(h, new float[0], data));
                }
            }
        }
        return file;
    }

    /** Byte offset of acquisition number i (0-based) in the stream. */
    private static long acquisitionOffset(Path file, int i) throws Exception {
        long size = Files.size(file);
        return size - 2 - (long) (SLICES * N - i) * ACQ_BYTES;
    }

    @Test
    void truncatedMrdStreamWritesTheCompleteSlicesAndNamesTheMessage() throws Exception {
        Path file = multiSliceStream();
        Path cut = dir.resolve("cut.mrd");
        byte[] all = Files.readAllBytes(file);
        Files.write(cut, Arrays.copyOf(all, (int) acquisitionOffset(file, 2 * N + 7) + 100)); // inside slice 2, line 7
        Run r = recon(cut, dir.resolve("out"));
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("truncated in message #" + (1 + 2 * N + 7)).contains("incomplete slices not written: [2]");
        ImageVolume v = NiftiReader.read(dir.resolve("out/images.nii"));
        assertThat(v.nz()).isEqualTo(2);
    }

    @Test
    void corruptMrdStreamKeepsEverySliceBeforeTheDamage() throws Exception {
        Path file = multiSliceStream();
        Run full = recon(file, dir.resolve("full"));
        assertThat(full.exit()).as(full.err()).isZero();
        long at = acquisitionOffset(file, N + 5); // slice 1, line 5: message id overwritten
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(at);
            raf.write(new byte[] {(byte) 0xEF, (byte) 0xBE});
        }
        Run r = recon(file, dir.resolve("out"));
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("message #" + (1 + N + 5) + " at byte offset " + at)
                .contains("unknown or unsupported message id 48879").doesNotContain("Exception");
        ImageVolume v = NiftiReader.read(dir.resolve("out/images.nii"));
        ImageVolume ref = NiftiReader.read(dir.resolve("full/images.nii"));
        assertThat(v.nz()).isEqualTo(1);
        assertThat(ImageMetrics.nrmse(ref.slice(0), v.slice(0))).isLessThan(1e-6);
    }

    // ---- ISMRMRD HDF5 from the ISMRMRD tools: 4 repetitions of one slice with noise readouts ----
    private Path sheppLogan() throws Exception {
        assumeTrue(Arrays.stream(System.getenv("PATH").split(File.pathSeparator))
                        .anyMatch(d -> Files.isExecutable(Path.of(d, "ismrmrd_generate_cartesian_shepp_logan"))),
                "ismrmrd-tools not installed (apt-get install ismrmrd-tools); skipping");
        Process p = new ProcessBuilder("ismrmrd_generate_cartesian_shepp_logan", "-o", "full.h5", "-m", "64", "-c", "4",
                "-r", "4", "-C").directory(dir.toFile()).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertThat(p.waitFor()).isZero();
        return dir.resolve("full.h5");
    }

    @Test
    void truncatedAndCorruptHdf5NameTheDatasetAndStillWriteTheSlice() throws Exception {
        Path file = sheppLogan();
        Run full = recon(file, dir.resolve("full"));
        assertThat(full.exit()).as(full.err()).isZero();
        float[] ref = NiftiReader.read(dir.resolve("full/images.nii")).slice(0);
        byte[] all = Files.readAllBytes(file);

        // cut after about 60 %: the group's index (written after the data) is gone; the error says so
        Path cut = dir.resolve("cut.h5");
        Files.write(cut, Arrays.copyOf(all, all.length * 6 / 10));
        Run r = recon(cut, dir.resolve("cut"));
        System.out.println("HDF5 cut at 60 %: " + r.err().strip());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("/dataset/xml").contains(cut.toString()).contains("the file is truncated")
                .doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(dir.resolve("cut/images.nii")).doesNotExist();

        // cut after the acquisitions (95 %): the slice is written, the truncation named
        Path tail = dir.resolve("tail.h5");
        Files.write(tail, Arrays.copyOf(all, all.length * 95 / 100));
        Run t = recon(tail, dir.resolve("tail"));
        System.out.println("HDF5 cut at 95 %: " + t.err().strip());
        assertThat(t.exit()).isEqualTo(1);
        assertThat(t.err()).contains("/dataset/data").contains("the file is truncated").doesNotContain("Exception");
        assertThat(ImageMetrics.nrmse(ref, NiftiReader.read(dir.resolve("tail/images.nii")).slice(0))).isLessThan(1e-6);

        // garbage over a stretch in the middle of the acquisitions' heap
        Path bad = dir.resolve("bad.h5");
        byte[] damaged = all.clone();
        int gcol = indexOf(damaged, "GCOL".getBytes(), damaged.length * 7 / 10);
        for (int i = gcol; i < gcol + 64; i++) damaged[i] = (byte) 0xA5;
        Files.write(bad, damaged);
        Run b = recon(bad, dir.resolve("bad"));
        System.out.println("corrupt HDF5: " + b.err().strip());
        assertThat(b.exit()).isEqualTo(1);
        assertThat(b.err()).contains("/dataset/data").contains("acquisition").doesNotContain("Exception");
        float[] img2 = NiftiReader.read(dir.resolve("bad/images.nii")).slice(0);
        assertThat(ImageMetrics.pearson(ref, img2)).isGreaterThan(0.99);
    }

    private static int indexOf(byte[] hay, byte[] needle, int from) {
        outer:
        for (int i = from; i <= hay.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) if (hay[i + j] != needle[j]) continue outer;
            return i;
        }
        throw new AssertionError("no " + new String(needle) + " after " + from);
    }
}
