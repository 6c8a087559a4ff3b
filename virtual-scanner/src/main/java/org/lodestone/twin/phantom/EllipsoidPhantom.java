package org.lodestone.twin.phantom;

import java.util.ArrayList;
import java.util.List;

/** A 3D phantom painted from ellipsoids (later ones overwrite earlier ones), each rotated about z. */
public final class EllipsoidPhantom extends LayeredPhantom<EllipsoidPhantom.Ellipsoid> {
    /** Centre and semi-axes in metres; rotation about z in degrees. */
    public record Ellipsoid(double cx, double cy, double cz, double a, double b, double c, double angleDeg, Tissue tissue)
            implements LayeredPhantom.Shape {
        @Override
        public double reachM() {
            return Math.max(Math.abs(cx), Math.max(Math.abs(cy), Math.abs(cz))) + Math.max(a, Math.max(b, c));
        }

        @Override
        public boolean contains(double x, double y, double z) {
            double t = Math.toRadians(angleDeg);
            double dx = x - cx, dy = y - cy, dz = z - cz;
            double u = dx * Math.cos(t) + dy * Math.sin(t);
            double v = -dx * Math.sin(t) + dy * Math.cos(t);
            return u * u / (a * a) + v * v / (b * b) + dz * dz / (c * c) <= 1.0;
        }
    }

    public EllipsoidPhantom(List<Ellipsoid> parts, String description) {
        super(parts, description);
    }

    /**
     * Head: the 2D head of {@link EllipsePhantom#head()} made into ellipsoids, so its z = 0 section
     * is exactly that phantom; 135 (x) × 180 (y) × 150 (z) mm, six tissues.
     */
    public static EllipsoidPhantom head() {
        double s = 0.090 / 0.92;
        List<Ellipsoid> e = new ArrayList<>();
        e.add(new Ellipsoid(0, 0, 0, 0.69 * s, 0.92 * s, 0.075, 0, Tissue.FAT));
        e.add(new Ellipsoid(0, -0.0184 * s, 0, 0.6624 * s, 0.874 * s, 0.071, 0, Tissue.GREY_MATTER));
        e.add(new Ellipsoid(0, -0.0184 * s, 0, 0.58 * s, 0.79 * s, 0.062, 0, Tissue.WHITE_MATTER));
        e.add(new Ellipsoid(0.22 * s, 0, 0, 0.11 * s, 0.31 * s, 0.025, -18, Tissue.CSF));
        e.add(new Ellipsoid(-0.22 * s, 0, 0, 0.16 * s, 0.41 * s, 0.030, 18, Tissue.CSF));
        e.add(new Ellipsoid(0, 0.35 * s, 0, 0.21 * s, 0.25 * s, 0.035, 0, Tissue.GREY_MATTER));
        e.add(new Ellipsoid(0, 0.1 * s, 0, 0.046 * s, 0.046 * s, 0.006, 0, Tissue.LESION));
        e.add(new Ellipsoid(0, -0.1 * s, 0, 0.046 * s, 0.046 * s, 0.006, 0, Tissue.LESION));
        e.add(new Ellipsoid(-0.08 * s, -0.605 * s, 0, 0.046 * s, 0.023 * s, 0.008, 0, Tissue.LESION));
        e.add(new Ellipsoid(0, -0.606 * s, 0, 0.023 * s, 0.023 * s, 0.010, 0, Tissue.CSF));
        e.add(new Ellipsoid(0.06 * s, -0.605 * s, 0, 0.023 * s, 0.046 * s, 0.012, 0, Tissue.MUSCLE));
        // a lesion off the central plane, for 3D and multi-slice work
        e.add(new Ellipsoid(0.02, 0.03, 0.03, 0.008, 0.008, 0.008, 0, Tissue.LESION));
        return new EllipsoidPhantom(e, "3D head: ellipsoids on the Shepp-Logan geometry, 135 x 180 x 150 mm, 6 tissues");
    }

    /** Uniform sphere of doped water, for SNR and uniformity. */
    public static EllipsoidPhantom uniform(double radiusM) {
        return new EllipsoidPhantom(List.of(new Ellipsoid(0, 0, 0, radiusM, radiusM, radiusM, 0, Tissue.DOPED_WATER)),
                "uniform sphere r=" + radiusM * 1e3 + " mm of doped water");
    }
}
