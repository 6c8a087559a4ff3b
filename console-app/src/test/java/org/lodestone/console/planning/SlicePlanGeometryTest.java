package org.lodestone.console.planning;

import org.junit.jupiter.api.Test;
import org.lodestone.seq.geometry.SliceOrientation;
import org.lodestone.seq.protocol.ParameterSpec;
import org.lodestone.seq.protocol.ProtocolLibrary;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Slice planning geometry against hand-worked values and the protocols' own definition of orientation. */
class SlicePlanGeometryTest {
    /** The coronal localizer plane: 100 × 100 pixels of 2 mm, x along L, y along S. */
    private static final LocalizerPlane CORONAL = new LocalizerPlane(100, 100, 2, 2, Vec3.ZERO, new Vec3(1, 0, 0), new Vec3(0, 0, 1));

    @Test
    void aDragOfNPixelsMovesTheCentreByNTimesThePixelSpacing() {
        SlicePlan plan = SlicePlan.axial(200, 5);
        SlicePlan moved = PlanGestures.move(plan, CORONAL, 7, -3);
        assertThat(moved.centre().x()).isCloseTo(14, within(1e-12));
        assertThat(moved.centre().z()).isCloseTo(-6, within(1e-12));
        assertThat(moved.centre().y()).isCloseTo(0, within(1e-12));
        assertThat(moved.toParameters(List.of("slice_position")).get("slice_position")).isCloseTo(-6, within(1e-12));
    }

    @Test
    void turningTheRotateHandleTiltsTheSlicesByTheAngleSwept() {
        SlicePlan plan = SlicePlan.axial(200, 5);
        // the rotate handle of an axial slab on the coronal plane lies on the slice line, 100 mm from the centre
        PlanGestures.Handles h = PlanGestures.handles(plan, CORONAL).orElseThrow();
        assertThat(h.centre()).containsExactly(50.5, 50.5);
        assertThat(Math.abs(h.rotate()[0] - 50.5)).isCloseTo(50, within(1e-9));
        double r = 50, a = Math.toRadians(20);
        double sign = Math.signum(h.rotate()[0] - 50.5);
        SlicePlan turned = PlanGestures.rotate(plan, CORONAL, h.rotate()[0], h.rotate()[1],
                50.5 + sign * r * Math.cos(a), 50.5 + sign * r * Math.sin(a));
        // 20° about the coronal plane's normal (A–P axis): an axial slice leaning toward L/R, i.e. tilt about phase
        assertThat(turned.basePlane()).isZero();
        assertThat(Math.abs(turned.tiltPhaseDeg())).isCloseTo(20, within(1e-9));
        assertThat(turned.tiltReadDeg()).isCloseTo(0, within(1e-9));
        assertThat(Math.toDegrees(Math.acos(turned.normal().dot(new Vec3(0, 0, 1))))).isCloseTo(20, within(1e-9));
        // then 10° on the sagittal plane (y along P, down along S): double oblique
        LocalizerPlane sagittal = new LocalizerPlane(100, 100, 2, 2, Vec3.ZERO, new Vec3(0, 1, 0), new Vec3(0, 0, 1));
        SlicePlan twice = sagittal.rotatedInPlane(turned, Math.toRadians(10));
        assertThat(Math.abs(twice.tiltReadDeg())).isGreaterThan(5);
        assertThat(Math.abs(twice.tiltPhaseDeg())).isGreaterThan(5);
    }

    @Test
    void tiltsFromANormalInvertTheProtocolsOrientation() {
        for (int base = 0; base < 3; base++) {
            for (double[] t : new double[][] {{0, 0}, {15, 0}, {0, -25}, {20, 30}, {-35, 10}}) {
                Vec3 n = Vec3.of(SliceOrientation.oblique(base, t[0], t[1]).slice());
                SlicePlan p = SlicePlan.axial(200, 5).withNormal(n);
                assertThat(p.basePlane()).as("base of %s", n).isEqualTo(base);
                assertThat(p.tiltReadDeg()).isCloseTo(t[0], within(1e-9));
                assertThat(p.tiltPhaseDeg()).isCloseTo(t[1], within(1e-9));
            }
        }
    }

    @Test
    void parametersRoundTripThroughTheProtocolsNames() {
        SlicePlan plan = new SlicePlan(new Vec3(0, 0, 0), 1, 12, -7, 220, 4, 9, 1).withNormal(
                Vec3.of(SliceOrientation.oblique(1, 12, -7).slice())).movedBy(Vec3.of(SliceOrientation.oblique(1, 12, -7).slice()).times(33));
        List<String> se2d = ProtocolLibrary.find("se2d").orElseThrow().parameters().stream().map(ParameterSpec::name).toList();
        Map<String, Double> p = plan.toParameters(se2d);
        assertThat(p).containsEntry("orientation", 1.0).containsEntry("fov", 220.0).containsEntry("slices", 9.0)
                .containsEntry("slice_gap", 1.0).containsEntry("slice_thickness", 4.0);
        assertThat(p.get("slice_position")).isCloseTo(33, within(1e-9));
        SlicePlan back = SlicePlan.fromParameters(p);
        assertThat(back.tiltReadDeg()).isCloseTo(12, within(1e-9));
        assertThat(back.tiltPhaseDeg()).isCloseTo(-7, within(1e-9));
        assertThat(back.centre().minus(plan.centre()).norm()).isLessThan(1e-9);
        assertThat(plan.slabThicknessMm()).isEqualTo(9 * 4 + 8 * 1);
        // a protocol without a stack (the localizer) gets only the names it has
        List<String> loc = ProtocolLibrary.find("localizer").orElseThrow().parameters().stream().map(ParameterSpec::name).toList();
        assertThat(plan.toParameters(loc).keySet()).containsExactlyInAnyOrder("fov", "slice_thickness");
    }

    @Test
    void aDragAlongTheSlicesBecomesTheInPlaneOffsets() {
        SliceOrientation o = SliceOrientation.oblique(1, 12, -7);
        SlicePlan plan = new SlicePlan(Vec3.ZERO, 1, 12, -7, 220, 4, 3, 1).movedBy(Vec3.of(o.slice()).times(33))
                .movedBy(Vec3.of(o.read()).times(12)).movedBy(Vec3.of(o.phase()).times(-8));
        List<String> se2d = ProtocolLibrary.find("se2d").orElseThrow().parameters().stream().map(ParameterSpec::name).toList();
        Map<String, Double> p = plan.toParameters(se2d);
        assertThat(p.get("slice_position")).isCloseTo(33, within(1e-9));
        assertThat(p.get("offset_read")).isCloseTo(12, within(1e-9));
        assertThat(p.get("offset_phase")).isCloseTo(-8, within(1e-9));
        assertThat(SlicePlan.fromParameters(p).centre().minus(plan.centre()).norm()).as("the whole centre comes back").isLessThan(1e-9);
        // a drag on the coronal localizer plane (x along L, y along S) of an axial group: along its read (L) only
        SlicePlan axial = PlanGestures.move(SlicePlan.axial(200, 5), CORONAL, 7, 0);
        Map<String, Double> q = axial.toParameters(se2d);
        assertThat(q.get("offset_read")).isCloseTo(14, within(1e-12));
        assertThat(q.get("offset_phase")).isCloseTo(0, within(1e-12));
        assertThat(q.get("slice_position")).isCloseTo(0, within(1e-12));
    }

    @Test
    void theSliceLineOnAPerpendicularPlaneSitsAtTheSlicePosition() {
        SlicePlan plan = SlicePlan.axial(100, 5).withSlices(3, 5).movedBy(new Vec3(0, 0, 20));
        // slices at z = 10, 20, 30 mm; on the coronal plane a horizontal line at y = 50.5 + z / 2, 100 mm = 50 px long
        for (int i = 0; i < 3; i++) {
            double[] seg = CORONAL.intersection(plan, i).orElseThrow();
            assertThat(seg[1]).isCloseTo(50.5 + (10 + 10 * i) / 2.0, within(1e-9));
            assertThat(seg[3]).isCloseTo(seg[1], within(1e-9));
            assertThat(Math.abs(seg[2] - seg[0])).isCloseTo(50, within(1e-9));
        }
        LocalizerPlane axial = new LocalizerPlane(100, 100, 2, 2, Vec3.ZERO, new Vec3(1, 0, 0), new Vec3(0, 1, 0));
        assertThat(axial.intersection(plan, 1)).as("parallel to the plane").isEmpty();
        double[] outline = axial.fieldOfViewOutline(plan);
        assertThat(Math.abs(outline[2] - outline[0])).isCloseTo(50, within(1e-9));
    }

    @Test
    void handlesSitOnTheCentreSlicesLineWhenTheCentreIsOffThePlane() {
        // one axial slice tilted 30° about A–P, its centre 20 mm posterior of the coronal plane and 10 mm up
        SlicePlan plan = SlicePlan.axial(200, 5).withNormal(new Vec3(Math.sin(Math.toRadians(30)), 0, Math.cos(Math.toRadians(30))))
                .movedBy(new Vec3(0, 20, 10));
        PlanGestures.Handles h = PlanGestures.handles(plan, CORONAL).orElseThrow();
        double[] seg = CORONAL.intersection(plan, 0).orElseThrow();
        // the centre handle lies on the drawn line: cross product of (handle − a) and (b − a) is zero
        double cross = (h.centre()[0] - seg[0]) * (seg[3] - seg[1]) - (h.centre()[1] - seg[1]) * (seg[2] - seg[0]);
        assertThat(cross).isCloseTo(0, within(1e-6));
        // the plane (y = 0) does not contain the centre (y = 20), so the handle is the nearest point of the line: z = 10, x = 0
        assertThat(h.centre()).containsExactly(new double[] {50.5, 55.5}, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void fovAndSlabHandlesResizeTheGroup() {
        SlicePlan plan = SlicePlan.axial(100, 5).withSlices(4, 2);
        SlicePlan wider = PlanGestures.resizeFov(plan, CORONAL, 50.5 + 40, 50.5); // 80 mm from the centre along the line
        assertThat(wider.fovMm()).isCloseTo(160, within(1e-9));
        SlicePlan thicker = PlanGestures.resizeSlab(plan, CORONAL, 50.5, 50.5 + 15); // 30 mm from the centre: slab 60
        assertThat(thicker.slabThicknessMm()).isCloseTo(60, within(1e-9));
        assertThat(thicker.sliceThicknessMm()).isCloseTo((60 - 3 * 2) / 4.0, within(1e-9));
    }
}
