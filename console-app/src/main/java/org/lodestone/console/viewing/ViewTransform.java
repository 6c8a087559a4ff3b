package org.lodestone.console.viewing;

/**
 * Where an image lies on screen: screen = image × zoom + offset (image coordinates in pixels, pixel (i, j)
 * covering [i, i+1) × [j, j+1)). Zoom 1 shows one image pixel on one screen pixel.
 */
public record ViewTransform(double zoom, double offsetX, double offsetY) {
    public static final double MIN_ZOOM = 0.05;
    public static final double MAX_ZOOM = 64;

    public ViewTransform {
        if (!(zoom > 0) || !Double.isFinite(offsetX) || !Double.isFinite(offsetY)) {
            throw new IllegalArgumentException("zoom must be positive and offsets finite");
        }
    }

    /** The whole image, as large as fits and centred, in a view of {@code viewW × viewH}. */
    public static ViewTransform fit(int imageW, int imageH, double viewW, double viewH) {
        double zoom = Math.clamp(Math.min(viewW / imageW, viewH / imageH), MIN_ZOOM, MAX_ZOOM);
        return new ViewTransform(zoom, (viewW - imageW * zoom) / 2, (viewH - imageH * zoom) / 2);
    }

    /** Zoomed by {@code factor} keeping the image point under screen point (sx, sy) where it is. */
    public ViewTransform zoomedAbout(double sx, double sy, double factor) {
        double z = Math.clamp(zoom * factor, MIN_ZOOM, MAX_ZOOM);
        double ix = (sx - offsetX) / zoom, iy = (sy - offsetY) / zoom;
        return new ViewTransform(z, sx - ix * z, sy - iy * z);
    }

    public ViewTransform panned(double dx, double dy) {
        return new ViewTransform(zoom, offsetX + dx, offsetY + dy);
    }

    public double[] toImage(double sx, double sy) {
        return new double[] {(sx - offsetX) / zoom, (sy - offsetY) / zoom};
    }

    public double[] toScreen(double ix, double iy) {
        return new double[] {ix * zoom + offsetX, iy * zoom + offsetY};
    }
}
