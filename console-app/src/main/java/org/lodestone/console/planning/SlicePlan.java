package org.lodestone.console.planning;

import org.lodestone.seq.geometry.SliceOrientation;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A planned slice group: its centre (LPS, mm), orientation as the protocols define it (base plane 0 axial,
 * 1 coronal, 2 sagittal, tilted about read then about phase: {@link SliceOrientation#oblique}), square field
 * of view, slice thickness, slice count and gap. The slab is the slices and their gaps.
 */
public record SlicePlan(Vec3 centre, int basePlane, double tiltReadDeg, double tiltPhaseDeg, double fovMm,
                        double sliceThicknessMm, int sliceCount, double gapMm) {
    public static final double MAX_TILT_DEG = 90;

    public SlicePlan {
        if (basePlane < 0 || basePlane > 2) throw new IllegalArgumentException("base plane " + basePlane + " (0 axial, 1 coronal, 2 sagittal)");
        if (!(fovMm > 0 && sliceThicknessMm > 0 && gapMm >= 0) || sliceCount < 1) {
            throw new IllegalArgumentException("field of view, thickness and count must be positive and the gap not negative");
        }
        if (Math.abs(tiltReadDeg) > MAX_TILT_DEG || Math.abs(tiltPhaseDeg) > MAX_TILT_DEG) {
            throw new IllegalArgumentException("tilts are limited to ±" + MAX_TILT_DEG + "°");
        }
    }

    /** One axial slice through the isocentre with the given field of view and thickness. */
    public static SlicePlan axial(double fovMm, double thicknessMm) {
        return new SlicePlan(Vec3.ZERO, 0, 0, 0, fovMm, thicknessMm, 1, 0);
    }

    public SliceOrientation orientation() {
        return SliceOrientation.oblique(basePlane, tiltReadDeg, tiltPhaseDeg);
    }

    public Vec3 read() {
        return Vec3.of(orientation().read());
    }

    public Vec3 phase() {
        return Vec3.of(orientation().phase());
    }

    public Vec3 normal() {
        return Vec3.of(orientation().slice());
    }

    public double slabThicknessMm() {
        return sliceCount * sliceThicknessMm + (sliceCount - 1) * gapMm;
    }

    /** Centre of slice {@code i} (0 = the one furthest against the slice direction). */
    public Vec3 sliceCentre(int i) {
        return centre.plus(normal().times((i - (sliceCount - 1) / 2.0) * (sliceThicknessMm + gapMm)));
    }

    public SlicePlan movedBy(Vec3 delta) {
        return new SlicePlan(centre.plus(delta), basePlane, tiltReadDeg, tiltPhaseDeg, fovMm, sliceThicknessMm, sliceCount, gapMm);
    }

    public SlicePlan withFov(double mm) {
        return new SlicePlan(centre, basePlane, tiltReadDeg, tiltPhaseDeg, mm, sliceThicknessMm, sliceCount, gapMm);
    }

    public SlicePlan withSlices(int count, double gap) {
        return new SlicePlan(centre, basePlane, tiltReadDeg, tiltPhaseDeg, fovMm, sliceThicknessMm, count, gap);
    }

    /** The slab resized to {@code slabMm} by changing the slice thickness (count and gap kept; at least 0.5 mm). */
    public SlicePlan withSlab(double slabMm) {
        double t = Math.max(0.5, (slabMm - (sliceCount - 1) * gapMm) / sliceCount);
        return new SlicePlan(centre, basePlane, tiltReadDeg, tiltPhaseDeg, fovMm, t, sliceCount, gapMm);
    }

    /** The group turned by {@code radians} about the unit {@code axis} through its centre. */
    public SlicePlan rotatedAbout(Vec3 axis, double radians) {
        return withNormal(normal().rotatedAbout(axis, radians));
    }

    /**
     * The group with slice direction {@code n}: the base plane whose slice axis is nearest to it, and the tilts that
     * turn that axis onto {@code n} (the inverse of {@link SliceOrientation#oblique}: sin(tilt_phase) = n·read₀,
     * tan(tilt_read) = −n·phase₀ / n·slice₀).
     */
    public SlicePlan withNormal(Vec3 n) {
        Vec3 u = n.unit();
        int base = 0;
        double best = -1;
        for (int b = 0; b < 3; b++) {
            double along = Math.abs(u.dot(Vec3.of(SliceOrientation.plane(b).slice())));
            if (along > best + 1e-12) {
                best = along;
                base = b;
            }
        }
        SliceOrientation o = SliceOrientation.plane(base);
        Vec3 s0 = Vec3.of(o.slice());
        if (u.dot(s0) < 0) u = u.times(-1); // a slice has no front: keep the normal on the base axis' side
        double tiltPhase = Math.toDegrees(Math.asin(Math.clamp(u.dot(Vec3.of(o.read())), -1, 1)));
        double tiltRead = Math.toDegrees(Math.atan2(-u.dot(Vec3.of(o.phase())), u.dot(s0)));
        return new SlicePlan(centre, base, tiltRead, tiltPhase, fovMm, sliceThicknessMm, sliceCount, gapMm);
    }

    /**
     * The protocol parameters this plan sets, limited to the names a protocol has: orientation, tilt_read,
     * tilt_phase, fov, slice_thickness, slices, slice_gap, slice_position (the centre along the slice direction) and
     * offset_read, offset_phase (the rest of the centre, the plan's centre minus its projection on the slice normal,
     * along the protocol's read and phase directions).
     */
    public Map<String, Double> toParameters(Collection<String> parameterNames) {
        Map<String, Double> all = new LinkedHashMap<>();
        all.put("orientation", (double) basePlane);
        all.put("tilt_read", tiltReadDeg);
        all.put("tilt_phase", tiltPhaseDeg);
        all.put("fov", fovMm);
        all.put("slice_thickness", sliceThicknessMm);
        all.put("slices", (double) sliceCount);
        all.put("slice_gap", gapMm);
        all.put("slice_position", centre.dot(normal()));
        all.put("offset_read", centre.dot(read()));
        all.put("offset_phase", centre.dot(phase()));
        all.keySet().retainAll(parameterNames);
        return all;
    }

    /** The plan a protocol's parameters describe (missing ones take the protocols' defaults). */
    public static SlicePlan fromParameters(Map<String, Double> p) {
        int base = (int) Math.round(p.getOrDefault("orientation", 0.0));
        double tr = p.getOrDefault("tilt_read", 0.0), tp = p.getOrDefault("tilt_phase", 0.0);
        SliceOrientation o = SliceOrientation.oblique(base, tr, tp);
        Vec3 centre = Vec3.of(o.slice()).times(p.getOrDefault("slice_position", 0.0))
                .plus(Vec3.of(o.read()).times(p.getOrDefault("offset_read", 0.0)))
                .plus(Vec3.of(o.phase()).times(p.getOrDefault("offset_phase", 0.0)));
        return new SlicePlan(centre, base, tr, tp, p.getOrDefault("fov", 200.0),
                p.getOrDefault("slice_thickness", 5.0), (int) Math.round(p.getOrDefault("slices", 1.0)),
                p.getOrDefault("slice_gap", 0.0));
    }
}
