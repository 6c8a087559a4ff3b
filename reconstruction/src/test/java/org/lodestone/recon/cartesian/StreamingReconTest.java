package org.lodestone.recon.cartesian;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.lodestone.recon.image.ImageMetrics;
import org.lodestone.recon.mrd.Acquisition;

class StreamingReconTest {

    @Test
    void eachSliceIsReconstructedOnceWhenItsLastLineArrives() throws Exception {
        int nx = 32;
        int ny = 32;
        float[] k = CenteredFft.fft2c(Phantoms.toComplex(Phantoms.discAndSquare(nx, ny)), nx, ny);
        KSpaceBuffer buffer = new KSpaceBuffer(nx, ny, 3, 1, 1, 1);
        List<StreamingRecon.SliceImage> images = new CopyOnWriteArrayList<>();
        List<Integer> readySeenAtAdd = new CopyOnWriteArrayList<>();
        buffer.addSliceReadyListener((b, slice, contrast) -> readySeenAtAdd.add(slice));
        try (StreamingRecon recon = new StreamingRecon(buffer, images::add)) {
            for (int s : new int[] {1, 0, 2}) {
                for (Acquisition a : Phantoms.readouts(new float[][] {k}, nx, ny, s)) {
                    buffer.add(a);
                }
                assertThat(readySeenAtAdd).endsWith(s);
            }
            // A repeated (averaged) line must not fire again.
            buffer.add(Phantoms.readouts(new float[][] {k}, nx, ny, 0).get(5));
        }
        assertThat(readySeenAtAdd).containsExactly(1, 0, 2);
        assertThat(images).extracting(StreamingRecon.SliceImage::slice).containsExactly(1, 0, 2);
        assertThat(ImageMetrics.nrmse(Phantoms.discAndSquare(nx, ny), images.get(0).magnitude())).isLessThan(1e-5);
    }
}
