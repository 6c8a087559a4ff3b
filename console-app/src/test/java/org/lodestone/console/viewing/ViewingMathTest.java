package org.lodestone.console.viewing;

import org.junit.jupiter.api.Test;
import org.lodestone.recon.image.ImageVolume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The viewer's pixel work against values worked out by hand. */
class ViewingMathTest {

    @Test
    void windowLevelMapsTheWindowOntoBlackToWhite() {
        WindowLevel wl = new WindowLevel(100, 200); // 0..200
        assertThat(wl.grey(0)).isEqualTo(0);
        assertThat(wl.grey(-5)).isEqualTo(0);
        assertThat(wl.grey(100)).isEqualTo(128); // 127.5 rounds up
        assertThat(wl.grey(50)).isEqualTo(64);   // 63.75
        assertThat(wl.grey(200)).isEqualTo(255);
        assertThat(wl.grey(1e9)).isEqualTo(255);
        int[] argb = new int[4];
        wl.render(new SliceImage(2, 2, new float[] {0, 50, 100, 250}, 1, 1), argb);
        assertThat(argb).containsExactly(0xFF000000, 0xFF404040, 0xFF808080, 0xFFFFFFFF);
    }

    @Test
    void draggingRightWidensAndDownRaisesTheLevel() {
        WindowLevel wl = new WindowLevel(100, 200).dragged(100, 0, 0.01);
        assertThat(wl.width()).isCloseTo(200 * Math.E, within(1e-9));
        assertThat(wl.centre()).isEqualTo(100);
        WindowLevel down = new WindowLevel(100, 200).dragged(0, 10, 0.01);
        assertThat(down.centre()).isCloseTo(120, within(1e-9));
        assertThat(down.width()).isEqualTo(200);
    }

    @Test
    void presetsSpanPercentilesOfTheImage() {
        float[] v = new float[101];
        for (int i = 0; i <= 100; i++) v[i] = 2 * i; // 0, 2, …, 200
        SliceImage img = new SliceImage(101, 1, v, 1, 1);
        assertThat(WindowPreset.FULL.applyTo(img)).isEqualTo(new WindowLevel(100, 200));
        WindowLevel auto = WindowPreset.AUTO.applyTo(img); // 1st..99th percentile = 2..198
        assertThat(auto.centre()).isCloseTo(100, within(1e-9));
        assertThat(auto.width()).isCloseTo(196, within(1e-9));
    }

    @Test
    void roiStatisticsOfAKnownPatch() {
        // 4×4 image of value x + 4y; a rectangle over the 2×2 block at (1..2, 1..2) holds 5, 6, 9, 10
        float[] v = new float[16];
        for (int i = 0; i < 16; i++) v[i] = i;
        SliceImage img = new SliceImage(4, 4, v, 0.5, 2.0);
        RoiStatistics s = RoiStatistics.of(img, new Roi.Rectangle(1, 1, 3, 3));
        assertThat(s.count()).isEqualTo(4);
        assertThat(s.mean()).isCloseTo(7.5, within(1e-12));
        // deviations ±2.5, ±1.5: (6.25+2.25+2.25+6.25)/3 = 17/3
        assertThat(s.standardDeviation()).isCloseTo(Math.sqrt(17.0 / 3), within(1e-12));
        assertThat(s.areaMm2()).isCloseTo(4 * 0.5 * 2.0, within(1e-12));
        assertThat(s.min()).isEqualTo(5);
        assertThat(s.max()).isEqualTo(10);
    }

    @Test
    void anEllipseHoldsThePixelsWhoseCentresItCovers() {
        SliceImage img = new SliceImage(5, 5, new float[25], 1, 1);
        // circle of radius 1.2 about the centre of pixel (2, 2): that pixel and its four edge neighbours
        RoiStatistics s = RoiStatistics.of(img, new Roi.Ellipse(2.5, 2.5, 1.2, 1.2));
        assertThat(s.count()).isEqualTo(5);
        assertThat(s.areaMm2()).isEqualTo(5);
        assertThat(RoiStatistics.of(img, new Roi.Ellipse(-10, -10, 1, 1)).count()).isZero();
    }

    @Test
    void distancesAndAnglesAreInMillimetres() {
        SliceImage img = new SliceImage(10, 10, new float[100], 0.5, 2.0);
        assertThat(Measurement.distanceMm(img, 0, 0, 6, 2)).isCloseTo(5, within(1e-12)); // 3 mm × 4 mm
        // arms (4, 0) px = 2 mm along x and (0, 1) px = 2 mm along y: a right angle in mm
        assertThat(Measurement.angleDegrees(img, 4, 0, 0, 0, 0, 1)).isCloseTo(90, within(1e-9));
        // (4, 1) px = (2, 2) mm: 45° to the x arm
        assertThat(Measurement.angleDegrees(img, 4, 0, 0, 0, 4, 1)).isCloseTo(45, within(1e-9));
    }

    @Test
    void zoomKeepsThePointUnderThePointer() {
        ViewTransform fit = ViewTransform.fit(100, 50, 400, 400);
        assertThat(fit.zoom()).isEqualTo(4);
        assertThat(fit.offsetY()).isEqualTo(100);
        ViewTransform z = fit.zoomedAbout(120, 180, 2);
        double[] before = fit.toImage(120, 180), after = z.toImage(120, 180);
        assertThat(after[0]).isCloseTo(before[0], within(1e-9));
        assertThat(after[1]).isCloseTo(before[1], within(1e-9));
        assertThat(z.zoom()).isEqualTo(8);
        assertThat(z.panned(10, -5).toScreen(0, 0)).containsExactly(z.offsetX() + 10, z.offsetY() - 5);
    }

    @Test
    void reformatsAndProjectionsOfASmallVolume() {
        // 2×3×4 volume, value = x + 10y + 100z
        float[] d = new float[24];
        for (int z = 0; z < 4; z++) for (int y = 0; y < 3; y++) for (int x = 0; x < 2; x++) d[(z * 3 + y) * 2 + x] = x + 10 * y + 100 * z;
        ImageVolume v = ImageVolume.withIdentityGeometry(2, 3, 4, d, 1, 1.5, 3);
        SliceImage acquired = MprPlane.ACQUIRED.slice(v, 2);
        assertThat(acquired.value(1, 2)).isEqualTo(221);
        SliceImage alongRead = MprPlane.ALONG_READ.slice(v, 1); // y = 1: x across, z up
        assertThat(alongRead.width()).isEqualTo(2);
        assertThat(alongRead.height()).isEqualTo(4);
        assertThat(alongRead.value(1, 0)).isEqualTo(311); // top row is the last slice
        assertThat(alongRead.pixelHeightMm()).isEqualTo(3);
        SliceImage alongPhase = MprPlane.ALONG_PHASE.slice(v, 0); // x = 0: y across
        assertThat(alongPhase.value(2, 3)).isEqualTo(20);
        assertThat(MprPlane.ALONG_PHASE.voxelAt(v, 0, 2, 3)).containsExactly(0, 2, 0);
        assertThat(MprPlane.ACQUIRED.maximumIntensityProjection(v).value(1, 1)).isEqualTo(311);
        assertThat(MprPlane.ALONG_READ.maximumIntensityProjection(v).value(0, 3)).isEqualTo(20);
    }

    @Test
    void aReformatStandsUprightWhicheverWayTheSlicesRun() {
        // a 3D axial slab as reconstructed: its partitions run toward the feet (issue #16), so slice 0 is the head end
        float[] d = new float[24];
        for (int z = 0; z < 4; z++) for (int y = 0; y < 3; y++) for (int x = 0; x < 2; x++) d[(z * 3 + y) * 2 + x] = x + 10 * y + 100 * z;
        ImageVolume feetward = new ImageVolume(2, 3, 4, d, 1, 1.5, 3, new double[] {0, 0, 9}, new double[] {-1, 0, 0},
                new double[] {0, -1, 0}, new double[] {0, 0, -1});
        SliceImage alongRead = MprPlane.ALONG_READ.slice(feetward, 1);
        assertThat(alongRead.value(1, 0)).as("top row: slice 0, the head end").isEqualTo(11);
        assertThat(alongRead.value(1, 3)).isEqualTo(311);
        assertThat(MprPlane.ALONG_READ.voxelAt(feetward, 1, 1, 0)).containsExactly(1, 1, 0);
        assertThat(MprPlane.ALONG_PHASE.voxelAt(feetward, 0, 2, 3)).containsExactly(0, 2, 3);
        // a coronal stack running to the back: the front slice on top
        ImageVolume backward = new ImageVolume(2, 3, 4, d, 1, 1.5, 3, new double[3], new double[] {1, 0, 0},
                new double[] {0, 0, -1}, new double[] {0, 1, 0});
        assertThat(MprPlane.ALONG_READ.slice(backward, 0).value(0, 0)).isEqualTo(0);
    }

    @Test
    void isotropicResamplingKeepsProportionsAndInterpolates() {
        // 2 wide × 1 high, pixels 1 × 2 mm: becomes 2 × 2 of 1 mm, both rows the same
        SliceImage img = new SliceImage(2, 1, new float[] {0, 10}, 1, 2);
        SliceImage iso = img.isotropic();
        assertThat(iso.width()).isEqualTo(2);
        assertThat(iso.height()).isEqualTo(2);
        assertThat(iso.pixels()).containsExactly(0, 10, 0, 10);
        assertThat(new SliceImage(2, 2, new float[] {0, 10, 20, 30}, 1, 1).interpolated(0.5, 0.5)).isCloseTo(15, within(1e-9));
    }

    @Test
    void scrollingStopsAtTheEndsAndCineWraps() {
        SliceCursor c = new SliceCursor(3, 5);
        assertThat(c.scrolled(10).index()).isEqualTo(4);
        assertThat(c.scrolled(-10).index()).isEqualTo(0);
        assertThat(c.nextInCine().nextInCine().index()).isEqualTo(0);
    }
}
