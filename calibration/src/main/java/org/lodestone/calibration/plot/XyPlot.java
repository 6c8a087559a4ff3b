package org.lodestone.calibration.plot;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A small x-y chart (points and/or lines, vertical markers) written as PNG; headless AWT, no toolkit. */
public final class XyPlot {
    private record Series(List<double[]> xy, Color color, boolean line) {
    }

    private final String title, xLabel, yLabel;
    private final List<Series> series = new ArrayList<>();
    private final List<double[]> markers = new ArrayList<>();

    public XyPlot(String title, String xLabel, String yLabel) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
    }

    public XyPlot points(List<double[]> xy, Color c) {
        series.add(new Series(List.copyOf(xy), c, false));
        return this;
    }

    public XyPlot line(List<double[]> xy, Color c) {
        series.add(new Series(List.copyOf(xy), c, true));
        return this;
    }

    public XyPlot marker(double x) {
        markers.add(new double[] {x});
        return this;
    }

    public void write(Path png) throws IOException {
        int w = 800, h = 500, l = 90, r = 20, t = 40, b = 60;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        double x0 = Double.MAX_VALUE, x1 = -Double.MAX_VALUE, y0 = Double.MAX_VALUE, y1 = -Double.MAX_VALUE;
        for (Series s : series) {
            for (double[] p : s.xy) {
                if (!Double.isFinite(p[0]) || !Double.isFinite(p[1])) continue;
                x0 = Math.min(x0, p[0]);
                x1 = Math.max(x1, p[0]);
                y0 = Math.min(y0, p[1]);
                y1 = Math.max(y1, p[1]);
            }
        }
        for (double[] m : markers) {
            x0 = Math.min(x0, m[0]);
            x1 = Math.max(x1, m[0]);
        }
        if (x0 > x1) {
            x0 = 0;
            x1 = 1;
            y0 = 0;
            y1 = 1;
        }
        if (x1 == x0) x1 = x0 + 1;
        if (y1 == y0) y1 = y0 + 1;
        double padY = 0.05 * (y1 - y0);
        y0 -= padY;
        y1 += padY;
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        g.drawString(title, l, 25);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.drawRect(l, t, w - l - r, h - t - b);
        for (int i = 0; i <= 4; i++) {
            double xv = x0 + i * (x1 - x0) / 4, yv = y0 + i * (y1 - y0) / 4;
            int px = l + i * (w - l - r) / 4, py = h - b - i * (h - t - b) / 4;
            g.drawString(fmt(xv), px - 25, h - b + 18);
            g.drawString(fmt(yv), 5, py + 4);
        }
        g.drawString(xLabel, l + (w - l - r) / 2 - 40, h - 15);
        g.drawString(yLabel, 5, t - 8);
        final double fx0 = x0, fx1 = x1, fy0 = y0, fy1 = y1;
        java.util.function.DoubleUnaryOperator px = v -> l + (v - fx0) / (fx1 - fx0) * (w - l - r);
        java.util.function.DoubleUnaryOperator py = v -> h - b - (v - fy0) / (fy1 - fy0) * (h - t - b);
        g.setColor(Color.GRAY);
        for (double[] m : markers) g.drawLine((int) px.applyAsDouble(m[0]), t, (int) px.applyAsDouble(m[0]), h - b);
        g.setStroke(new BasicStroke(1.5f));
        for (Series s : series) {
            g.setColor(s.color);
            int[] prev = null;
            for (double[] p : s.xy) {
                if (!Double.isFinite(p[0]) || !Double.isFinite(p[1])) continue;
                int ix = (int) px.applyAsDouble(p[0]), iy = (int) py.applyAsDouble(p[1]);
                if (s.line) {
                    if (prev != null) g.drawLine(prev[0], prev[1], ix, iy);
                    prev = new int[] {ix, iy};
                } else {
                    g.fillOval(ix - 3, iy - 3, 7, 7);
                }
            }
        }
        g.dispose();
        ImageIO.write(img, "png", png.toFile());
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, Math.abs(v) >= 1e5 || (Math.abs(v) < 1e-2 && v != 0) ? "%.3e" : "%.3f", v);
    }
}
