package org.lodestone.recon.cartesian;

import java.util.ArrayList;
import java.util.List;
import org.lodestone.recon.mrd.Acquisition;
import org.lodestone.recon.mrd.AcquisitionHeader;
import org.lodestone.recon.mrd.EncodingCounters;

/** Synthetic objects and their k-space readouts for reconstruction tests. */
final class Phantoms {

    private Phantoms() {
    }

    /** A disc (value 1) and a brighter square (value 2), off-centre, nx × ny, x fastest. */
    static float[] discAndSquare(int nx, int ny) {
        float[] img = new float[nx * ny];
        for (int y = 0; y < ny; y++) {
            for (int x = 0; x < nx; x++) {
                double dx = x - nx * 0.4;
                double dy = y - ny * 0.55;
                if (dx * dx + dy * dy < Math.pow(Math.min(nx, ny) * 0.25, 2)) {
                    img[y * nx + x] = 1;
                }
                if (x >= nx * 0.65 && x < nx * 0.85 && y >= ny * 0.15 && y < ny * 0.35) {
                    img[y * nx + x] = 2;
                }
            }
        }
        return img;
    }

    static float[] toComplex(float[] real) {
        float[] c = new float[2 * real.length];
        for (int i = 0; i < real.length; i++) {
            c[2 * i] = real[i];
        }
        return c;
    }

    /** One readout per ky line for a slice, given the k-space of each coil (interleaved complex). */
    static List<Acquisition> readouts(float[][] coilKspace, int nx, int ny, int slice) {
        List<Acquisition> list = new ArrayList<>();
        int channels = coilKspace.length;
        for (int ky = 0; ky < ny; ky++) {
            float[] data = new float[2 * channels * nx];
            for (int c = 0; c < channels; c++) {
                System.arraycopy(coilKspace[c], 2 * ky * nx, data, 2 * c * nx, 2 * nx);
            }
            AcquisitionHeader h = AcquisitionHeader.builder().numberOfSamples(nx).channels(channels)
                    .centerSample(nx / 2).idx(EncodingCounters.of(ky, slice)).build();
            list.add(new Acquisition(h, null, data));
        }
        return list;
    }
}
