package org.lodestone.twin.truth;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Fallback single-file NIfTI-1 (.nii) writer (the default is {@link ReconNiftiWriter}): float32, little-endian, sform and qform from the
 * volume's LPS geometry converted to NIfTI's RAS. Written to a temporary file and moved into
 * place so a reader never sees half a file.
 */
public final class Nifti1Writer implements VolumeWriter {
    @Override
    public void write(Path file, TruthVolume v) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(352 + 4 * v.data().length).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0, 348);
        b.putShort(40, (short) 3);
        b.putShort(42, (short) v.nx());
        b.putShort(44, (short) v.ny());
        b.putShort(46, (short) v.nz());
        for (int i = 48; i <= 54; i += 2) b.putShort(i, (short) 1);
        b.putShort(70, (short) 16); // DT_FLOAT32
        b.putShort(72, (short) 32);
        b.putFloat(76, 1f); // qfac
        b.putFloat(80, (float) v.dxMm());
        b.putFloat(84, (float) v.dyMm());
        b.putFloat(88, (float) v.dzMm());
        b.putFloat(108, 352f); // vox_offset
        b.putFloat(112, 1f); // scl_slope
        b.put(123, (byte) 2); // xyzt_units: mm
        byte[] descr = "lodestone virtual scanner truth".getBytes(StandardCharsets.US_ASCII);
        b.put(148, descr);
        b.putShort(252, (short) 0); // qform_code: unknown (the sform carries the geometry)
        b.putShort(254, (short) 1); // sform_code: scanner
        // RAS = diag(-1,-1,1) · LPS
        double[][] cols = {v.readDir(), v.phaseDir(), v.sliceDir()};
        double[] sp = {v.dxMm(), v.dyMm(), v.dzMm()};
        double[] sign = {-1, -1, 1};
        for (int row = 0; row < 3; row++) {
            for (int c = 0; c < 3; c++) b.putFloat(280 + 16 * row + 4 * c, (float) (sign[row] * cols[c][row] * sp[c]));
            double origin = v.positionLps()[row] - (v.nx() / 2) * sp[0] * cols[0][row] - (v.ny() / 2) * sp[1] * cols[1][row];
            b.putFloat(280 + 16 * row + 12, (float) (sign[row] * origin));
        }
        b.put(344, "n+1\0".getBytes(StandardCharsets.US_ASCII));
        b.position(352);
        for (float f : v.data()) b.putFloat(f);
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(tmp, b.array());
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
