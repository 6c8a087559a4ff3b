package org.lodestone.console.ui.viewer;

import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.lodestone.console.viewing.DisplayOrientation;
import org.lodestone.console.viewing.MprPlane;
import org.lodestone.console.viewing.Roi;
import org.lodestone.console.viewing.RoiStatistics;
import org.lodestone.console.viewing.SliceImage;
import org.lodestone.console.viewing.WindowLevel;
import org.lodestone.recon.image.ImageVolume;
import org.lodestone.recon.image.NiftiReader;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.Locale;
import java.util.ResourceBundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The viewer on images a twin scan wrote: the grey levels on screen are the window applied to the file's values,
 * turned the way radiographers read them (the letters on the edges say so), and dragging, zooming, scrolling, ROI and
 * MPR show what the headless maths says they should. The spin echo is axial, the 3D scan coronal.
 */
@Tag("headless-ui")
@Tag("technician-day")
@ExtendWith(ApplicationExtension.class)
class ViewerPaneTest {
    @TempDir
    static Path root;
    static Path se2d;
    static Path gre3d;
    private ViewerPane viewer;
    private Stage stage;

    @BeforeAll
    static void scan() throws Exception {
        se2d = TwinScans.scan(root, "se2d", "se2d", "matrix=64", "slices=5", "slice_gap=2");
        gre3d = TwinScans.scan(root, "gre3d", "gre3d", "matrix=32", "partitions=16", "orientation=1");
    }

    @Start
    void start(Stage stage) {
        this.stage = stage;
        viewer = new ViewerPane(ResourceBundle.getBundle("org.lodestone.console.ui.messages", Locale.ROOT));
        stage.setScene(new Scene(viewer, 1024, 600));
        stage.show();
    }

    private ImageViewport single(FxRobot robot, Path folder, String title) {
        robot.interact(() -> viewer.open(folder, title));
        WaitForAsyncUtils.waitForFxEvents();
        return viewer.viewports().getFirst();
    }

    @Test
    void theScreenShowsTheFilesValuesThroughTheWindow(FxRobot robot) throws Exception {
        ImageViewport vp = single(robot, se2d, "SE 2D");
        ImageVolume v = NiftiReader.read(se2d.resolve("images.nii"));
        assertThat(viewer.cursor().index()).isEqualTo(2);
        WindowLevel wl = new WindowLevel(v.value(32, 32, 2), Math.max(1e-3, v.value(32, 32, 2)));
        robot.interact(() -> vp.setWindow(wl));
        WritableImage[] holder = new WritableImage[1];
        robot.interact(() -> holder[0] = vp.canvas().snapshot(null, null));
        // axial: anterior up, the patient's left on the screen's right, whichever way the file's pixels run
        DisplayOrientation o = vp.orientation();
        assertScreen(o, MprPlane.ACQUIRED.pixelDirections(v), 0, 1, 1, 1);
        assertThat(vp.edgeLetters()).containsExactly("A", "L", "P", "R");
        lettersOnTheEdges(vp);
        for (int[] p : new int[][] {{32, 32}, {20, 40}, {45, 17}, {5, 5}}) {
            int[] d = o.displayPixel(p[0], p[1], v.nx(), v.ny());
            double[] s = vp.view().toScreen(d[0] + 0.5, d[1] + 0.5);
            int argb = holder[0].getPixelReader().getArgb((int) s[0], (int) s[1]);
            assertThat(argb & 0xFF).as("grey at voxel %d,%d", p[0], p[1]).isCloseTo(wl.grey(v.value(p[0], p[1], 2)), within(1));
        }
        assertThat(vp.infoLabel().getText()).contains("Slice 3/5");
        TwinScans.screenshot(robot, viewer, "viewer-se2d");
    }

    @Test
    void draggingChangesTheWindowAndKeysAndWheelScrollAndZoom(FxRobot robot) throws Exception {
        ImageViewport vp = single(robot, se2d, "SE 2D");
        WindowLevel before = vp.window();
        Point2D c = centre(vp);
        robot.drag(c, MouseButton.PRIMARY).moveBy(60, 0).release(MouseButton.PRIMARY);
        assertThat(vp.window().width()).isCloseTo(before.width() * Math.exp(60 * ImageViewport.WINDOW_DRAG_SENSITIVITY),
                within(before.width() * 1e-6));
        assertThat(vp.window().centre()).isCloseTo(before.centre(), within(1e-9));
        assertThat(vp.infoLabel().getText()).contains("W " + ImageViewport.number(Locale.ROOT, vp.window().width()));

        double fit = vp.view().zoom();
        robot.clickOn(vp, MouseButton.SECONDARY).type(KeyCode.ADD);
        assertThat(vp.view().zoom()).isCloseTo(fit * 1.25, within(1e-9));
        robot.type(KeyCode.DOWN);
        assertThat(viewer.cursor().index()).isEqualTo(3);
        robot.moveTo(c).scroll(1, javafx.geometry.VerticalDirection.DOWN);
        assertThat(viewer.cursor().index()).isIn(2, 4); // a wheel notch: one slice (direction depends on the platform's sign)
        robot.type(KeyCode.END);
        assertThat(viewer.cursor().index()).isEqualTo(4);
        assertThat(vp.infoLabel().getText()).contains("Slice 5/5");

        robot.clickOn("#viewer-cine");
        int cineStart = viewer.cursor().index();
        // cine steps through the slices by itself (a timeout here means it did not)
        WaitForAsyncUtils.waitFor(3, java.util.concurrent.TimeUnit.SECONDS, () -> viewer.cursor().index() != cineStart);
        robot.clickOn("#viewer-cine");

        robot.clickOn("#viewer-tool-pan");
        double ox = vp.view().offsetX();
        robot.drag(c, MouseButton.PRIMARY).moveBy(-30, 0).release(MouseButton.PRIMARY);
        assertThat(vp.view().offsetX()).isCloseTo(ox - 30, within(1e-6));
        TwinScans.screenshot(robot, viewer, "viewer-zoomed");
    }

    @Test
    void anRoiShowsMeanSdAndAreaOfTheVoxelsInside(FxRobot robot) throws Exception {
        ImageViewport vp = single(robot, se2d, "SE 2D");
        robot.clickOn("#viewer-tool-roi");
        // off the centre, so that the voxels inside depend on how the image was turned
        Point2D from = vp.localToScreen(vp.getWidth() / 2 - 70, vp.getHeight() / 2 - 60);
        Point2D to = vp.localToScreen(vp.getWidth() / 2 + 10, vp.getHeight() / 2);
        robot.drag(from, MouseButton.PRIMARY).moveTo(to).release(MouseButton.PRIMARY);
        ImageVolume v = NiftiReader.read(se2d.resolve("images.nii"));
        // the drag's ends on the file's pixels: the statistics are those of the stored voxels
        double[] a = stored(vp, from, v.nx(), v.ny());
        double[] b = stored(vp, to, v.nx(), v.ny());
        SliceImage slice = MprPlane.ACQUIRED.slice(v, viewer.cursor().index());
        RoiStatistics expected = RoiStatistics.of(slice, Roi.Ellipse.dragged(a[0], a[1], b[0], b[1]));
        assertThat(expected.count()).isGreaterThan(20);
        // area: voxel count × voxel area of the file
        assertThat(expected.areaMm2()).isCloseTo(expected.count() * v.dxMm() * v.dyMm(), within(1e-6));
        String shown = vp.measurementLabel().getText();
        assertThat(shown).contains("Mean " + ImageViewport.number(Locale.ROOT, expected.mean()))
                .contains("SD " + ImageViewport.number(Locale.ROOT, expected.standardDeviation()))
                .contains("Area " + ImageViewport.number(Locale.ROOT, expected.areaMm2()) + " mm²")
                .contains("(" + expected.count() + " px)");
        TwinScans.screenshot(robot, viewer, "viewer-roi");

        robot.clickOn("#viewer-tool-distance");
        robot.drag(from, MouseButton.PRIMARY).moveTo(to).release(MouseButton.PRIMARY);
        double mm = Math.hypot((b[0] - a[0]) * v.dxMm(), (b[1] - a[1]) * v.dyMm());
        assertThat(vp.measurementLabel().getText()).isEqualTo("Distance " + ImageViewport.number(Locale.ROOT, mm) + " mm");

        // angle: drag the first arm to the vertex, then click the end of the second arm
        robot.clickOn("#viewer-tool-angle");
        Point2D third = vp.localToScreen(vp.getWidth() / 2 + 40, vp.getHeight() / 2 - 70);
        robot.drag(from, MouseButton.PRIMARY).moveTo(to).release(MouseButton.PRIMARY);
        robot.clickOn(third);
        double[] c = stored(vp, third, v.nx(), v.ny());
        double ux = (a[0] - b[0]) * v.dxMm(), uy = (a[1] - b[1]) * v.dyMm(), wx = (c[0] - b[0]) * v.dxMm(), wy = (c[1] - b[1]) * v.dyMm();
        double degrees = Math.toDegrees(Math.acos((ux * wx + uy * wy) / Math.hypot(ux, uy) / Math.hypot(wx, wy)));
        assertThat(vp.measurementLabel().getText()).isEqualTo("Angle " + ImageViewport.number(Locale.ROOT, degrees) + "°");
    }

    @Test
    void aThreeDScanShowsThreePlanesAndTheirMip(FxRobot robot) throws Exception {
        single(robot, gre3d, "GRE 3D");
        ImageVolume v = NiftiReader.read(gre3d.resolve("images.nii"));
        robot.clickOn("#viewer-layout-mpr");
        assertThat(viewer.viewports()).hasSize(3);
        ImageViewport acquiredView = viewer.viewports().get(0);
        SliceImage acquired = acquiredView.image();
        // coronal: head up, the patient's left on the right
        assertScreen(acquiredView.orientation(), MprPlane.ACQUIRED.pixelDirections(v), 0, 1, 2, -1);
        assertThat(acquiredView.edgeLetters()).containsExactly("S", "L", "I", "R");
        assertThat(acquired.width()).isEqualTo(acquiredView.orientation().displayWidth(v.nx(), v.ny()));
        int z = viewer.cursor().index();
        assertThat(shownAt(acquiredView, 10, 12, v.nx(), v.ny())).isEqualTo(v.value(10, 12, z));
        // the reformats of a coronal stack: axial (anterior up) and sagittal (anterior on the left, turned a quarter)
        ImageViewport axial = viewer.viewports().get(1), sagittal = viewer.viewports().get(2);
        assertScreen(axial.orientation(), MprPlane.ALONG_READ.pixelDirections(v), 0, 1, 1, 1);
        assertThat(axial.edgeLetters()).containsExactly("A", "L", "P", "R");
        assertScreen(sagittal.orientation(), MprPlane.ALONG_PHASE.pixelDirections(v), 1, 1, 2, -1);
        assertThat(sagittal.edgeLetters()).containsExactly("S", "P", "I", "A");
        assertThat(sagittal.orientation().transposed()).isTrue();
        lettersOnTheEdges(sagittal);
        SliceImage reformat = MprPlane.ALONG_READ.slice(v, viewer.mprVoxel()[1]).isotropic();
        // x across, slices down the rows, resampled to square pixels of the smaller voxel side, then turned
        double side = Math.min(v.dxMm(), v.dzMm());
        assertThat(reformat.width()).isEqualTo((int) Math.round(v.nx() * v.dxMm() / side));
        assertThat(reformat.height()).isEqualTo((int) Math.round(v.nz() * v.dzMm() / side));
        assertThat(reformat.pixelWidthMm()).isCloseTo(side, within(1e-9));
        assertThat(axial.image().pixels()).isEqualTo(axial.orientation().apply(reformat).pixels());
        TwinScans.screenshot(robot, viewer, "viewer-mpr");

        // a distance across the turned sagittal reformat: the mm of the voxels under its ends
        robot.clickOn("#viewer-tool-distance");
        Point2D from = sagittal.localToScreen(sagittal.getWidth() / 2 - 50, sagittal.getHeight() / 2 - 20);
        Point2D to = sagittal.localToScreen(sagittal.getWidth() / 2 + 30, sagittal.getHeight() / 2 + 40);
        robot.drag(from, MouseButton.PRIMARY).moveTo(to).release(MouseButton.PRIMARY);
        SliceImage sagittalStored = MprPlane.ALONG_PHASE.slice(v, viewer.mprVoxel()[0]).isotropic();
        double[] a = stored(sagittal, from, sagittalStored.width(), sagittalStored.height());
        double[] b = stored(sagittal, to, sagittalStored.width(), sagittalStored.height());
        double sideYz = Math.min(v.dyMm(), v.dzMm());
        // stored reformat pixels of sideYz mm: along y (phase) across, along the slices down
        double alongPhaseMm = (b[0] - a[0]) * sideYz, alongSlicesMm = (b[1] - a[1]) * sideYz;
        assertThat(Math.abs(b[1] - a[1])).as("the drag crosses the slices").isGreaterThan(1);
        assertThat(sagittal.measurementLabel().getText())
                .isEqualTo("Distance " + ImageViewport.number(Locale.ROOT, Math.hypot(alongPhaseMm, alongSlicesMm)) + " mm");
        robot.clickOn("#viewer-tool-window");
        // the wheel over the reformat along read moves its plane through y, and only that plane
        int y = viewer.mprVoxel()[1];
        robot.interact(() -> viewer.scrollIn(1, 1));
        assertThat(viewer.mprVoxel()[1]).isEqualTo(y + 1);
        assertThat(viewer.viewports().get(1).image().pixels())
                .isEqualTo(axial.orientation().apply(MprPlane.ALONG_READ.slice(v, y + 1).isotropic()).pixels());
        assertThat(shownAt(viewer.viewports().get(0), 10, 12, v.nx(), v.ny())).isEqualTo(v.value(10, 12, z));

        robot.clickOn("#viewer-mip");
        float max = Float.NEGATIVE_INFINITY;
        for (int k = 0; k < v.nz(); k++) max = Math.max(max, v.value(10, 12, k));
        assertThat(shownAt(viewer.viewports().get(0), 10, 12, v.nx(), v.ny())).isEqualTo(max);
        assertThat(viewer.viewports().get(0).edgeLetters()).containsExactly("S", "L", "I", "R");
        TwinScans.screenshot(robot, viewer, "viewer-mip");
    }

    @Test
    void gridAndSideBySideAtTheTruckPanelsSize(FxRobot robot) throws Exception {
        single(robot, se2d, "SE 2D");
        single(robot, gre3d, "GRE 3D");
        assertThat(viewer.series()).extracting(Object::toString).containsExactly("SE 2D", "GRE 3D");
        robot.clickOn("#viewer-layout-grid");
        assertThat(viewer.viewports()).hasSize(9);
        // nine consecutive slices with the current one in the middle
        int z = viewer.cursor().index();
        assertThat(viewer.viewports().get(4).infoLabel().getText()).contains("Slice " + (z + 1) + "/16");
        assertThat(viewer.viewports().get(0).infoLabel().getText()).contains("Slice " + (z - 3) + "/16");
        robot.clickOn("#viewer-layout-side_by_side");
        assertThat(viewer.viewports()).hasSize(2);
        assertThat(viewer.viewports().get(0).infoLabel().getText()).startsWith("GRE 3D");
        assertThat(viewer.viewports().get(1).infoLabel().getText()).startsWith("SE 2D");
        TwinScans.screenshot(robot, viewer, "viewer-side-by-side");
        // every control fits a 1024 × 600 panel and is a touch target
        Bounds scene = new javafx.geometry.BoundingBox(0, 0, 1024, 600);
        for (var node : viewer.lookupAll(".button, .toggle-button, .combo-box")) {
            Bounds b = node.localToScene(node.getLayoutBounds());
            assertThat(b.getHeight()).as("%s", node.getId()).isGreaterThanOrEqualTo(40);
            assertThat(scene.contains(b)).as("%s inside the window: %s", node.getId(), b).isTrue();
        }
        assertThat(stage.getScene().getWidth()).isEqualTo(1024);
    }

    @Test
    void aFolderWithoutImagesGivesOneLineWithoutItsPath(FxRobot robot) {
        robot.interact(() -> viewer.open(root.resolve("nothing-here"), "Missing"));
        String text = viewer.statusLabel().getText();
        assertThat(text).contains("Missing").doesNotContain(root.toString()).doesNotContain("Exception").doesNotContain("\n");
        assertThat(viewer.series()).isEmpty();
    }

    /**
     * The display's screen right and screen down, in LPS from the stored pixel directions {@code across, down} and the
     * turn shown, follow axis {@code rightAxis} (sign {@code rightSign}) and {@code downAxis} ({@code downSign}) most.
     */
    private static void assertScreen(DisplayOrientation o, double[][] stored, int rightAxis, int rightSign, int downAxis, int downSign) {
        double[] right = stored[o.transposed() ? 1 : 0], down = stored[o.transposed() ? 0 : 1];
        double r = right[rightAxis] * (o.reversedAcross() ? -1 : 1), d = down[downAxis] * (o.reversedDown() ? -1 : 1);
        assertThat(r * rightSign).as("screen right along LPS axis %d, sign %d (%s)", rightAxis, rightSign, o).isGreaterThan(0.9);
        assertThat(d * downSign).as("screen down along LPS axis %d, sign %d (%s)", downAxis, downSign, o).isGreaterThan(0.9);
    }

    /** The value shown where stored pixel (x, y) of a {@code w × h} image went. */
    private static float shownAt(ImageViewport vp, int x, int y, int w, int h) {
        int[] d = vp.orientation().displayPixel(x, y, w, h);
        return vp.image().value(d[0], d[1]);
    }

    /** The stored image's point under screen point {@code p} of {@code vp}. */
    private static double[] stored(ImageViewport vp, Point2D p, int w, int h) {
        Point2D local = vp.screenToLocal(p);
        double[] shown = vp.view().toImage(local.getX(), local.getY());
        return vp.orientation().storedPoint(shown[0], shown[1], w, h);
    }

    /** Each letter inside the viewport, near its own edge, away from the image's centre. */
    private static void lettersOnTheEdges(ImageViewport vp) {
        double w = vp.getWidth(), h = vp.getHeight();
        String[] edges = {"top", "right", "bottom", "left"};
        for (String edge : edges) {
            Bounds b = vp.lookup("#viewer-letter-" + edge).getBoundsInParent();
            assertThat(b.getMinX() >= 0 && b.getMinY() >= 0 && b.getMaxX() <= w && b.getMaxY() <= h).as("%s letter inside: %s", edge, b).isTrue();
            boolean nearEdge = switch (edge) {
                case "top" -> b.getMaxY() < h / 4;
                case "bottom" -> b.getMinY() > 3 * h / 4;
                case "left" -> b.getMaxX() < w / 4;
                default -> b.getMinX() > 3 * w / 4;
            };
            assertThat(nearEdge).as("%s letter at its edge: %s in %s×%s", edge, b, w, h).isTrue();
        }
    }

    private static Point2D centre(ImageViewport c) {
        return c.localToScreen(c.getWidth() / 2, c.getHeight() / 2);
    }
}
