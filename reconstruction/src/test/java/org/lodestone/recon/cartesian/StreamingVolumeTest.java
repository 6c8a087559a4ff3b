package org.lodestone.recon.cartesian;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lodestone.recon.image.ImageMetrics;
import org.lodestone.recon.image.ImageVolume;
import org.lodestone.recon.image.NiftiReader;
import org.lodestone.recon.mrd.Acquisition;
import org.lodestone.recon.mrd.EncodingSpec;

class StreamingVolumeTest {
    @TempDir
    Path dir;

    @Test
    void eachSliceIsOnDiskBeforeTheNextSliceStartsAndAveragesAreWaitedFor() throws Exception {
        int nx = 32;
        int ny = 32;
        int slices = 3;
        EncodingSpec spec = new EncodingSpec(nx, ny, 1, 200, 200, 5, ny - 1, 0, slices - 1, 1, 0, 2, 2.1e6, 0.05, "t",
                "test");
        float[] obj = Phantoms.discAndSquare(nx, ny);
        float[] k = CenteredFft.fft2c(Phantoms.toComplex(obj), nx, ny);
        KSpaceBuffer buffer = KSpaceBuffer.forSpec(spec);
        assertThat(buffer.averages()).isEqualTo(2);
        Path nii = dir.resolve("images.nii");
        List<ImageVolume> updates = new CopyOnWriteArrayList<>();
        CountDownLatch[] sliceOnDisk = {new CountDownLatch(1), new CountDownLatch(1), new CountDownLatch(1)};
        ImageVolume last;
        try (StreamingVolume live = new StreamingVolume(buffer, spec, nii, v -> {
            updates.add(v);
            sliceOnDisk[updates.size() - 1].countDown();
        })) {
            for (int s = 0; s < slices; s++) {
                List<Acquisition> lines = Phantoms.readouts(new float[][] {k, k}, nx, ny, s);
                lines.forEach(buffer::add); // first average: not final yet
                Thread.sleep(50);
                assertThat(updates).hasSize(s);
                long t0 = System.nanoTime();
                lines.forEach(buffer::add); // second average: the slice is done
                assertThat(sliceOnDisk[s].await(10, TimeUnit.SECONDS)).isTrue();
                System.out.printf("slice %d: last line to NIfTI written %.1f ms (32x32x2, unloaded figure only)%n", s,
                        (System.nanoTime() - t0) / 1e6);
                ImageVolume onDisk = NiftiReader.read(nii);
                float[] expected = obj.clone();
                // two averages summed and divided, two identical coils: RSS = √2 · object
                for (int i = 0; i < expected.length; i++) expected[i] *= (float) Math.sqrt(2);
                assertThat(ImageMetrics.nrmse(expected, onDisk.slice(s))).isLessThan(1e-5);
                if (s + 1 < slices) assertThat(onDisk.slice(s + 1)).containsOnly(0f);
            }
            last = live.finish();
            assertThat(live.streamedSlices()).isEqualTo(3);
        }
        ImageVolume batch = CartesianRecon2D.reconstruct(buffer, 0, spec);
        for (int s = 0; s < slices; s++) {
            // streamed slices may come from another FFT engine (FFTW) than the batch path: equal to float precision
            assertThat(ImageMetrics.nrmse(batch.slice(s), last.slice(s))).isLessThan(1e-6);
        }
    }

    @Test
    void finishReconstructsSlicesThatNeverCompleted() throws Exception {
        int n = 16;
        EncodingSpec spec = new EncodingSpec(n, n, 1, 200, 200, 5, n - 1, 0, 1, 0, 0, 1, 2.1e6, 0.05, "t", "test");
        float[] k = CenteredFft.fft2c(Phantoms.toComplex(Phantoms.discAndSquare(n, n)), n, n);
        KSpaceBuffer buffer = KSpaceBuffer.forSpec(spec);
        try (StreamingVolume live = new StreamingVolume(buffer, spec, null, v -> { })) {
            Phantoms.readouts(new float[][] {k}, n, n, 0).forEach(buffer::add);
            Phantoms.readouts(new float[][] {k}, n, n, 1).subList(0, 10).forEach(buffer::add); // aborted scan
            ImageVolume v = live.finish();
            assertThat(live.streamedSlices()).isEqualTo(1);
            assertThat(v.slice(1)).containsExactly(CartesianRecon2D.reconstructSlice(buffer, 1, 0));
        }
    }
}
