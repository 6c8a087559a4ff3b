package org.lodestone.console.viewing;

/** Lengths and angles on an image, in mm and degrees, from image pixel coordinates and the pixel size. */
public final class Measurement {
    private Measurement() {
    }

    /** Distance in mm between two points of {@code image}. */
    public static double distanceMm(SliceImage image, double x0, double y0, double x1, double y1) {
        return Math.hypot((x1 - x0) * image.pixelWidthMm(), (y1 - y0) * image.pixelHeightMm());
    }

    /** Angle in degrees (0..180) at the vertex (vx, vy) between the arms to (ax, ay) and (bx, by), measured in mm. */
    public static double angleDegrees(SliceImage image, double ax, double ay, double vx, double vy, double bx, double by) {
        double ux = (ax - vx) * image.pixelWidthMm(), uy = (ay - vy) * image.pixelHeightMm();
        double wx = (bx - vx) * image.pixelWidthMm(), wy = (by - vy) * image.pixelHeightMm();
        if ((ux == 0 && uy == 0) || (wx == 0 && wy == 0)) return Double.NaN;
        return Math.toDegrees(Math.abs(Math.atan2(ux * wy - uy * wx, ux * wx + uy * wy)));
    }
}
