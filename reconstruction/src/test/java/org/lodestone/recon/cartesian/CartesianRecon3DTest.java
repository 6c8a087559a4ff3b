package org.lodestone.recon.cartesian;

import org.junit.jupiter.api.Test;
import org.lodestone.recon.image.ImageVolume;
import org.lodestone.recon.mrd.Acquisition;
import org.lodestone.recon.mrd.AcquisitionHeader;
import org.lodestone.recon.mrd.EncodingCounters;
import org.lodestone.recon.mrd.EncodingSpec;

import static org.assertj.core.api.Assertions.assertThat;

class CartesianRecon3DTest {
    private static final int N = 8, NZ = 8;

    /** k-space of a point at (x0, y0, z0) voxels from the centre, one line of one partition. */
    private static Acquisition line(int ky, int kz, int x0, int y0, int z0, float gain) {
        float[] d = new float[2 * N];
        for (int kx = 0; kx < N; kx++) {
            double ph = 2 * Math.PI * ((kx - N / 2) * x0 / (double) N + (ky - N / 2) * y0 / (double) N + (kz - NZ / 2) * z0 / (double) NZ);
            d[2 * kx] = (float) (gain * Math.cos(ph));
            d[2 * kx + 1] = (float) (gain * Math.sin(ph));
        }
        AcquisitionHeader h = AcquisitionHeader.builder().numberOfSamples(N).channels(1)
                .position(0, 0, 40).readDir(1, 0, 0).phaseDir(0, 1, 0).sliceDir(0, 0, 1)
                .idx(new EncodingCounters(ky, kz, 0, 0, 0, 0, 0, 0, 0, new int[8])).build();
        return new Acquisition(h, new float[0], d);
    }

    private static EncodingSpec spec() {
        return new EncodingSpec(N, N, NZ, 80, 80, 40, N - 1, NZ - 1, 0, 0, 0, 1, 14.9e6, 0.35, "test3d", "test");
    }

    private static int[] peak(ImageVolume v) {
        int best = 0;
        float[] d = v.data();
        for (int i = 1; i < d.length; i++) if (d[i] > d[best]) best = i;
        return new int[] {best % N, (best / N) % N, best / (N * N)};
    }

    @Test
    void partitionsAreEncodedLikeLines() {
        // the same phase convention along ky and kz must move the point the same way along y and z
        CartesianRecon3D r = new CartesianRecon3D(spec());
        for (int kz = 0; kz < NZ; kz++) for (int ky = 0; ky < N; ky++) assertThat(r.add(line(ky, kz, 0, 2, 2, 1))).isTrue();
        ImageVolume v;
        try (RssReconstructor rss = new RssReconstructor(1)) {
            v = r.reconstruct(rss);
        }
        int[] p = peak(v);
        assertThat(p[0]).isEqualTo(N / 2);
        assertThat(p[1] - N / 2).isIn(2, -2);
        assertThat(p[2] - NZ / 2).isEqualTo(p[1] - N / 2);
        assertThat(v.nz()).isEqualTo(NZ);
        assertThat(v.dzMm()).isEqualTo(5.0);
        // the headers carry the slab centre (z = 40 mm); partition nz/2 is there. The unit's signal is e^{+i2πk·r}, the
        // centred FFT mirrors every encoded axis: the partitions run against the headers' slice direction (issue #16),
        // so slice 0 is 4 × 5 mm above
        assertThat(v.sliceDir()).containsExactly(0, 0, -1);
        assertThat(v.positionLps()).containsExactly(0, 0, 60);
        // the point was put 2 lines (10 mm each) along phase and 2 partitions (5 mm each) along the slice direction
        double[] world = new double[3];
        for (int ax = 0; ax < 3; ax++) {
            world[ax] = v.positionLps()[ax] + (p[0] - N / 2) * v.dxMm() * v.readDir()[ax] + (p[1] - N / 2) * v.dyMm() * v.phaseDir()[ax]
                    + p[2] * v.dzMm() * v.sliceDir()[ax];
        }
        assertThat(world).containsExactly(0, 20, 50);
    }

    @Test
    void missingPartitionsAreZeroFilledAndAveragesAreMeans() {
        CartesianRecon3D full = new CartesianRecon3D(spec());
        CartesianRecon3D twice = new CartesianRecon3D(spec());
        for (int kz = 0; kz < NZ; kz++) for (int ky = 0; ky < N; ky++) {
            full.add(line(ky, kz, 1, 0, -1, 1));
            twice.add(line(ky, kz, 1, 0, -1, 0.5f));
            twice.add(line(ky, kz, 1, 0, -1, 1.5f));
        }
        try (RssReconstructor rss = new RssReconstructor(1)) {
            float[] a = full.reconstruct(rss).data();
            float[] b = twice.reconstruct(rss).data();
            for (int i = 0; i < a.length; i++) assertThat(b[i]).isCloseTo(a[i], org.assertj.core.data.Offset.offset(1e-4f));
        }
        CartesianRecon3D all = new CartesianRecon3D(spec());
        CartesianRecon3D half = new CartesianRecon3D(spec());
        for (int kz = 0; kz < NZ; kz++) for (int ky = 0; ky < N; ky++) {
            all.add(line(ky, kz, 0, 0, 0, 1));
            if (kz >= 2 && kz < NZ - 2) half.add(line(ky, kz, 0, 0, 0, 1));
        }
        try (RssReconstructor rss = new RssReconstructor(1)) {
            ImageVolume v = half.reconstruct(rss);
            float centre = all.reconstruct(rss).value(N / 2, N / 2, NZ / 2);
            // four of eight partitions: the point is blurred along z only, still centred, at half its height
            assertThat(peak(v)).containsExactly(N / 2, N / 2, NZ / 2);
            assertThat(v.value(N / 2, N / 2, NZ / 2) / centre).isCloseTo(0.5f, org.assertj.core.data.Offset.offset(1e-4f));
        }
    }

    @Test
    void aReadoutOfAnotherSliceIsRefusedWithTheReason() {
        CartesianRecon3D r = new CartesianRecon3D(spec());
        Acquisition a = line(0, 0, 0, 0, 0, 1);
        Acquisition other = new Acquisition(a.header().toBuilder().idx(new EncodingCounters(0, 0, 0, 1, 0, 0, 0, 0, 0, new int[8])).build(),
                new float[0], a.data());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> r.add(other)).hasMessageContaining("one slab");
    }
}
