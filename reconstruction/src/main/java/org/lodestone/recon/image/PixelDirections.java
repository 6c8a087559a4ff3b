package org.lodestone.recon.image;

/**
 * Where a reconstructed image's pixels run, from the encoding directions of the acquisition headers. The unit's
 * demodulated signal follows s(k) = ∫ m(r) e^{+i2πk·r} (a higher field gives a higher frequency, which the frequency
 * calibration relies on), while the centred inverse FFT assumes e^{−i2πk·r}: along every Fourier-encoded axis (read,
 * phase and a 3D slab's partitions) pixel i holds m(−r_i), mirrored about the centre voxel n/2. So the image states
 * those axes negated, and its centre voxel stays where the headers put it. A 2D slice axis is not encoded: its
 * direction is the headers'. The one place the reconstruction turns header directions into pixel directions.
 */
public final class PixelDirections {
    private PixelDirections() {
    }

    /** Direction of increasing pixel index along a Fourier-encoded axis whose header direction is {@code header}. */
    public static double[] ofEncodedAxis(float[] header) {
        return ofEncodedAxis(new double[] {header[0], header[1], header[2]});
    }

    /** As {@link #ofEncodedAxis(float[])}; exact zeros stay zero (no −0 in the files). */
    public static double[] ofEncodedAxis(double[] header) {
        double[] v = new double[3];
        for (int ax = 0; ax < 3; ax++) v[ax] = header[ax] == 0 ? 0 : -header[ax];
        return v;
    }
}
