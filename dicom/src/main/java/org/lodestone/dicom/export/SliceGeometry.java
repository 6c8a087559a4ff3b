package org.lodestone.dicom.export;

import org.lodestone.recon.image.ImageVolume;

/**
 * DICOM Image Plane values for one slice of an {@link ImageVolume}. The volume's position is the centre voxel
 * (nx/2, ny/2) of its first slice; DICOM's Image Position is the centre of the first transmitted pixel (0, 0).
 * Rows follow the phase direction, columns the read direction, so Image Orientation is (read, phase).
 */
public record SliceGeometry(double[] imagePosition, double[] imageOrientation, double rowSpacingMm,
                            double columnSpacingMm, double sliceLocationMm) {

    public static SliceGeometry of(ImageVolume v, int z) {
        double[] c = v.positionLps();
        double[] r = v.readDir();
        double[] p = v.phaseDir();
        double[] s = v.sliceDir();
        double[] pos = new double[3];
        for (int i = 0; i < 3; i++) {
            pos[i] = c[i] - (v.nx() / 2) * v.dxMm() * r[i] - (v.ny() / 2) * v.dyMm() * p[i] + z * v.dzMm() * s[i];
        }
        double[] normal = cross(r, p);
        double location = pos[0] * normal[0] + pos[1] * normal[1] + pos[2] * normal[2];
        return new SliceGeometry(pos, new double[] {r[0], r[1], r[2], p[0], p[1], p[2]}, v.dyMm(), v.dxMm(), location);
    }

    static double[] cross(double[] a, double[] b) {
        return new double[] {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
    }

    @Override public double[] imagePosition() { return imagePosition.clone(); }
    @Override public double[] imageOrientation() { return imageOrientation.clone(); }
}
