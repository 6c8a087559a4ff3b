package org.lodestone.recon.image;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads single-file NIfTI-1 float32 volumes (either byte order) back into an {@link ImageVolume}.
 * Geometry comes from the sform if its code is set, else the qform, else identity; it is converted from
 * RAS to LPS. Intended for tests and comparison tools, not as a general NIfTI importer.
 */
public final class NiftiReader {

    private NiftiReader() {
    }

    public static ImageVolume read(Path path) throws IOException {
        byte[] bytes = Files.readAllBytes(path);
        if (bytes.length < Nifti1.HEADER_SIZE) {
            throw new IOException(path + " is not a NIfTI-1 file: only " + bytes.length + " bytes");
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (b.getInt(Nifti1.OFF_SIZEOF_HDR) != Nifti1.HEADER_SIZE) {
            b.order(ByteOrder.BIG_ENDIAN);
            if (b.getInt(Nifti1.OFF_SIZEOF_HDR) != Nifti1.HEADER_SIZE) {
                throw new IOException(path + " is not a NIfTI-1 file (sizeof_hdr is not 348)");
            }
        }
        byte[] magic = new byte[4];
        b.get(Nifti1.OFF_MAGIC, magic);
        if (magic[0] != 'n' || magic[1] != '+' || magic[2] != '1') {
            throw new IOException(path + " is not a single-file NIfTI-1 (.nii) image (magic is not n+1)");
        }
        short datatype = b.getShort(Nifti1.OFF_DATATYPE);
        if (datatype != Nifti1.DT_FLOAT32) {
            throw new IOException(path + " has NIfTI datatype " + datatype + "; only FLOAT32 (16) is supported");
        }
        int rank = b.getShort(Nifti1.OFF_DIM);
        int nx = b.getShort(Nifti1.OFF_DIM + 2);
        int ny = rank >= 2 ? b.getShort(Nifti1.OFF_DIM + 4) : 1;
        int nz = rank >= 3 ? b.getShort(Nifti1.OFF_DIM + 6) : 1;
        double qfac = b.getFloat(Nifti1.OFF_PIXDIM) < 0 ? -1 : 1;
        double[] spacing = {b.getFloat(Nifti1.OFF_PIXDIM + 4), b.getFloat(Nifti1.OFF_PIXDIM + 8),
                b.getFloat(Nifti1.OFF_PIXDIM + 12)};
        for (int i = 0; i < 3; i++) {
            spacing[i] = spacing[i] > 0 ? spacing[i] : 1;
        }
        int voxOffset = (int) b.getFloat(Nifti1.OFF_VOX_OFFSET);
        long voxels = (long) nx * ny * nz;
        if (voxOffset < Nifti1.HEADER_SIZE || voxOffset + 4 * voxels > bytes.length) {
            throw new IOException(path + " is truncated: needs " + (voxOffset + 4 * voxels) + " bytes, has "
                    + bytes.length);
        }
        float[] data = new float[(int) voxels];
        b.position(voxOffset);
        b.asFloatBuffer().get(data);
        float slope = b.getFloat(Nifti1.OFF_SCL_SLOPE);
        float inter = b.getFloat(Nifti1.OFF_SCL_INTER);
        if (slope != 0 && Float.isFinite(slope) && (slope != 1 || inter != 0)) {
            for (int i = 0; i < data.length; i++) {
                data[i] = data[i] * slope + inter;
            }
        }

        double[][] dirsRas = new double[3][];   // per axis
        double[] originRas;
        if (b.getShort(Nifti1.OFF_SFORM_CODE) > 0) {
            originRas = new double[3];
            for (int axis = 0; axis < 3; axis++) {
                dirsRas[axis] = new double[3];
            }
            for (int row = 0; row < 3; row++) {
                int off = Nifti1.OFF_SROW_X + 16 * row;
                for (int axis = 0; axis < 3; axis++) {
                    dirsRas[axis][row] = b.getFloat(off + 4 * axis);
                }
                originRas[row] = b.getFloat(off + 12);
            }
            for (int axis = 0; axis < 3; axis++) {
                dirsRas[axis] = NiftiWriter.unit(dirsRas[axis]);
            }
        } else if (b.getShort(Nifti1.OFF_QFORM_CODE) > 0) {
            var q = new NiftiWriter.Quaternion(b.getFloat(Nifti1.OFF_QUATERN_B), b.getFloat(Nifti1.OFF_QUATERN_B + 4),
                    b.getFloat(Nifti1.OFF_QUATERN_B + 8), qfac);
            double[][] r = q.toMatrix();
            for (int axis = 0; axis < 3; axis++) {
                dirsRas[axis] = new double[] {r[0][axis], r[1][axis], r[2][axis]};
            }
            originRas = new double[] {b.getFloat(Nifti1.OFF_QUATERN_B + 12), b.getFloat(Nifti1.OFF_QUATERN_B + 16),
                    b.getFloat(Nifti1.OFF_QUATERN_B + 20)};
        } else {
            dirsRas = new double[][] {{-1, 0, 0}, {0, -1, 0}, {0, 0, 1}}; // identity in LPS
            originRas = new double[3];
        }
        double[] read = NiftiWriter.ras(dirsRas[0]);
        double[] phase = NiftiWriter.ras(dirsRas[1]);
        double[] slice = NiftiWriter.ras(dirsRas[2]);
        double[] origin = NiftiWriter.ras(originRas);
        double ox = (nx / 2) * spacing[0];
        double oy = (ny / 2) * spacing[1];
        double[] centre = new double[3];
        for (int i = 0; i < 3; i++) {
            centre[i] = origin[i] + ox * read[i] + oy * phase[i];
        }
        return new ImageVolume(nx, ny, nz, data, spacing[0], spacing[1], spacing[2], centre, read, phase, slice);
    }
}
