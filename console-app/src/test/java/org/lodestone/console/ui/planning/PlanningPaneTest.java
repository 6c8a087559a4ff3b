package org.lodestone.console.ui.planning;

import javafx.geometry.Point2D;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.image.WritableImage;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.lodestone.console.cli.LodestoneCli;
import org.lodestone.console.planning.LocalizerImages;
import org.lodestone.console.planning.LocalizerPlane;
import org.lodestone.console.planning.PlanGestures;
import org.lodestone.console.planning.SlicePlan;
import org.lodestone.console.planning.Vec3;
import org.lodestone.console.ui.viewer.TwinScans;
import org.lodestone.recon.image.ImageMetrics;
import org.lodestone.recon.image.ImageVolume;
import org.lodestone.recon.image.NiftiReader;
import org.lodestone.seq.protocol.ParameterSpec;
import org.lodestone.seq.protocol.ProtocolLibrary;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Planning on a twin's localizer: the three planes side by side, the slice group drawn where the plan puts it, a
 * drag and a turn of the handle change the plan by what the pointer did, and the plan written to se2d's
 * parameters (dragged along its slices too: the in-plane offsets) gives a scan whose slices (its raw data headers, and
 * the twin's truth of what it excited and where the image's centre is) lie where the plan said, within 1 mm and 1°,
 * each image matching its truth.
 */
@Tag("headless-ui")
@Tag("technician-day")
@ExtendWith(ApplicationExtension.class)
class PlanningPaneTest {
    @TempDir
    static Path root;
    static Path localizer;
    private PlanningPane pane;

    @BeforeAll
    static void scan() throws Exception {
        localizer = TwinScans.scan(root, "localizer", "localizer", "matrix=64");
    }

    @Start
    void start(Stage stage) {
        pane = new PlanningPane(ResourceBundle.getBundle("org.lodestone.console.ui.messages", Locale.ROOT));
        pane.showLocalizer(localizer);
        stage.setScene(new Scene(pane, 1024, 600));
        stage.show();
    }

    private PlaneCanvas coronal() {
        PlaneCanvas c = pane.planes().get(1);
        assertThat(Math.abs(c.localizer().plane().normal().y())).as("plane 1 is coronal").isGreaterThan(0.99);
        return c;
    }

    @Test
    void theThreePlanesShowTheSlicesWhereThePlanPutsThem(FxRobot robot) throws Exception {
        assertThat(pane.planes()).hasSize(3);
        assertThat(pane.lookupAll(".label").stream().map(n -> ((Label) n).getText()).toList())
                .contains("Axial", "Coronal", "Sagittal");
        SlicePlan plan = SlicePlan.axial(200, 5).withSlices(3, 20).movedBy(new Vec3(0, 0, 15));
        robot.interact(() -> pane.planProperty().set(plan));
        PlaneCanvas c = coronal();
        WritableImage[] shot = new WritableImage[1];
        robot.interact(() -> shot[0] = c.snapshot(null, null));
        LocalizerPlane plane = c.localizer().plane();
        for (int i = 0; i < 3; i++) {
            double[] seg = plane.intersection(plan, i).orElseThrow();
            double[] mid = c.toScreen((seg[0] + seg[2]) / 2 + 3, (seg[1] + seg[3]) / 2);
            assertThat(isSliceColour(shot[0].getPixelReader().getArgb((int) mid[0], (int) Math.round(mid[1] - 0.5))))
                    .as("slice %d drawn at %s", i, mid[1]).isTrue();
            // halfway to the next slice (25 mm apart) there is no line
            double[] off = c.toScreen((seg[0] + seg[2]) / 2 + 3, (seg[1] + seg[3]) / 2 + 12.5 / plane.pixelYMm());
            assertThat(isSliceColour(shot[0].getPixelReader().getArgb((int) off[0], (int) off[1]))).isFalse();
        }
        TwinScans.screenshot(robot, pane, "planning-localizer");
    }

    @Test
    void draggingMovesAndTheHandleTurnsTheGroup(FxRobot robot) throws Exception {
        robot.interact(() -> pane.planProperty().set(SlicePlan.axial(200, 5).withSlices(3, 20)));
        PlaneCanvas c = coronal();
        LocalizerPlane plane = c.localizer().plane();
        PlanGestures.Handles h = PlanGestures.handles(pane.planProperty().get(), plane).orElseThrow();
        double[] centre = c.toScreen(h.centre()[0], h.centre()[1]);
        Point2D from = c.localToScreen(Math.round(centre[0]), Math.round(centre[1]));
        robot.drag(from, MouseButton.PRIMARY).moveBy(0, 40).release(MouseButton.PRIMARY);
        Vec3 expected = plane.displacement(0, 40 / c.view().zoom());
        assertThat(pane.planProperty().get().centre().minus(expected).norm()).as("moved by 40 px × pixel spacing / zoom")
                .isLessThan(1e-6);

        SlicePlan before = pane.planProperty().get();
        h = PlanGestures.handles(before, plane).orElseThrow();
        double[] cs = c.toScreen(h.centre()[0], h.centre()[1]), rs = c.toScreen(h.rotate()[0], h.rotate()[1]);
        double radius = Math.hypot(rs[0] - cs[0], rs[1] - cs[1]);
        double start = Math.atan2(rs[1] - cs[1], rs[0] - cs[0]), turn = Math.toRadians(25);
        Point2D grab = c.localToScreen(rs[0], rs[1]);
        Point2D to = c.localToScreen(cs[0] + radius * Math.cos(start + turn), cs[1] + radius * Math.sin(start + turn));
        robot.drag(grab, MouseButton.PRIMARY).moveTo(to).release(MouseButton.PRIMARY);
        SlicePlan after = pane.planProperty().get();
        double angle = Math.toDegrees(Math.acos(Math.abs(after.normal().dot(before.normal()))));
        assertThat(angle).as("turned by the angle swept (pixel rounding aside)").isCloseTo(25, within(0.5));
        assertThat(Math.abs(after.tiltPhaseDeg())).isCloseTo(angle, within(1e-6)); // about A–P: tilt about phase
        assertThat(pane.summaryLabel().getText()).contains(String.format(Locale.ROOT, "%.1f°", after.tiltPhaseDeg()));
        TwinScans.screenshot(robot, pane, "planning-oblique");

        // the square handle at the other end of the line: dragged 30 px outward along the line, the field of view
        // grows by twice 30 px in mm
        SlicePlan turned = pane.planProperty().get();
        h = PlanGestures.handles(turned, plane).orElseThrow();
        double[] fs = c.toScreen(h.fov()[0], h.fov()[1]), cc = c.toScreen(h.centre()[0], h.centre()[1]);
        double len = Math.hypot(fs[0] - cc[0], fs[1] - cc[1]);
        double ux = (fs[0] - cc[0]) / len, uy = (fs[1] - cc[1]) / len;
        robot.drag(c.localToScreen(fs[0], fs[1]), MouseButton.PRIMARY)
                .moveTo(c.localToScreen(fs[0] + 30 * ux, fs[1] + 30 * uy)).release(MouseButton.PRIMARY);
        double grown = pane.planProperty().get().fovMm() - turned.fovMm();
        assertThat(grown).isCloseTo(2 * 30 / c.view().zoom() * plane.pixelXMm(), within(2.0));

        // the slice count in its spinner: the plan and the lines drawn follow
        @SuppressWarnings("unchecked")
        javafx.scene.control.Spinner<Integer> count = (javafx.scene.control.Spinner<Integer>) pane.lookup("#planning-slices");
        robot.interact(() -> count.getValueFactory().setValue(7));
        assertThat(pane.planProperty().get().sliceCount()).isEqualTo(7);
        assertThat(pane.planProperty().get().fovMm()).isCloseTo(turned.fovMm() + grown, within(1e-9));
    }

    @Test
    void aPlannedObliqueStackDraggedAlongItsSlicesIsScannedWhereThePlanSays(FxRobot robot) throws Exception {
        SlicePlan start = SlicePlan.axial(220, 6).withSlices(3, 4).movedBy(new Vec3(0, 0, 18))
                .rotatedAbout(new Vec3(0, 1, 0), Math.toRadians(14)).rotatedAbout(new Vec3(1, 0, 0), Math.toRadians(-9));
        robot.interact(() -> pane.planProperty().set(start));
        // dragged 80 px to the left on the coronal plane: mostly along the slices, a little across them
        PlaneCanvas c = coronal();
        PlanGestures.Handles h = PlanGestures.handles(start, c.localizer().plane()).orElseThrow();
        // gripped on the centre slice halfway to the rotate handle, away from the slab handles (this slab is thin)
        double[] grip = c.toScreen((h.centre()[0] + h.rotate()[0]) / 2, (h.centre()[1] + h.rotate()[1]) / 2);
        robot.drag(c.localToScreen(Math.round(grip[0]), Math.round(grip[1])), MouseButton.PRIMARY).moveBy(-80, 0)
                .release(MouseButton.PRIMARY);
        SlicePlan plan = pane.planProperty().get();
        Vec3 inPlane = plan.centre().minus(plan.normal().times(plan.centre().dot(plan.normal())));
        assertThat(inPlane.norm()).as("the plan's centre off its slice axis (mm)").isGreaterThan(15);
        List<String> names = ProtocolLibrary.find("se2d").orElseThrow().parameters().stream().map(ParameterSpec::name).toList();
        Map<String, Double> params = plan.toParameters(names);
        List<String> args = new ArrayList<>(List.of("matrix=32"));
        params.forEach((k, v) -> args.add(k + "=" + v));
        Path scan = scanWithTruth("planned", "se2d", args);
        List<LocalizerImages.View> slices = LocalizerImages.read(scan);
        assertThat(slices).hasSize(3);
        // the protocol places the stack where the plan is, its in-plane part by offset_read and offset_phase
        assertThat(Math.hypot(params.get("offset_read"), params.get("offset_phase"))).isCloseTo(inPlane.norm(), within(1e-9));
        for (int i = 0; i < 3; i++) {
            LocalizerPlane s = slices.get(i).plane();
            double degrees = Math.toDegrees(Math.acos(Math.min(1, Math.abs(s.normal().dot(plan.normal())))));
            assertThat(degrees).as("slice %d orientation", i).isLessThan(1);
            assertThat(s.centre().minus(plan.sliceCentre(i)).norm()).as("slice %d centre (mm)", i).isLessThan(1);
        }
        // the twin's truth: where the gradients really excited each slice (normal, centre) and what it holds there
        ImageVolume truth = NiftiReader.read(scan.resolve("truth/truth.nii"));
        ImageVolume image = NiftiReader.read(scan.resolve("images.nii"));
        assertThat(truth.nz()).isEqualTo(3);
        Vec3 truthNormal = new Vec3(truth.sliceDir()[0], truth.sliceDir()[1], truth.sliceDir()[2]);
        double normalDeg = Math.toDegrees(Math.acos(Math.min(1, Math.abs(truthNormal.dot(plan.normal())))));
        System.out.printf("double oblique se2d: truth slice normal %.4f° from the plan's%n", normalDeg);
        assertThat(normalDeg).as("truth slice normal vs plan (°)").isLessThan(1);
        for (int i = 0; i < 3; i++) {
            double[] p = truth.positionLps(), d = truth.sliceDir();
            Vec3 centre = new Vec3(p[0] + i * truth.dzMm() * d[0], p[1] + i * truth.dzMm() * d[1], p[2] + i * truth.dzMm() * d[2]);
            double mm = centre.minus(plan.sliceCentre(i)).norm();
            double r = ImageMetrics.pearson(image.slice(i), truth.slice(i));
            System.out.printf("  slice %d: truth centre %.4f mm from the plan's (%.1f mm off the slice axis), image vs truth Pearson %.4f%n",
                    i, mm, inPlane.norm(), r);
            assertThat(mm).as("truth slice %d centre (mm)", i).isLessThan(1);
            assertThat(r).as("slice %d image vs its truth", i).isGreaterThanOrEqualTo(0.95);
        }
        robot.interact(() -> pane.planProperty().set(plan));
        TwinScans.screenshot(robot, pane, "planning-double-oblique");
    }

    @Test
    void theTextsAreChineseInTheChineseConsole(FxRobot robot) throws Exception {
        PlanningPane[] made = new PlanningPane[1];
        robot.interact(() -> {
            made[0] = new PlanningPane(ResourceBundle.getBundle("org.lodestone.console.ui.messages", Locale.SIMPLIFIED_CHINESE));
            made[0].showLocalizer(localizer);
            pane.getScene().setRoot(made[0]);
        });
        assertThat(made[0].lookupAll(".label").stream().map(n -> ((Label) n).getText()).toList()).contains("冠状面", "层数");
        robot.interact(() -> made[0].showLocalizer(root.resolve("no-such-scan")));
        assertThat(made[0].statusLabel().getText()).contains("定位像").doesNotContain(root.toString());
    }

    /** Like {@link TwinScans#scan}, with the twin writing its truth to {@code root/name/truth}. */
    private static Path scanWithTruth(String name, String protocol, List<String> params) throws Exception {
        LodestoneCli cli = new LodestoneCli(Files.createDirectories(root.resolve("home")));
        Path out = root.resolve(name);
        List<String> args = new ArrayList<>(List.of("scan", "--protocol", protocol, "--out", out.toString(), "--sim-speed", "0",
                "--sim-seed", "7", "--sim-truth", out.resolve("truth").toString()));
        for (String p : params) args.addAll(List.of("--param", p));
        LodestoneCli.Run run = cli.run(args.toArray(String[]::new));
        assertThat(run.exit()).as("scan %s: %s", protocol, run.output()).isZero();
        return out;
    }

    private static boolean isSliceColour(int argb) {
        int r = argb >> 16 & 0xFF, g = argb >> 8 & 0xFF, b = argb & 0xFF;
        return r > 200 && g > 170 && b < 140;
    }
}
