package org.lodestone.console.viewing;

import java.util.Objects;

/**
 * One 2D image to show: {@code width × height} values, x fastest, and the size of a pixel in mm
 * (a reformatted slice of an anisotropic volume has rectangular pixels). Pixels are copied in, not out:
 * renderers read them in a tight loop, so {@link #pixels()} hands out the array; do not change it.
 */
public record SliceImage(int width, int height, float[] pixels, double pixelWidthMm, double pixelHeightMm) {

    public SliceImage {
        if (width < 1 || height < 1) throw new IllegalArgumentException("image size must be positive: " + width + "×" + height);
        Objects.requireNonNull(pixels, "pixels");
        if (pixels.length != width * height) {
            throw new IllegalArgumentException(pixels.length + " values for a " + width + "×" + height + " image");
        }
        if (!(pixelWidthMm > 0 && pixelHeightMm > 0)) throw new IllegalArgumentException("pixel size must be positive mm");
        pixels = pixels.clone();
    }

    public float value(int x, int y) {
        return pixels[y * width + x];
    }

    /** Value at a fractional pixel position, bilinear between the four nearest pixel centres (clamped at the edges). */
    public double interpolated(double x, double y) {
        double cx = Math.clamp(x, 0, width - 1), cy = Math.clamp(y, 0, height - 1);
        int x0 = (int) Math.floor(cx), y0 = (int) Math.floor(cy);
        int x1 = Math.min(x0 + 1, width - 1), y1 = Math.min(y0 + 1, height - 1);
        double fx = cx - x0, fy = cy - y0;
        double top = value(x0, y0) * (1 - fx) + value(x1, y0) * fx;
        double bottom = value(x0, y1) * (1 - fx) + value(x1, y1) * fx;
        return top * (1 - fy) + bottom * fy;
    }

    public double widthMm() {
        return width * pixelWidthMm;
    }

    public double heightMm() {
        return height * pixelHeightMm;
    }

    /** Lowest and highest value. */
    public double[] range() {
        float lo = Float.POSITIVE_INFINITY, hi = Float.NEGATIVE_INFINITY;
        for (float v : pixels) {
            if (v < lo) lo = v;
            if (v > hi) hi = v;
        }
        return new double[] {lo, hi};
    }

    /**
     * The same view with square pixels of the smaller side (bilinear): a reformat of thick slices is shown
     * with its true proportions without the renderer having to stretch.
     */
    public SliceImage isotropic() {
        if (Math.abs(pixelWidthMm - pixelHeightMm) < 1e-9) return this;
        double size = Math.min(pixelWidthMm, pixelHeightMm);
        int w = Math.max(1, (int) Math.round(widthMm() / size)), h = Math.max(1, (int) Math.round(heightMm() / size));
        float[] out = new float[w * h];
        for (int y = 0; y < h; y++) {
            // centre of the new pixel, in old pixel coordinates
            double sy = ((y + 0.5) * size) / pixelHeightMm - 0.5;
            for (int x = 0; x < w; x++) {
                double sx = ((x + 0.5) * size) / pixelWidthMm - 0.5;
                out[y * w + x] = (float) interpolated(sx, sy);
            }
        }
        return new SliceImage(w, h, out, size, size);
    }
}
