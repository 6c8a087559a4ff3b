package org.lodestone.recon.cartesian;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.lodestone.recon.testing.ExternalTools.cmd;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lodestone.recon.image.ImageMetrics;
import org.lodestone.recon.mrd.Acquisition;
import org.lodestone.recon.mrd.AcquisitionFlag;
import org.lodestone.recon.mrd.IsmrmrdHdf5Reader;
import org.lodestone.recon.mrd.MrdStreamReader;
import org.lodestone.recon.mrd.RawDataFiles;
import org.lodestone.recon.testing.ExternalTools;

/**
 * Acceptance test against the ISMRMRD reference tools: data from {@code ismrmrd_generate_cartesian_shepp_logan}
 * (8 coils, 2× readout oversampling, 2 repetitions, noise scan), image from {@code ismrmrd_recon_cartesian_2d}
 * (stored by it at {@code /dataset/cpp/data}, float [1][1][1][ny][nx]).
 *
 * <p>ISMRMRD's conventions, matched here: every readout is copied into the buffer in file order, so for
 * repeated lines the last repetition wins (we reconstruct repetition 1 only); no prewhitening; FFTW's
 * unnormalised backward FFT (our ifft2c is scaled by 1/(nx·ny) of the encoded matrix, so we multiply by
 * encodedX·ny); oversampling is cropped to the central reconX columns after the FFT, which equals our
 * readout-wise removal exactly.
 */
class IsmrmrdReferenceTest {

    @TempDir
    Path dir;

    @Test
    void lodestoneMatchesIsmrmrdReconOfGeneratedSheppLogan() throws Exception {
        ExternalTools.require("ismrmrd_generate_cartesian_shepp_logan");
        ExternalTools.require("ismrmrd_recon_cartesian_2d");
        int matrix = 128;
        ExternalTools.run(dir, cmd("ismrmrd_generate_cartesian_shepp_logan", "-o", "tmp.h5", "-m", matrix, "-c", 8,
                "-O", 2, "-r", 2, "-n", 0.05, "-C"));
        Path file = dir.resolve("tmp.h5");
        assertThat(RawDataFiles.detect(file)).isEqualTo(RawDataFiles.Format.ISMRMRD_HDF5);
        ExternalTools.run(dir, cmd("ismrmrd_recon_cartesian_2d", "tmp.h5"));

        MrdStreamReader.Result raw = RawDataFiles.read(file);
        assertThat(raw.complete()).isTrue();
        List<Acquisition> acqs = raw.acquisitions();
        assertThat(acqs).hasSize(2 * matrix + 1);
        assertThat(acqs.getFirst().header().isSet(AcquisitionFlag.IS_NOISE_MEASUREMENT)).isTrue();
        assertThat(acqs.get(1).header().numberOfSamples()).isEqualTo(2 * matrix);
        assertThat(acqs.get(1).header().activeChannels()).isEqualTo(8);

        OfflineRecon.Output out = OfflineRecon.reconstruct(raw, new OfflineRecon.Options(false, true, 1));
        assertThat(out.volume().nx()).isEqualTo(matrix);
        assertThat(out.volume().ny()).isEqualTo(matrix);
        float[] ours = out.volume().slice(0);
        float scale = 2f * matrix * matrix; // FFTW backward is unnormalised over the encoded 2·matrix × matrix
        for (int i = 0; i < ours.length; i++) {
            ours[i] *= scale;
        }
        float[] reference = referenceImage(file, matrix);
        double nrmse = ImageMetrics.nrmse(reference, ours);
        System.out.printf("NRMSE Lodestone vs ismrmrd_recon_cartesian_2d (%d², 8 coils, OS 2): %.3g%n", matrix, nrmse);
        assertThat(nrmse).isLessThanOrEqualTo(1e-3);

        // With prewhitening and both repetitions averaged the image must still be the same object.
        OfflineRecon.Output whitened = OfflineRecon.reconstruct(raw, OfflineRecon.Options.defaults());
        assertThat(whitened.prewhitened()).isTrue();
        assertThat(ImageMetrics.pearson(reference, whitened.volume().slice(0))).isGreaterThan(0.95);
    }

    @Test
    void truncatedHdf5GivesAnErrorNamingFileAndDataset() throws Exception {
        ExternalTools.require("ismrmrd_generate_cartesian_shepp_logan");
        ExternalTools.run(dir, cmd("ismrmrd_generate_cartesian_shepp_logan", "-o", "full.h5", "-m", 64, "-c", 4));
        byte[] bytes = Files.readAllBytes(dir.resolve("full.h5"));
        // The library writes the group's index in the middle of the file, so a cut before it loses everything.
        Path cut = dir.resolve("cut.h5");
        Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length / 10));
        assertThatThrownBy(() -> IsmrmrdHdf5Reader.read(cut)).isInstanceOf(java.io.IOException.class)
                .hasMessageContaining(cut.toString()).hasMessageContaining("/dataset/xml");
        Path notHdf = dir.resolve("garbage.h5");
        Files.write(notHdf, new byte[] {1, 2, 3});
        assertThatThrownBy(() -> IsmrmrdHdf5Reader.read(notHdf)).isInstanceOf(java.io.IOException.class)
                .hasMessageContaining(notHdf.toString());
    }

    /** The float image {@code ismrmrd_recon_cartesian_2d} appended, x fastest. */
    static float[] referenceImage(Path file, int matrix) {
        try (HdfFile h = new HdfFile(file)) {
            Dataset d = h.getDatasetByPath("/dataset/cpp/data");
            float[][][][][] img = (float[][][][][]) d.getData();
            float[][] plane = img[0][0][0];
            float[] out = new float[matrix * matrix];
            for (int y = 0; y < matrix; y++) {
                System.arraycopy(plane[y], 0, out, y * matrix, matrix);
            }
            return out;
        }
    }
}
