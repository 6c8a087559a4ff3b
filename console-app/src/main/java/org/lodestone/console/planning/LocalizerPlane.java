package org.lodestone.console.planning;

import java.util.Optional;

/**
 * One localizer image in patient space: its pixel grid ({@code width × height} pixels of {@code pixelXMm ×
 * pixelYMm}), the patient point at the centre of voxel (width/2, height/2), and the directions of increasing
 * x (right on screen) and y (down on screen). Image coordinates are continuous: pixel (i, j) covers
 * [i, i+1) × [j, j+1), so voxel (i, j)'s centre is (i + 0.5, j + 0.5).
 */
public record LocalizerPlane(int width, int height, double pixelXMm, double pixelYMm, Vec3 centre, Vec3 right, Vec3 down) {

    public LocalizerPlane {
        right = right.unit();
        down = down.unit();
    }

    public Vec3 normal() {
        return right.cross(down).unit();
    }

    /** Patient point at image coordinates (x, y). */
    public Vec3 toPatient(double x, double y) {
        return centre.plus(right.times((x - 0.5 - width / 2) * pixelXMm)).plus(down.times((y - 0.5 - height / 2) * pixelYMm));
    }

    /** Image coordinates of the projection of patient point {@code p} onto this plane. */
    public double[] toImage(Vec3 p) {
        Vec3 d = p.minus(centre);
        return new double[] {d.dot(right) / pixelXMm + width / 2 + 0.5, d.dot(down) / pixelYMm + height / 2 + 0.5};
    }

    /** A patient-space displacement for a drag of (dx, dy) image pixels. */
    public Vec3 displacement(double dx, double dy) {
        return right.times(dx * pixelXMm).plus(down.times(dy * pixelYMm));
    }

    /**
     * Where slice {@code i} of {@code plan} cuts this plane, as image coordinates {x0, y0, x1, y1}, clipped to
     * the slice's field of view; empty when the slice is parallel to this plane or its field of view misses it.
     */
    public Optional<double[]> intersection(SlicePlan plan, int i) {
        Vec3 n = plan.normal(), m = normal(), q = plan.sliceCentre(i);
        Vec3 d = n.cross(m);
        if (d.norm() < 1e-6) return Optional.empty();
        d = d.unit();
        double h1 = n.dot(q), h2 = m.dot(centre), k = n.dot(m);
        Vec3 x0 = n.times((h1 - h2 * k) / (1 - k * k)).plus(m.times((h2 - h1 * k) / (1 - k * k)));
        double half = plan.fovMm() / 2;
        double[] t = {Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY};
        for (Vec3 axis : new Vec3[] {plan.read(), plan.phase()}) {
            double a = axis.dot(x0.minus(q)), b = axis.dot(d);
            if (Math.abs(b) < 1e-12) {
                if (Math.abs(a) > half) return Optional.empty();
                continue;
            }
            double t1 = (-half - a) / b, t2 = (half - a) / b;
            t[0] = Math.max(t[0], Math.min(t1, t2));
            t[1] = Math.min(t[1], Math.max(t1, t2));
        }
        if (t[0] >= t[1]) return Optional.empty();
        double[] a = toImage(x0.plus(d.times(t[0]))), b = toImage(x0.plus(d.times(t[1])));
        return Optional.of(new double[] {a[0], a[1], b[0], b[1]});
    }

    /** The four corners of the plan's centre field of view projected onto this plane: {x0, y0, …, x3, y3}. */
    public double[] fieldOfViewOutline(SlicePlan plan) {
        double h = plan.fovMm() / 2;
        Vec3 r = plan.read().times(h), p = plan.phase().times(h), c = plan.centre();
        Vec3[] corners = {c.minus(r).minus(p), c.plus(r).minus(p), c.plus(r).plus(p), c.minus(r).plus(p)};
        double[] out = new double[8];
        for (int i = 0; i < 4; i++) {
            double[] xy = toImage(corners[i]);
            out[2 * i] = xy[0];
            out[2 * i + 1] = xy[1];
        }
        return out;
    }

    /**
     * The direction (unit, patient space) along which the plan's slices cross this plane, or empty when the plan
     * is parallel to it.
     */
    public Optional<Vec3> lineDirection(SlicePlan plan) {
        Vec3 d = plan.normal().cross(normal());
        return d.norm() < 1e-6 ? Optional.empty() : Optional.of(d.unit());
    }

    /** The plan turned in this plane by {@code radians} (positive: from right toward down, clockwise on screen). */
    public SlicePlan rotatedInPlane(SlicePlan plan, double radians) {
        return plan.rotatedAbout(normal(), radians);
    }
}
