package org.lodestone.recon.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NiftiTest {

    @TempDir
    Path dir;

    static float[] ramp(int n) {
        float[] d = new float[n];
        for (int i = 0; i < n; i++) {
            d[i] = i * 0.5f - 3;
        }
        return d;
    }

    /** Oblique orientation: rotated 30° about z, then 20° about x; position off-centre. */
    static ImageVolume oblique(int nx, int ny, int nz) {
        double a = Math.toRadians(30);
        double b = Math.toRadians(20);
        double[] read = {Math.cos(a), Math.sin(a), 0};
        double[] phase = {-Math.sin(a) * Math.cos(b), Math.cos(a) * Math.cos(b), Math.sin(b)};
        double[] slice = cross(read, phase);
        return new ImageVolume(nx, ny, nz, ramp(nx * ny * nz), 1.5, 2.0, 5.0, new double[] {12.5, -30, 44}, read,
                phase, slice);
    }

    static double[] cross(double[] u, double[] v) {
        return new double[] {u[1] * v[2] - u[2] * v[1], u[2] * v[0] - u[0] * v[2], u[0] * v[1] - u[1] * v[0]};
    }

    @Test
    void roundTripKeepsDataAndGeometry() throws IOException {
        ImageVolume v = oblique(8, 6, 4);
        Path file = dir.resolve("vol.nii");
        NiftiWriter.write(file, v);
        assertSameGeometry(NiftiReader.read(file), v);
    }

    @Test
    void leftHandedOrientationRoundTripsThroughTheQuaternion() throws IOException {
        ImageVolume r = oblique(8, 6, 4);
        double[] s = r.sliceDir();
        ImageVolume v = new ImageVolume(8, 6, 4, r.data(), 1.5, 2.0, 5.0, r.positionLps(), r.readDir(),
                r.phaseDir(), new double[] {-s[0], -s[1], -s[2]});
        Path file = dir.resolve("vol.nii");
        NiftiWriter.write(file, v);
        // Disable the sform so the reader must use the qform (quaternion + qfac).
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putShort(254, (short) 0);
        Files.write(file, bytes);
        ImageVolume back = NiftiReader.read(file);
        assertThat(ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getFloat(76)).isEqualTo(-1f); // qfac
        assertSameGeometry(back, v);
    }

    @Test
    void headerFieldsFollowNifti1() throws IOException {
        ImageVolume v = oblique(8, 6, 4);
        Path file = dir.resolve("vol.nii");
        NiftiWriter.write(file, v);
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);

        assertThat(b.capacity()).isEqualTo(352 + 4 * 8 * 6 * 4);
        assertThat(b.getInt(0)).isEqualTo(348);                  // sizeof_hdr
        assertThat(b.getShort(40)).isEqualTo((short) 3);         // dim[0]
        assertThat(b.getShort(42)).isEqualTo((short) 8);
        assertThat(b.getShort(44)).isEqualTo((short) 6);
        assertThat(b.getShort(46)).isEqualTo((short) 4);
        assertThat(b.getShort(70)).isEqualTo((short) 16);        // datatype FLOAT32
        assertThat(b.getShort(72)).isEqualTo((short) 32);        // bitpix
        assertThat(b.getFloat(80)).isEqualTo(1.5f);              // pixdim[1]
        assertThat(b.getFloat(84)).isEqualTo(2.0f);
        assertThat(b.getFloat(88)).isEqualTo(5.0f);
        assertThat(b.getFloat(108)).isEqualTo(352f);             // vox_offset
        assertThat(b.get(123)).isEqualTo((byte) 2);              // xyzt_units: mm
        assertThat(b.getShort(252)).isEqualTo((short) 1);        // qform_code
        assertThat(b.getShort(254)).isEqualTo((short) 1);        // sform_code
        assertThat(Arrays.copyOfRange(b.array(), 344, 348)).containsExactly('n', '+', '1', 0);
        assertThat(b.getInt(348)).isZero();                      // no extensions
        assertThat(b.getFloat(352)).isEqualTo(-3f);              // first voxel
    }

    @Test
    void lpsIsFlippedToRasAndSliceCentreMovedToFirstVoxel() throws IOException {
        ImageVolume v = new ImageVolume(4, 4, 1, new float[16], 2, 3, 5, new double[] {10, 20, 30},
                new double[] {1, 0, 0}, new double[] {0, 1, 0}, new double[] {0, 0, 1});
        Path file = dir.resolve("slice.nii");
        NiftiWriter.write(file, v);
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);

        assertThat(b.getShort(40)).isEqualTo((short) 2); // 2D: dim[0] = 2, dim[3] = 1
        assertThat(b.getShort(46)).isEqualTo((short) 1);
        // srow_x/y/z: RAS = diag(-1, -1, 1) · spacing; first voxel centre = (10 - 2·2, 20 - 2·3, 30) LPS
        assertThat(floats(b, 280, 4)).containsExactly(-2f, 0f, 0f, -6f);
        assertThat(floats(b, 296, 4)).containsExactly(0f, -3f, 0f, -14f);
        assertThat(floats(b, 312, 4)).containsExactly(0f, 0f, 5f, 30f);
        // 180° about z: quaternion (a, b, c, d) = (0, 0, 0, 1)
        assertThat(floats(b, 256, 6)).containsExactly(0f, 0f, 1f, -6f, -14f, 30f);
    }

    private static float[] floats(ByteBuffer b, int offset, int n) {
        float[] f = new float[n];
        for (int i = 0; i < n; i++) {
            f[i] = b.getFloat(offset + 4 * i) + 0f; // + 0f turns -0.0 into 0.0
        }
        return f;
    }

    private static void assertSameGeometry(ImageVolume actual, ImageVolume expected) {
        assertThat(actual.nx()).isEqualTo(expected.nx());
        assertThat(actual.ny()).isEqualTo(expected.ny());
        assertThat(actual.nz()).isEqualTo(expected.nz());
        assertThat(actual.data()).containsExactly(expected.data());
        assertThat(actual.dxMm()).isCloseTo(expected.dxMm(), within(1e-6));
        assertThat(actual.dyMm()).isCloseTo(expected.dyMm(), within(1e-6));
        assertThat(actual.dzMm()).isCloseTo(expected.dzMm(), within(1e-6));
        assertThat(actual.positionLps()).containsExactly(expected.positionLps(), within(1e-4));
        assertThat(actual.readDir()).containsExactly(expected.readDir(), within(1e-5));
        assertThat(actual.phaseDir()).containsExactly(expected.phaseDir(), within(1e-5));
        assertThat(actual.sliceDir()).containsExactly(expected.sliceDir(), within(1e-5));
    }
}
