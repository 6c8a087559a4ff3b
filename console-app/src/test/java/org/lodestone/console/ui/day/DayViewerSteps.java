package org.lodestone.console.ui.day;

import javafx.geometry.Point2D;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import org.lodestone.console.ui.viewer.ImageViewport;
import org.lodestone.console.ui.viewer.ViewerPane;
import org.lodestone.console.viewing.MprPlane;
import org.lodestone.console.viewing.WindowLevel;
import org.lodestone.recon.image.ImageVolume;
import org.lodestone.recon.image.NiftiReader;
import org.lodestone.workflow.exam.Series;
import org.testfx.api.FxRobot;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.lodestone.console.ui.day.TechnicianDayTest.waitFor;

/** The Viewer step of {@link TechnicianDayTest}: what the window shows, checked against the scans' NIfTI files. */
final class DayViewerSteps {
    /** Saves a screenshot of the window under a step name. */
    interface Shot {
        void take(String name) throws IOException;
    }

    private final FxRobot robot;
    private final Shot shot;

    DayViewerSteps(FxRobot robot, Shot shot) {
        this.robot = robot;
        this.shot = shot;
    }

    /**
     * The viewer through the window: the spin echo's grey values are the window applied to its NIfTI, a drag
     * changes the window, the zoom tool magnifies, an ROI shows the mean, SD and area of the NIfTI voxels inside;
     * the 3D scan scrolls by the wheel and shows its three planes.
     */
    @SuppressWarnings("unchecked")
    void viewTheDaysImages() throws Exception {
        ListView<Series> series = robot.lookup("#exam-series").queryAs(ListView.class);
        waitFor("the spin echo and the 3D scan among the series", () -> series.getItems().stream()
                .map(Series::protocol).toList().containsAll(List.of("localizer", "se2d", "gre3d")));
        Series spinEcho = series.getItems().stream().filter(s -> s.protocol().equals("se2d")).reduce((a, b) -> b).orElseThrow();
        robot.interact(() -> series.getSelectionModel().select(spinEcho));
        ViewerPane viewer = robot.lookup(n -> n instanceof ViewerPane).queryAs(ViewerPane.class);
        waitFor("the spin echo in the viewer", () -> viewer.series().size() == 1 && !viewer.viewports().isEmpty());
        assertThat(robot.lookup("#viewer-status").queryAs(Label.class).getText()).isEmpty();
        ImageVolume se = NiftiReader.read(Path.of(spinEcho.rawPath()).resolveSibling("images.nii"));
        ImageViewport vp = viewer.viewports().getFirst();
        // shown as radiographers read an axial: anterior up, the patient's left on the right, lettered on the edges;
        // the day planned it turned 15° on the coronal plane, so the side edges lean toward the head and the feet
        assertThat(vp.edgeLetters()).containsExactly("A", "LS", "P", "RI");
        var turned = vp.orientation();
        assertThat(vp.image().width()).isEqualTo(turned.displayWidth(se.nx(), se.ny()));
        assertThat(vp.getWidth()).as("the image takes the room beside the series list").isGreaterThan(500);

        // W/L: a drag to the right widens the window by e^(60 px × sensitivity), the label and the pixels follow
        WindowLevel before = vp.window();
        Point2D centre = vp.localToScreen(vp.getWidth() / 2, vp.getHeight() / 2);
        robot.drag(centre, MouseButton.PRIMARY).moveBy(60, 0).release(MouseButton.PRIMARY);
        WindowLevel dragged = vp.window();
        assertThat(dragged.width()).isCloseTo(before.width() * Math.exp(60 * ImageViewport.WINDOW_DRAG_SENSITIVITY), within(before.width() * 1e-6));
        assertThat(dragged.centre()).isCloseTo(before.centre(), within(1e-9));
        assertThat(shownNumber(vp.infoLabel(), "W")).isCloseTo(dragged.width(), within(rounding(dragged.width())));
        WritableImage[] screen = new WritableImage[1];
        robot.interact(() -> screen[0] = vp.snapshot(null, null));
        int z = viewer.cursor().index();
        for (int[] p : new int[][] {{16, 16}, {10, 20}, {22, 8}, {4, 28}}) {
            int[] d = turned.displayPixel(p[0], p[1], se.nx(), se.ny());
            double[] at = vp.view().toScreen(d[0] + 0.5, d[1] + 0.5);
            int grey = screen[0].getPixelReader().getArgb((int) at[0], (int) at[1]) & 0xFF;
            assertThat(grey).as("grey at voxel %d,%d", p[0], p[1]).isCloseTo(dragged.grey(se.value(p[0], p[1], z)), within(1));
        }

        // zoom: the zoom tool dragged 40 px up magnifies e^0.4 times, and the factor is shown
        double fit = vp.view().zoom();
        robot.clickOn("#viewer-tool-zoom");
        robot.drag(centre, MouseButton.PRIMARY).moveBy(0, -40).release(MouseButton.PRIMARY);
        assertThat(vp.view().zoom()).isCloseTo(fit * Math.exp(0.4), within(1e-6));
        assertThat(shownNumber(vp.infoLabel(), "Zoom")).isCloseTo(fit * Math.exp(0.4), within(0.006));

        // ROI: an ellipse dragged over the middle; mean, SD (n − 1) and area from the NIfTI's voxels whose centres it holds
        robot.clickOn("#viewer-tool-roi");
        Point2D from = vp.localToScreen(vp.getWidth() / 2 - 120, vp.getHeight() / 2 - 90);
        Point2D to = vp.localToScreen(vp.getWidth() / 2 + 120, vp.getHeight() / 2 + 90);
        robot.drag(from, MouseButton.PRIMARY).moveTo(to).release(MouseButton.PRIMARY);
        double[] a = storedPoint(vp, from, se.nx(), se.ny()), b = storedPoint(vp, to, se.nx(), se.ny());
        double cx = (a[0] + b[0]) / 2, cy = (a[1] + b[1]) / 2, rx = Math.abs(b[0] - a[0]) / 2, ry = Math.abs(b[1] - a[1]) / 2;
        List<Double> inside = new ArrayList<>();
        for (int y = 0; y < se.ny(); y++) {
            for (int x = 0; x < se.nx(); x++) {
                double u = (x + 0.5 - cx) / rx, w = (y + 0.5 - cy) / ry;
                if (u * u + w * w <= 1) inside.add((double) se.value(x, y, z));
            }
        }
        double mean = inside.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double sd = Math.sqrt(inside.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum() / (inside.size() - 1));
        assertThat(inside.size()).isGreaterThan(20);
        Label measured = vp.measurementLabel();
        assertThat(measured.getText()).endsWith("(" + inside.size() + " px)");
        assertThat(shownNumber(measured, "Mean")).isCloseTo(mean, within(rounding(mean)));
        assertThat(shownNumber(measured, "SD")).isCloseTo(sd, within(rounding(sd)));
        double area = inside.size() * se.dxMm() * se.dyMm();
        assertThat(shownNumber(measured, "Area")).isCloseTo(area, within(rounding(area)));
        shot.take("10-viewer-roi");

        // the 3D scan: a key scrolls one partition, the MPR shows the three planes through the cursor
        Series threeD = series.getItems().stream().filter(s -> s.protocol().equals("gre3d")).findFirst().orElseThrow();
        robot.interact(() -> series.getSelectionModel().select(threeD));
        waitFor("the 3D scan in the viewer", () -> viewer.series().size() == 2 && viewer.viewports().getFirst().image().width() == 32);
        ImageVolume vol = NiftiReader.read(Path.of(threeD.rawPath()).resolveSibling("images.nii"));
        assertThat(vol.nz()).isEqualTo(4);
        assertThat(vol.dzMm()).isCloseTo(vol.dxMm(), within(1e-6));
        assertThat(viewer.cursor().index()).isEqualTo(2);
        robot.moveTo(viewer.viewports().getFirst()).scroll(1, javafx.geometry.VerticalDirection.DOWN);
        int partition = viewer.cursor().index();
        assertThat(partition).as("a wheel notch moves one partition (its sign is the platform's)").isIn(1, 3);
        assertThat(viewer.viewports().getFirst().infoLabel().getText()).startsWith("Slice " + (partition + 1) + "/4");
        partition = keysReachTheImage(viewer, vol, series);
        robot.clickOn("#viewer-layout-mpr");
        assertThat(viewer.viewports()).hasSize(3);
        int[] cursor = viewer.mprVoxel();
        assertThat(cursor[2]).isEqualTo(partition);
        MprPlane[] planes = MprPlane.values();
        for (int i = 0; i < 3; i++) {
            var image = viewer.viewports().get(i).image();
            var planeTurned = viewer.viewports().get(i).orientation();
            int index = planes[i].sliceThrough(cursor);
            var stored = planes[i].slice(vol, index); // cubic voxels: shown without resampling, only turned
            assertThat(viewer.viewports().get(i).infoLabel().getText()).startsWith("Slice " + (index + 1) + "/" + planes[i].sliceCount(vol));
            for (int[] p : new int[][] {{3, 0}, {16, 2}, {28, 3}}) {
                int[] voxel = planes[i].voxelAt(vol, index, p[0], p[1]);
                int[] d = planeTurned.displayPixel(p[0], p[1], stored.width(), stored.height());
                assertThat(image.value(d[0], d[1])).as("plane %s pixel %d,%d", planes[i], p[0], p[1])
                        .isEqualTo(vol.value(voxel[0], voxel[1], voxel[2]));
            }
        }
        shot.take("10b-viewer-mpr");
    }

    /**
     * The viewer's keys pressed in the window, the focus on the tab header (where arrows would switch tabs), on the
     * image after a click, on the series list (which keeps its own arrows): the slice shown (label and pixels) follows, 2 applies the full-range
     * preset, C starts and stops cine. Returns the partition shown at the end.
     */
    private int keysReachTheImage(ViewerPane viewer, ImageVolume vol, ListView<Series> seriesList) throws Exception {
        ImageViewport vp = viewer.viewports().getFirst();
        javafx.scene.control.TabPane areas = robot.lookup("#areas").queryAs(javafx.scene.control.TabPane.class);
        robot.interact(areas::requestFocus); // as after moving along the tab headers with the keyboard
        assertThat(areas.isFocused()).as("the tab header has the focus").isTrue();
        robot.type(KeyCode.END);
        assertShows(vp, vol, 3);
        robot.type(KeyCode.HOME);
        assertShows(vp, vol, 0);
        robot.type(KeyCode.DOWN);
        assertShows(vp, vol, 1);
        assertThat(areas.getSelectionModel().getSelectedItem().getId()).as("Down scrolled the images instead of switching tabs")
                .isEqualTo("tab-viewer");
        robot.clickOn("#viewer-tool-pan").clickOn(vp); // a click on the image gives it the focus
        assertThat(vp.isFocused()).isTrue();
        robot.type(KeyCode.PAGE_DOWN);
        assertShows(vp, vol, 3);
        robot.type(KeyCode.UP);
        assertShows(vp, vol, 2);
        robot.type(KeyCode.DIGIT2); // the second preset, full range
        WindowLevel full = org.lodestone.console.viewing.WindowPreset.FULL.applyTo(vp.image());
        assertThat(vp.window().width()).isCloseTo(full.width(), within(full.width() * 1e-9));
        assertThat(shownNumber(vp.infoLabel(), "W")).isCloseTo(full.width(), within(rounding(full.width())));
        javafx.scene.control.ToggleButton cine = robot.lookup("#viewer-cine").queryAs(javafx.scene.control.ToggleButton.class);
        robot.interact(seriesList::requestFocus); // the list keeps its arrows, the viewer gets the rest
        assertThat(seriesList.isFocused()).isTrue();
        robot.type(KeyCode.C);
        assertThat(cine.isSelected()).as("C starts cine").isTrue();
        int from = viewer.cursor().index();
        waitFor("cine moves to another slice", () -> viewer.cursor().index() != from);
        robot.type(KeyCode.C);
        assertThat(cine.isSelected()).as("C stops cine").isFalse();
        robot.clickOn(vp).type(KeyCode.END);
        assertShows(vp, vol, 3);
        return viewer.cursor().index();
    }

    /** The single view shows partition {@code z}: its label and its pixels (the 3D scan is isotropic, 32²). */
    private static void assertShows(ImageViewport vp, ImageVolume vol, int z) {
        assertThat(vp.infoLabel().getText()).startsWith("Slice " + (z + 1) + "/" + vol.nz());
        for (int[] p : new int[][] {{5, 7}, {16, 16}, {27, 20}}) {
            int[] d = vp.orientation().displayPixel(p[0], p[1], vol.nx(), vol.ny());
            assertThat(vp.image().value(d[0], d[1])).as("pixel %d,%d of partition %d", p[0], p[1], z).isEqualTo(vol.value(p[0], p[1], z));
        }
    }

    /** The point of the stored {@code w × h} image under screen point {@code p} of {@code vp} (the image is shown turned). */
    private static double[] storedPoint(ImageViewport vp, Point2D p, int w, int h) {
        Point2D local = vp.screenToLocal(p);
        double[] shown = vp.view().toImage(local.getX(), local.getY());
        return vp.orientation().storedPoint(shown[0], shown[1], w, h);
    }

    /** Half the last digit the viewer shows of {@code v} (1234.5, 12.35, 0.812), plus a hair for binary fractions. */
    private static double rounding(double v) {
        double a = Math.abs(v);
        return (a >= 100 ? 0.05 : a >= 1 ? 0.005 : 0.0005) + 1e-9;
    }

    /** The number after {@code name} in a viewer label ("W 123.4", "Zoom 12.50×", "Mean 0.812"). */
    private static double shownNumber(Label label, String name) {
        var m = java.util.regex.Pattern.compile("\\b" + name + " (-?[0-9][0-9,]*\\.?[0-9]*)").matcher(label.getText());
        assertThat(m.find()).as("%s in '%s'", name, label.getText()).isTrue();
        return Double.parseDouble(m.group(1).replace(",", ""));
    }
}
