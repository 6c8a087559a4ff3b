package org.lodestone.twin.phantom;

import java.util.ArrayList;
import java.util.List;

/**
 * A 2D phantom painted from ellipses in the x–y plane and extruded along z: later ellipses
 * overwrite earlier ones.
 */
public final class EllipsePhantom extends LayeredPhantom<EllipsePhantom.Ellipse> {
    /** Centre (cu, cv), semi-axes (a along u, b along v) in metres, rotation in degrees. */
    public record Ellipse(double cu, double cv, double a, double b, double angleDeg, Tissue tissue) implements LayeredPhantom.Shape {
        @Override
        public boolean contains(double x, double y, double z) {
            return contains(x, y);
        }

        @Override
        public double reachM() {
            return Math.max(Math.abs(cu), Math.abs(cv)) + Math.max(a, b);
        }

        boolean contains(double u, double v) {
            double t = Math.toRadians(angleDeg);
            double du = u - cu;
            double dv = v - cv;
            double x = du * Math.cos(t) + dv * Math.sin(t);
            double y = -du * Math.sin(t) + dv * Math.cos(t);
            return (x * x) / (a * a) + (y * y) / (b * b) <= 1.0;
        }
    }

    public EllipsePhantom(List<Ellipse> ellipses, String description) {
        super(requireSome(ellipses), description);
    }

    private static List<Ellipse> requireSome(List<Ellipse> ellipses) {
        if (ellipses.isEmpty()) throw new IllegalArgumentException("no ellipses");
        return ellipses;
    }

    /** The tissue at (u, v) of the plane. */
    public Tissue tissueAt(double u, double v) {
        return tissueAt(u, v, 0);
    }

    /**
     * Head-like phantom on the Shepp–Logan geometry, 180 mm along v and 135 mm along u:
     * scalp/fat ring, grey-matter cortex, white matter, CSF ventricles, lesions, a muscle patch.
     */
    public static EllipsePhantom head() {
        double s = 0.090 / 0.92; // Shepp–Logan units → metres (outer ellipse 180 mm tall)
        List<Ellipse> e = new ArrayList<>();
        e.add(new Ellipse(0, 0, 0.69 * s, 0.92 * s, 0, Tissue.FAT));
        e.add(new Ellipse(0, -0.0184 * s, 0.6624 * s, 0.874 * s, 0, Tissue.GREY_MATTER));
        e.add(new Ellipse(0, -0.0184 * s, 0.58 * s, 0.79 * s, 0, Tissue.WHITE_MATTER));
        e.add(new Ellipse(0.22 * s, 0, 0.11 * s, 0.31 * s, -18, Tissue.CSF));
        e.add(new Ellipse(-0.22 * s, 0, 0.16 * s, 0.41 * s, 18, Tissue.CSF));
        e.add(new Ellipse(0, 0.35 * s, 0.21 * s, 0.25 * s, 0, Tissue.GREY_MATTER));
        e.add(new Ellipse(0, 0.1 * s, 0.046 * s, 0.046 * s, 0, Tissue.LESION));
        e.add(new Ellipse(0, -0.1 * s, 0.046 * s, 0.046 * s, 0, Tissue.LESION));
        e.add(new Ellipse(-0.08 * s, -0.605 * s, 0.046 * s, 0.023 * s, 0, Tissue.LESION));
        e.add(new Ellipse(0, -0.606 * s, 0.023 * s, 0.023 * s, 0, Tissue.CSF));
        e.add(new Ellipse(0.06 * s, -0.605 * s, 0.023 * s, 0.046 * s, 0, Tissue.MUSCLE));
        return new EllipsePhantom(e, "head-like Shepp-Logan geometry, 135 x 180 mm, 6 tissues");
    }

    /** A uniform disc of one tissue, for tests. */
    public static EllipsePhantom disc(double radiusM, Tissue tissue) {
        return new EllipsePhantom(List.of(new Ellipse(0, 0, radiusM, radiusM, 0, tissue)),
                "uniform disc r=" + radiusM * 1e3 + " mm of " + tissue.name());
    }
}
