package org.lodestone.twin.truth;

import org.lodestone.recon.image.ImageVolume;
import org.lodestone.recon.image.NiftiWriter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes truth.nii with the reconstruction module's NIfTI writer, so truth and images share one format. */
public final class ReconNiftiWriter implements VolumeWriter {
    @Override
    public void write(Path file, TruthVolume v) throws IOException {
        ImageVolume iv = new ImageVolume(v.nx(), v.ny(), v.nz(), v.data(), v.dxMm(), v.dyMm(), v.dzMm(),
                v.positionLps(), v.readDir(), v.phaseDir(), v.sliceDir());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp.nii");
        NiftiWriter.write(tmp, iv);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
