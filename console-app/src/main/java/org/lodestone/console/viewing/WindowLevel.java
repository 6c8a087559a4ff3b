package org.lodestone.console.viewing;

/**
 * Window/level: values from {@code centre - width/2} to {@code centre + width/2} spread over black to
 * white, below black, above white (the linear ramp of DICOM PS3.3 C.11.2.1.2 without its half-pixel offsets).
 */
public record WindowLevel(double centre, double width) {

    public WindowLevel {
        if (!Double.isFinite(centre) || !(width > 0) || !Double.isFinite(width)) {
            throw new IllegalArgumentException("window width must be positive and centre finite: " + centre + "/" + width);
        }
    }

    /** The window that spans {@code lo..hi}. */
    public static WindowLevel spanning(double lo, double hi) {
        double width = hi > lo ? hi - lo : Math.max(Math.abs(hi), 1e-6);
        return new WindowLevel((lo + hi) / 2, width);
    }

    /** Grey level 0..255 of a value. */
    public int grey(double value) {
        double g = (value - (centre - width / 2)) / width * 255.0;
        if (g <= 0) return 0;
        if (g >= 255) return 255;
        return (int) Math.round(g);
    }

    /**
     * The window after a mouse drag: right widens, left narrows, down raises the level (brighter tissue darker),
     * up lowers it, each pixel moving by {@code perPixel} of the current width (the feel of a vendor console).
     */
    public WindowLevel dragged(double dxPixels, double dyPixels, double perPixel) {
        double w = width * Math.exp(dxPixels * perPixel);
        double c = centre + dyPixels * perPixel * width;
        return new WindowLevel(c, Math.max(w, 1e-6));
    }

    /** Opaque ARGB grey pixels of {@code image}, into {@code argb} (length width × height). */
    public void render(SliceImage image, int[] argb) {
        float[] px = image.pixels();
        if (argb.length < px.length) throw new IllegalArgumentException("output holds " + argb.length + " pixels, needs " + px.length);
        float lo = (float) (centre - width / 2), scale = (float) (255.0 / width);
        for (int i = 0; i < px.length; i++) {
            float g = (px[i] - lo) * scale;
            int v = g <= 0 ? 0 : g >= 255 ? 255 : (int) (g + 0.5f);
            argb[i] = 0xFF000000 | v << 16 | v << 8 | v;
        }
    }
}
