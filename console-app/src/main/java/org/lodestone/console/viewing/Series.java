package org.lodestone.console.viewing;

import org.lodestone.recon.image.ImageVolume;
import org.lodestone.recon.image.NiftiReader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** One series to view: a scan's output folder, the title it is listed under and its images (images.nii). */
public record Series(Path folder, String title, ImageVolume volume) {

    /** @throws IOException with a sentence naming what is missing or unreadable (the folder is the caller's to show or not) */
    public static Series open(Path folder, String title) throws IOException {
        Path nii = folder.resolve("images.nii");
        if (!Files.isRegularFile(nii)) throw new IOException("the scan has no images (images.nii is missing)");
        return new Series(folder, title, NiftiReader.read(nii));
    }

    /** A volume is a 3D series (MPR and MIP make sense) when it has several slices of about its in-plane pixel size. */
    public boolean isVolume() {
        return volume.nz() >= 8 && volume.dzMm() <= 2.5 * Math.max(volume.dxMm(), volume.dyMm());
    }

    @Override
    public String toString() {
        return title;
    }
}
