package org.lodestone.console.planning;

import org.lodestone.console.viewing.SliceImage;
import org.lodestone.recon.image.ImageVolume;
import org.lodestone.recon.image.NiftiReader;
import org.lodestone.recon.image.PixelDirections;
import org.lodestone.recon.mrd.Acquisition;
import org.lodestone.recon.mrd.MrdStreamReader;
import org.lodestone.seq.geometry.SliceOrientation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A localizer scan's planes: the images of images.nii and, for each slice, its own centre and directions from
 * the raw data's acquisition headers (one NIfTI affine cannot hold three planes), turned into the directions the
 * pixels run with the reconstruction's own rule ({@link PixelDirections}). Without raw.mrd the
 * localizer protocol's fixed planes through the isocentre are assumed.
 */
public final class LocalizerImages {
    private LocalizerImages() {
    }

    /** One plane: its image and where it lies. */
    public record View(SliceImage image, LocalizerPlane plane) {
    }

    public static List<View> read(Path scanDir) throws IOException {
        Path nii = scanDir.resolve("images.nii");
        if (!Files.isRegularFile(nii)) throw new IOException("no images.nii in " + scanDir);
        ImageVolume v = NiftiReader.read(nii);
        LocalizerPlane[] planes = new LocalizerPlane[v.nz()];
        Path raw = scanDir.resolve("raw.mrd");
        if (Files.isRegularFile(raw)) {
            for (Acquisition a : MrdStreamReader.read(raw).acquisitions()) {
                int s = a.header().idx().slice();
                if (s >= 0 && s < planes.length && planes[s] == null) {
                    planes[s] = new LocalizerPlane(v.nx(), v.ny(), v.dxMm(), v.dyMm(), Vec3.of(a.header().position()),
                            Vec3.of(PixelDirections.ofEncodedAxis(a.header().readDir())),
                            Vec3.of(PixelDirections.ofEncodedAxis(a.header().phaseDir())));
                }
            }
        }
        SliceOrientation[] fixed = {SliceOrientation.AXIAL, SliceOrientation.CORONAL, SliceOrientation.SAGITTAL};
        List<View> views = new ArrayList<>();
        for (int z = 0; z < v.nz(); z++) {
            LocalizerPlane p = planes[z];
            if (p == null) {
                SliceOrientation o = fixed[z % 3];
                p = new LocalizerPlane(v.nx(), v.ny(), v.dxMm(), v.dyMm(), Vec3.ZERO,
                        Vec3.of(PixelDirections.ofEncodedAxis(o.read())), Vec3.of(PixelDirections.ofEncodedAxis(o.phase())));
            }
            views.add(new View(new SliceImage(v.nx(), v.ny(), v.slice(z), v.dxMm(), v.dyMm()), p));
        }
        return views;
    }
}
