package org.lodestone.console.viewing;

import org.junit.jupiter.api.Test;
import org.lodestone.console.viewing.DisplayOrientation.Letters;
import org.lodestone.recon.image.ImageVolume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Display orientation from pixel directions in LPS (+x left, +y posterior, +z superior), against cases worked by hand. */
class DisplayOrientationTest {
    private static final double[] L = {1, 0, 0}, R = {-1, 0, 0}, P = {0, 1, 0}, A = {0, -1, 0}, S = {0, 0, 1}, I = {0, 0, -1};

    private static DisplayOrientation turned(boolean transposed, boolean reversedAcross, boolean reversedDown, String top,
                                             String right, String bottom, String left) {
        return new DisplayOrientation(transposed, reversedAcross, reversedDown, new Letters(top, right, bottom, left));
    }

    @Test
    void anAxialStoredRadiologicallyIsShownAsStored() {
        assertThat(DisplayOrientation.of(L, P)).isEqualTo(turned(false, false, false, "A", "L", "P", "R"));
    }

    @Test
    void aMirroredAxialIsFlippedBack() {
        assertThat(DisplayOrientation.of(R, P)).isEqualTo(turned(false, true, false, "A", "L", "P", "R"));
        assertThat(DisplayOrientation.of(L, A)).isEqualTo(turned(false, false, true, "A", "L", "P", "R"));
        assertThat(DisplayOrientation.of(R, A)).isEqualTo(turned(false, true, true, "A", "L", "P", "R"));
    }

    @Test
    void coronalSuperiorUpAndLeftOnTheRight() {
        assertThat(DisplayOrientation.of(L, I)).isEqualTo(turned(false, false, false, "S", "L", "I", "R"));
        assertThat(DisplayOrientation.of(R, S)).isEqualTo(turned(false, true, true, "S", "L", "I", "R"));
        // stored with the head to the right: turned a quarter so the head is up
        assertThat(DisplayOrientation.of(S, L)).isEqualTo(turned(true, false, true, "S", "L", "I", "R"));
    }

    @Test
    void sagittalSuperiorUpAndAnteriorOnTheLeft() {
        assertThat(DisplayOrientation.of(P, I)).isEqualTo(turned(false, false, false, "S", "P", "I", "A"));
        assertThat(DisplayOrientation.of(A, I)).isEqualTo(turned(false, true, false, "S", "P", "I", "A"));
        assertThat(DisplayOrientation.of(A, S)).isEqualTo(turned(false, true, true, "S", "P", "I", "A"));
    }

    @Test
    void anAxialTurnedAQuarterInPlaneIsTransposed() {
        // stored x runs posterior, stored y to the patient's right: display x follows stored y backwards, display y stored x
        DisplayOrientation o = DisplayOrientation.of(P, R);
        assertThat(o).isEqualTo(turned(true, true, false, "A", "L", "P", "R"));
        // 3 wide (A→P) × 2 high (L→R): the top left of the display (anterior, patient's right) is stored (0, 1)
        assertThat(o.storedPixel(0, 0, 3, 2)).containsExactly(0, 1);
        assertThat(o.storedPixel(1, 2, 3, 2)).containsExactly(2, 0);
        SliceImage stored = new SliceImage(3, 2, new float[] {0, 1, 2, 10, 11, 12}, 0.5, 2.0);
        SliceImage shown = o.apply(stored);
        assertThat(shown.width()).isEqualTo(2);
        assertThat(shown.height()).isEqualTo(3);
        assertThat(shown.pixels()).containsExactly(10, 0, 11, 1, 12, 2);
        // the spacings follow their axes: display x runs along stored y (2 mm)
        assertThat(shown.pixelWidthMm()).isEqualTo(2.0);
        assertThat(shown.pixelHeightMm()).isEqualTo(0.5);
        // a distance across the turned image in mm is the stored one: stored (0,0)→(2,1) is 1 mm × 2 mm
        double[] a = o.displayPoint(0.5, 0.5, 3, 2), b = o.displayPoint(2.5, 1.5, 3, 2);
        assertThat(Measurement.distanceMm(shown, a[0], a[1], b[0], b[1])).isCloseTo(Math.hypot(1, 2), within(1e-12));
    }

    @Test
    void obliquePlanesGetTwoLettersWhereTheyLean() {
        double t = Math.toRadians(20), c = Math.cos(t), s = Math.sin(t);
        // an axial turned 20° in plane: the top edge points anterior and a little right
        DisplayOrientation turned = DisplayOrientation.of(new double[] {c, -s, 0}, new double[] {s, c, 0});
        assertThat(turned.transposed() || turned.reversedAcross() || turned.reversedDown()).isFalse();
        assertThat(turned.letters()).isEqualTo(new Letters("AR", "LA", "PL", "RP"));
        // an axial tilted 20° about A–P: left and right edges lean toward the head and the feet
        DisplayOrientation tilted = DisplayOrientation.of(new double[] {c, 0, s}, P);
        assertThat(tilted.letters()).isEqualTo(new Letters("A", "LS", "P", "RI"));
        // 5° is read as the plane itself
        double f = Math.toRadians(5);
        assertThat(DisplayOrientation.of(new double[] {Math.cos(f), 0, Math.sin(f)}, P).letters()).isEqualTo(new Letters("A", "L", "P", "R"));
        // an oblique 20° axial stored mirrored is flipped back like the plain one
        assertThat(DisplayOrientation.of(new double[] {-c, 0, -s}, P)).isEqualTo(turned(false, true, false, "A", "LS", "P", "RI"));
    }

    @Test
    void everyTurnMapsDisplayToStoredAndBack() {
        SliceImage stored = new SliceImage(3, 2, new float[] {0, 1, 2, 10, 11, 12}, 1, 1);
        for (boolean tr : new boolean[] {false, true}) {
            for (boolean ra : new boolean[] {false, true}) {
                for (boolean rd : new boolean[] {false, true}) {
                    DisplayOrientation o = new DisplayOrientation(tr, ra, rd, Letters.NONE);
                    SliceImage shown = o.apply(stored);
                    assertThat(shown.width()).isEqualTo(tr ? 2 : 3);
                    for (int y = 0; y < shown.height(); y++) {
                        for (int x = 0; x < shown.width(); x++) {
                            int[] sp = o.storedPixel(x, y, 3, 2);
                            assertThat(shown.value(x, y)).isEqualTo(stored.value(sp[0], sp[1]));
                            assertThat(o.displayPixel(sp[0], sp[1], 3, 2)).containsExactly(x, y);
                            double[] centre = o.storedPoint(x + 0.5, y + 0.5, 3, 2);
                            assertThat(centre).containsExactly(sp[0] + 0.5, sp[1] + 0.5);
                            assertThat(o.displayPoint(centre[0], centre[1], 3, 2)).containsExactly(x + 0.5, y + 0.5);
                        }
                    }
                }
            }
        }
    }

    @Test
    void reformatsOfAnAxialStackAreCoronalAndSagittal() {
        // slices running feetward (a 3D slab, issue #16): the reformats stand upright already, the letters say so
        ImageVolume v = new ImageVolume(2, 3, 4, new float[24], 1, 1, 1, new double[3], L, P, I);
        assertThat(MprPlane.ACQUIRED.displayOrientation(v)).isEqualTo(turned(false, false, false, "A", "L", "P", "R"));
        assertThat(MprPlane.ALONG_READ.displayOrientation(v)).isEqualTo(turned(false, false, false, "S", "L", "I", "R"));
        assertThat(MprPlane.ALONG_PHASE.displayOrientation(v)).isEqualTo(turned(false, false, false, "S", "P", "I", "A"));
    }
}
