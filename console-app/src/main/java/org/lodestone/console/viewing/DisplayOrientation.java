package org.lodestone.console.viewing;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * How a stored image is turned for display, the way radiographers read it, and the letters on its four edges.
 * Directions are in patient coordinates LPS+ (+x toward the patient's left, +y posterior, +z superior), the frame of
 * {@code ImageVolume}: images.nii stores RAS+ in its affine and {@code NiftiReader} negates x and y on reading.
 * The usual display: axial with anterior up and the patient's left on the screen's right (radiological), coronal with
 * superior up and left on the right, sagittal with superior up and anterior on the left. Of the 8 flips and
 * transposes of the stored pixels the one whose screen right and screen down lie closest to the usual ones for the
 * image's plane (the axis its normal mostly follows) is chosen.
 *
 * <p>Display x runs along stored x, or along stored y when {@code transposed}; {@code reversedAcross} and
 * {@code reversedDown} say that display x / display y run against the stored axis they follow.
 */
public record DisplayOrientation(boolean transposed, boolean reversedAcross, boolean reversedDown, Letters letters) {

    /** The stored image as it is, without letters (no geometry known). */
    public static final DisplayOrientation AS_STORED = new DisplayOrientation(false, false, false, Letters.NONE);

    /** A second letter when an edge leans more than this toward a second axis (a 20° oblique axial shows "AL"). */
    static final double SECOND_LETTER_MIN = Math.sin(Math.toRadians(10));

    /** The letters of the four edges: the patient directions the screen's top, right, bottom and left point to. */
    public record Letters(String top, String right, String bottom, String left) {
        public static final Letters NONE = new Letters("", "", "", "");
    }

    /**
     * The orientation of an image whose stored pixels run along {@code across} (increasing x) and {@code down}
     * (increasing y), both LPS directions.
     */
    public static DisplayOrientation of(double[] across, double[] down) {
        double[] a = unit(across), d = unit(down);
        double[] normal = cross(a, d);
        int plane = major(normal);
        // the usual screen right and screen down, in LPS, for a sagittal (x), coronal (y) or axial (z) plane
        double[] right = plane == 0 ? new double[] {0, 1, 0} : new double[] {1, 0, 0};
        double[] screenDown = plane == 2 ? new double[] {0, 1, 0} : new double[] {0, 0, -1};
        DisplayOrientation best = null;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (boolean transposed : new boolean[] {false, true}) {
            for (boolean reversedAcross : new boolean[] {false, true}) {
                for (boolean reversedDown : new boolean[] {false, true}) {
                    double[] r = scaled(transposed ? d : a, reversedAcross ? -1 : 1);
                    double[] dn = scaled(transposed ? a : d, reversedDown ? -1 : 1);
                    double score = dot(r, right) + dot(dn, screenDown);
                    if (score > bestScore + 1e-9) { // ties keep the earlier candidate: as stored first
                        bestScore = score;
                        best = new DisplayOrientation(transposed, reversedAcross, reversedDown,
                                new Letters(letters(scaled(dn, -1)), letters(r), letters(dn), letters(scaled(r, -1))));
                    }
                }
            }
        }
        return best;
    }

    /** Width of the displayed image of a stored {@code storedWidth × storedHeight} image. */
    public int displayWidth(int storedWidth, int storedHeight) {
        return transposed ? storedHeight : storedWidth;
    }

    public int displayHeight(int storedWidth, int storedHeight) {
        return transposed ? storedWidth : storedHeight;
    }

    /** The stored image turned for display; pixel sizes follow their axes (a transpose swaps them). */
    public SliceImage apply(SliceImage stored) {
        if (!transposed && !reversedAcross && !reversedDown) return stored;
        int w = stored.width(), h = stored.height();
        int dw = displayWidth(w, h), dh = displayHeight(w, h);
        float[] src = stored.pixels(), out = new float[dw * dh];
        for (int y = 0; y < dh; y++) {
            for (int x = 0; x < dw; x++) {
                int[] s = storedPixel(x, y, w, h);
                out[y * dw + x] = src[s[1] * w + s[0]];
            }
        }
        return transposed ? new SliceImage(dw, dh, out, stored.pixelHeightMm(), stored.pixelWidthMm())
                : new SliceImage(dw, dh, out, stored.pixelWidthMm(), stored.pixelHeightMm());
    }

    /** Stored pixel (x, y) shown at display pixel ({@code x}, {@code y}) of a stored {@code w × h} image. */
    public int[] storedPixel(int x, int y, int w, int h) {
        int alongA = reversedAcross ? displayWidth(w, h) - 1 - x : x;
        int alongB = reversedDown ? displayHeight(w, h) - 1 - y : y;
        return transposed ? new int[] {alongB, alongA} : new int[] {alongA, alongB};
    }

    /** Display pixel where stored pixel ({@code x}, {@code y}) of a stored {@code w × h} image is shown. */
    public int[] displayPixel(int x, int y, int w, int h) {
        int alongA = transposed ? y : x, alongB = transposed ? x : y;
        return new int[] {reversedAcross ? displayWidth(w, h) - 1 - alongA : alongA,
                reversedDown ? displayHeight(w, h) - 1 - alongB : alongB};
    }

    /** As {@link #storedPixel} for a point (pixel (i, j) covering [i, i+1) × [j, j+1)), e.g. a measurement's end. */
    public double[] storedPoint(double x, double y, int w, int h) {
        double alongA = reversedAcross ? displayWidth(w, h) - x : x;
        double alongB = reversedDown ? displayHeight(w, h) - y : y;
        return transposed ? new double[] {alongB, alongA} : new double[] {alongA, alongB};
    }

    /** As {@link #displayPixel} for a point: where stored point ({@code x}, {@code y}) lies on the display. */
    public double[] displayPoint(double x, double y, int w, int h) {
        double alongA = transposed ? y : x, alongB = transposed ? x : y;
        return new double[] {reversedAcross ? displayWidth(w, h) - alongA : alongA,
                reversedDown ? displayHeight(w, h) - alongB : alongB};
    }

    /** The patient direction(s) {@code v} (LPS) points to: the nearest axis, and a second one it leans toward. */
    static String letters(double[] v) {
        double[] u = unit(v);
        Integer[] order = IntStream.range(0, 3).boxed().sorted(Comparator.comparingDouble(i -> -Math.abs(u[i]))).toArray(Integer[]::new);
        String first = letter(order[0], u[order[0]]);
        return Math.abs(u[order[1]]) >= SECOND_LETTER_MIN ? first + letter(order[1], u[order[1]]) : first;
    }

    private static String letter(int axis, double sign) {
        return switch (axis) {
            case 0 -> sign > 0 ? "L" : "R";
            case 1 -> sign > 0 ? "P" : "A";
            default -> sign > 0 ? "S" : "I";
        };
    }

    /** The axis (0 x, 1 y, 2 z) {@code v} mostly follows; ties go to the later axis. */
    static int major(double[] v) {
        double x = Math.abs(v[0]), y = Math.abs(v[1]), z = Math.abs(v[2]);
        return z >= y && z >= x ? 2 : y >= x ? 1 : 0;
    }

    private static double[] unit(double[] v) {
        double n = Math.sqrt(dot(v, v));
        if (!(n > 0) || v.length != 3) throw new IllegalArgumentException("not a 3D direction: " + Arrays.toString(v));
        return scaled(v, 1 / n);
    }

    private static double[] cross(double[] a, double[] b) {
        return new double[] {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
    }

    private static double dot(double[] a, double[] b) {
        return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    }

    private static double[] scaled(double[] v, double s) {
        return new double[] {v[0] * s, v[1] * s, v[2] * s};
    }
}
