package org.lodestone.recon.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PngPreviewTest {

    @TempDir
    Path dir;

    @Test
    void writesAnUpscaledWindowedGreyscalePng() throws IOException {
        int nx = 40;
        int ny = 30;
        float[] data = new float[nx * ny * 2];
        for (int y = 0; y < ny; y++) {
            for (int x = 0; x < nx; x++) {
                data[nx * ny + y * nx + x] = x; // slice 1 is a horizontal ramp 0..39
            }
        }
        data[nx * ny + 5 * nx + 39] = 1e6f; // one hot pixel must not set the window
        ImageVolume v = ImageVolume.withIdentityGeometry(nx, ny, 2, data, 1, 1, 1);
        Path png = dir.resolve("preview.png");
        PngPreview.write(png, v, 1);

        BufferedImage img = ImageIO.read(png.toFile());
        assertThat(img.getWidth()).isEqualTo(nx * 7);   // ceil(256 / 40) = 7
        assertThat(img.getHeight()).isEqualTo(ny * 7);
        assertThat(img.getWidth()).isGreaterThanOrEqualTo(256);
        assertThat(img.getRaster().getNumBands()).isEqualTo(1);
        assertThat(grey(img, 0, 0)).isZero();
        assertThat(grey(img, 39 * 7 + 6, 0)).isEqualTo(255);
        // Nearest neighbour: the 7×7 block of pixel (20, 10) is uniform and mid-grey.
        int g = grey(img, 20 * 7, 10 * 7);
        assertThat(g).isBetween(120, 140);
        assertThat(grey(img, 20 * 7 + 6, 10 * 7 + 6)).isEqualTo(g);
    }

    private static int grey(BufferedImage img, int x, int y) {
        return img.getRaster().getSample(x, y, 0);
    }
}
