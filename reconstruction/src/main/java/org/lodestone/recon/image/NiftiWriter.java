package org.lodestone.recon.image;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Writes a single-file NIfTI-1 ({@code .nii}): 348-byte header, 4-byte empty extension flag, float32 voxels,
 * little-endian. Geometry goes into both qform and sform (code 1, scanner anatomical), converted from the
 * volume's LPS patient coordinates to NIfTI's RAS by negating x and y.
 */
public final class NiftiWriter {

    private NiftiWriter() {
    }

    public static void write(Path path, ImageVolume v) throws IOException {
        int voxels = v.nx() * v.ny() * v.nz();
        ByteBuffer b = ByteBuffer.allocate(Nifti1.VOX_OFFSET_SINGLE_FILE + 4 * voxels).order(ByteOrder.LITTLE_ENDIAN);
        writeHeader(b, v);
        b.position(Nifti1.VOX_OFFSET_SINGLE_FILE);
        b.asFloatBuffer().put(v.data());
        b.position(0);
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            while (b.hasRemaining()) {
                ch.write(b);
            }
        }
    }

    private static void writeHeader(ByteBuffer b, ImageVolume v) {
        b.putInt(Nifti1.OFF_SIZEOF_HDR, Nifti1.HEADER_SIZE);
        b.put(Nifti1.OFF_REGULAR, (byte) 'r');
        short[] dim = {(short) (v.nz() == 1 ? 2 : 3), (short) v.nx(), (short) v.ny(), (short) v.nz(), 1, 1, 1, 1};
        for (int i = 0; i < 8; i++) {
            b.putShort(Nifti1.OFF_DIM + 2 * i, dim[i]);
        }
        b.putShort(Nifti1.OFF_DATATYPE, Nifti1.DT_FLOAT32);
        b.putShort(Nifti1.OFF_BITPIX, (short) 32);

        // Columns of the rotation are the RAS directions of increasing i, j, k.
        double[][] r = new double[3][3];
        double[][] cols = {ras(unit(v.readDir())), ras(unit(v.phaseDir())), ras(unit(v.sliceDir()))};
        for (int row = 0; row < 3; row++) {
            for (int col = 0; col < 3; col++) {
                r[row][col] = cols[col][row];
            }
        }
        double[] origin = ras(firstVoxelLps(v));
        double[] spacing = {v.dxMm(), v.dyMm(), v.dzMm()};

        Quaternion q = Quaternion.fromRotation(r);
        float[] pixdim = {(float) q.qfac(), (float) v.dxMm(), (float) v.dyMm(), (float) v.dzMm(), 1, 1, 1, 1};
        for (int i = 0; i < 8; i++) {
            b.putFloat(Nifti1.OFF_PIXDIM + 4 * i, pixdim[i]);
        }
        b.putFloat(Nifti1.OFF_VOX_OFFSET, Nifti1.VOX_OFFSET_SINGLE_FILE);
        b.putFloat(Nifti1.OFF_SCL_SLOPE, 1f);
        b.putFloat(Nifti1.OFF_SCL_INTER, 0f);
        b.put(Nifti1.OFF_XYZT_UNITS, Nifti1.UNITS_MM);
        byte[] descrip = "Lodestone reconstruction".getBytes(StandardCharsets.US_ASCII);
        b.put(Nifti1.OFF_DESCRIP, descrip);
        b.putShort(Nifti1.OFF_QFORM_CODE, Nifti1.XFORM_SCANNER_ANAT);
        b.putShort(Nifti1.OFF_SFORM_CODE, Nifti1.XFORM_SCANNER_ANAT);
        float[] quatern = {(float) q.b(), (float) q.c(), (float) q.d(), (float) origin[0], (float) origin[1],
                (float) origin[2]};
        for (int i = 0; i < 6; i++) {
            b.putFloat(Nifti1.OFF_QUATERN_B + 4 * i, quatern[i]);
        }
        for (int row = 0; row < 3; row++) {
            int off = Nifti1.OFF_SROW_X + 16 * row;
            for (int col = 0; col < 3; col++) {
                b.putFloat(off + 4 * col, (float) (r[row][col] * spacing[col]));
            }
            b.putFloat(off + 12, (float) origin[row]);
        }
        b.put(Nifti1.OFF_MAGIC, Nifti1.MAGIC_SINGLE_FILE);
        // Bytes 348..351 (extension flag) stay zero: no extensions.
    }

    /** LPS position of voxel (0,0,0): the slice centre sits at index (nx/2, ny/2). */
    static double[] firstVoxelLps(ImageVolume v) {
        double[] p = v.positionLps();
        double[] read = unit(v.readDir());
        double[] phase = unit(v.phaseDir());
        double ox = (v.nx() / 2) * v.dxMm();
        double oy = (v.ny() / 2) * v.dyMm();
        return new double[] {p[0] - ox * read[0] - oy * phase[0], p[1] - ox * read[1] - oy * phase[1],
                p[2] - ox * read[2] - oy * phase[2]};
    }

    /** LPS ↔ RAS (its own inverse). */
    static double[] ras(double[] lps) {
        return new double[] {-lps[0], -lps[1], lps[2]};
    }

    static double[] unit(double[] v) {
        double n = Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
        if (n == 0) {
            throw new IllegalArgumentException("direction vector is zero");
        }
        return new double[] {v[0] / n, v[1] / n, v[2] / n};
    }

    /** NIfTI quaternion (b, c, d; a ≥ 0 implied) and qfac for a rotation or rotation-with-reflection. */
    record Quaternion(double b, double c, double d, double qfac) {

        /** As nifti1_io.c {@code nifti_mat44_to_quatern}; {@code r[row][col]}, columns are axis directions. */
        static Quaternion fromRotation(double[][] m) {
            double[][] r = {m[0].clone(), m[1].clone(), m[2].clone()};
            double det = r[0][0] * (r[1][1] * r[2][2] - r[1][2] * r[2][1])
                    - r[0][1] * (r[1][0] * r[2][2] - r[1][2] * r[2][0])
                    + r[0][2] * (r[1][0] * r[2][1] - r[1][1] * r[2][0]);
            double qfac = 1;
            if (det < 0) { // left-handed: NIfTI stores the reflection in qfac and a proper rotation
                qfac = -1;
                for (int row = 0; row < 3; row++) {
                    r[row][2] = -r[row][2];
                }
            }
            double a = r[0][0] + r[1][1] + r[2][2] + 1;
            double b;
            double c;
            double d;
            if (a > 0.5) {
                a = 0.5 * Math.sqrt(a);
                b = 0.25 * (r[2][1] - r[1][2]) / a;
                c = 0.25 * (r[0][2] - r[2][0]) / a;
                d = 0.25 * (r[1][0] - r[0][1]) / a;
            } else {
                double xd = 1 + r[0][0] - (r[1][1] + r[2][2]);
                double yd = 1 + r[1][1] - (r[0][0] + r[2][2]);
                double zd = 1 + r[2][2] - (r[0][0] + r[1][1]);
                if (xd > 1) {
                    b = 0.5 * Math.sqrt(xd);
                    c = 0.25 * (r[0][1] + r[1][0]) / b;
                    d = 0.25 * (r[0][2] + r[2][0]) / b;
                    a = 0.25 * (r[2][1] - r[1][2]) / b;
                } else if (yd > 1) {
                    c = 0.5 * Math.sqrt(yd);
                    b = 0.25 * (r[0][1] + r[1][0]) / c;
                    d = 0.25 * (r[1][2] + r[2][1]) / c;
                    a = 0.25 * (r[0][2] - r[2][0]) / c;
                } else {
                    d = 0.5 * Math.sqrt(zd);
                    b = 0.25 * (r[0][2] + r[2][0]) / d;
                    c = 0.25 * (r[1][2] + r[2][1]) / d;
                    a = 0.25 * (r[1][0] - r[0][1]) / d;
                }
                if (a < 0) {
                    b = -b;
                    c = -c;
                    d = -d;
                }
            }
            return new Quaternion(b, c, d, qfac);
        }

        /** Rotation matrix (with qfac applied to the third column), as nifti_quatern_to_mat44. */
        double[][] toMatrix() {
            double a = Math.sqrt(Math.max(0, 1 - (b * b + c * c + d * d)));
            double[][] r = {
                    {a * a + b * b - c * c - d * d, 2 * (b * c - a * d), 2 * (b * d + a * c)},
                    {2 * (b * c + a * d), a * a + c * c - b * b - d * d, 2 * (c * d - a * b)},
                    {2 * (b * d - a * c), 2 * (c * d + a * b), a * a + d * d - c * c - b * b}};
            for (int row = 0; row < 3; row++) {
                r[row][2] *= qfac;
            }
            return r;
        }
    }
}
