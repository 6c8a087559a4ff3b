package org.lodestone.recon.image;

import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.ImageIO;

/**
 * 8-bit greyscale PNG of one slice for quick looks and reports. Window 0 … 99.5th percentile (so a few hot
 * pixels do not darken the image), nearest-neighbour upscaling by an integer factor until the larger side
 * is at least {@link #MIN_SIZE} px. Row 0 of the PNG is y = 0. Uses only a raster, no AWT toolkit, so it
 * works headless.
 */
public final class PngPreview {

    public static final int MIN_SIZE = 256;
    public static final double WINDOW_PERCENTILE = 99.5;

    private PngPreview() {
    }

    public static void write(Path path, ImageVolume volume, int slice) throws IOException {
        BufferedImage image = render(volume, slice);
        if (!ImageIO.write(image, "png", path.toFile())) {
            throw new IOException("No PNG writer available in this Java runtime");
        }
    }

    /** The preview as an image, for callers that display rather than save it. */
    public static BufferedImage render(ImageVolume volume, int slice) {
        float[] values = volume.slice(slice);
        int nx = volume.nx();
        int ny = volume.ny();
        double top = percentile(values, WINDOW_PERCENTILE);
        int scale = Math.max(1, -Math.floorDiv(-MIN_SIZE, Math.max(nx, ny))); // ceil(MIN_SIZE / larger side)
        BufferedImage image = new BufferedImage(nx * scale, ny * scale, BufferedImage.TYPE_BYTE_GRAY);
        WritableRaster raster = image.getRaster();
        int[] row = new int[nx * scale];
        for (int y = 0; y < ny; y++) {
            for (int x = 0; x < nx; x++) {
                int grey = grey(values[y * nx + x], top);
                Arrays.fill(row, x * scale, (x + 1) * scale, grey);
            }
            for (int r = 0; r < scale; r++) {
                raster.setSamples(0, y * scale + r, nx * scale, 1, 0, row);
            }
        }
        return image;
    }

    private static int grey(float v, double top) {
        if (!(top > 0) || !(v > 0)) { // also maps NaN to black
            return 0;
        }
        return (int) Math.round(Math.min(1.0, v / top) * 255);
    }

    /** Nearest-rank percentile of the finite values; 0 if there are none. */
    static double percentile(float[] values, double p) {
        float[] finite = new float[values.length];
        int n = 0;
        for (float v : values) {
            if (Float.isFinite(v)) {
                finite[n++] = v;
            }
        }
        if (n == 0) {
            return 0;
        }
        Arrays.sort(finite, 0, n);
        int rank = (int) Math.ceil(p / 100.0 * n) - 1;
        return finite[Math.clamp(rank, 0, n - 1)];
    }
}
