package org.lodestone.console.planning;

import java.util.Optional;

/**
 * What a drag on a localizer plane does to a plan (all positions in that plane's image coordinates): the body
 * moves the group; the rotate handle at one end of the centre slice turns it in this plane (oblique; turning it
 * again on another plane makes it double oblique); the handle at the other end sets the field of view; the one
 * across the slab sets the slab's thickness.
 */
public final class PlanGestures {
    private PlanGestures() {
    }

    /** Image positions of the handles on one plane; empty when the plan is parallel to the plane (move only). */
    public record Handles(double[] centre, double[] rotate, double[] fov, double[] slab) {
    }

    public static Optional<Handles> handles(SlicePlan plan, LocalizerPlane plane) {
        Optional<Vec3> line = plane.lineDirection(plan);
        if (line.isEmpty()) return Optional.empty();
        Vec3 d = line.get(), c = anchor(plan, plane);
        Vec3 across = plane.normal().cross(d).unit(); // in the plane, perpendicular to the slice line
        if (across.dot(plan.normal()) < 0) across = across.times(-1);
        double slabOffset = plan.slabThicknessMm() / 2 / Math.max(across.dot(plan.normal()), 1e-3);
        return Optional.of(new Handles(plane.toImage(c), plane.toImage(c.plus(d.times(plan.fovMm() / 2))),
                plane.toImage(c.minus(d.times(plan.fovMm() / 2))), plane.toImage(c.plus(across.times(slabOffset)))));
    }

    /**
     * Where the handles sit on a plane: the point of the centre slice's line on this plane nearest to the plan's
     * centre (the centre itself when it lies in the plane), so they stay on the line drawn.
     */
    static Vec3 anchor(SlicePlan plan, LocalizerPlane plane) {
        Vec3 m = plane.normal(), n = plan.normal(), c = plan.centre();
        Vec3 projected = c.minus(m.times(c.minus(plane.centre()).dot(m)));
        Optional<Vec3> line = plane.lineDirection(plan);
        if (line.isEmpty()) return projected;
        Vec3 across = m.cross(line.get()).unit();
        double along = n.dot(across);
        if (Math.abs(along) < 1e-6) return projected;
        return projected.plus(across.times(n.dot(c.minus(projected)) / along));
    }

    /** The group moved by a drag of (dx, dy) image pixels. */
    public static SlicePlan move(SlicePlan plan, LocalizerPlane plane, double dx, double dy) {
        return plan.movedBy(plane.displacement(dx, dy));
    }

    /** The group turned by the angle the pointer swept about its centre from (x0, y0) to (x1, y1). */
    public static SlicePlan rotate(SlicePlan plan, LocalizerPlane plane, double x0, double y0, double x1, double y1) {
        Vec3 pivot = anchor(plan, plane);
        double swept = angle(plane, pivot, x1, y1) - angle(plane, pivot, x0, y0);
        return plane.rotatedInPlane(plan, swept);
    }

    private static double angle(LocalizerPlane plane, Vec3 pivot, double x, double y) {
        Vec3 v = plane.toPatient(x, y).minus(pivot);
        return Math.atan2(v.dot(plane.down()), v.dot(plane.right()));
    }

    /** Field of view twice the pointer's distance from the centre along the slice line (at least 10 mm). */
    public static SlicePlan resizeFov(SlicePlan plan, LocalizerPlane plane, double x, double y) {
        Optional<Vec3> d = plane.lineDirection(plan);
        if (d.isEmpty()) return plan;
        double half = Math.abs(plane.toPatient(x, y).minus(anchor(plan, plane)).dot(d.get()));
        return plan.withFov(Math.max(10, 2 * half));
    }

    /** Slab twice the pointer's distance from the centre along the slice direction. */
    public static SlicePlan resizeSlab(SlicePlan plan, LocalizerPlane plane, double x, double y) {
        double half = Math.abs(plane.toPatient(x, y).minus(anchor(plan, plane)).dot(plan.normal()));
        return plan.withSlab(2 * half);
    }
}
