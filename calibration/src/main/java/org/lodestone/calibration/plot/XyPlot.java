package org.lodestone.calibration.plot;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A calibration plot: x-y series (points or lines, each with a legend name), vertical markers with a
 * label (a fitted peak, a target), title and axis labels. The model is what both the report's PNG
 * ({@link #write}) and the service window's chart draw. PNG: headless AWT, rounded ticks.
 */
public final class XyPlot {
    /** One series: its points, colour, drawn as a line or as dots, and its legend name (may be empty). */
    public record Series(List<double[]> xy, Color color, boolean line, String name) {
        public Series {
            xy = List.copyOf(xy);
        }
    }

    /** A vertical line at x, labelled. */
    public record Marker(double x, String label) {
    }

    private final String title, xLabel, yLabel;
    private final List<Series> series = new ArrayList<>();
    private final List<Marker> markers = new ArrayList<>();
    private double minYSpan;

    public XyPlot(String title, String xLabel, String yLabel) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
    }

    public XyPlot points(List<double[]> xy, Color c) {
        return points(xy, c, "");
    }

    public XyPlot points(List<double[]> xy, Color c, String name) {
        series.add(new Series(xy, c, false, name));
        return this;
    }

    public XyPlot line(List<double[]> xy, Color c) {
        return line(xy, c, "");
    }

    public XyPlot line(List<double[]> xy, Color c, String name) {
        series.add(new Series(xy, c, true, name));
        return this;
    }

    /** The y axis spans at least this much (centred on the data). */
    public XyPlot minYSpan(double span) {
        minYSpan = span;
        return this;
    }

    public XyPlot marker(double x) {
        return marker(x, "");
    }

    public XyPlot marker(double x, String label) {
        markers.add(new Marker(x, label));
        return this;
    }

    public String title() {
        return title;
    }

    public String xLabel() {
        return xLabel;
    }

    public String yLabel() {
        return yLabel;
    }

    public List<Series> series() {
        return List.copyOf(series);
    }

    public List<Marker> markers() {
        return List.copyOf(markers);
    }

    /** {xmin, xmax, ymin, ymax} over every finite point and marker, widened where a range is flat. */
    public double[] bounds() {
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
        for (Marker m : markers) {
            if (!Double.isFinite(m.x)) continue;
            x0 = Math.min(x0, m.x);
            x1 = Math.max(x1, m.x);
        }
        if (x0 > x1) return new double[] {0, 1, 0, 1};
        if (y0 > y1) {
            y0 = 0;
            y1 = 1;
        }
        // a flat series (all pairs alike) still gets a readable axis: ±5 % of its value, or ±1
        if (x1 - x0 <= 1e-12 * Math.max(1, Math.abs(x0))) {
            double d = Math.abs(x0) > 0 ? 0.05 * Math.abs(x0) : 1;
            x0 -= d;
            x1 += d;
        }
        if (y1 - y0 <= 1e-12 * Math.max(1, Math.abs(y0))) {
            double d = Math.abs(y0) > 0 ? 0.05 * Math.abs(y0) : 1;
            y0 -= d;
            y1 += d;
        }
        if (y1 - y0 < minYSpan) { // e.g. noise in dB: ±0.5 dB of scatter must not fill the plot as if it were a change
            double mid = (y0 + y1) / 2;
            y0 = mid - minYSpan / 2;
            y1 = mid + minYSpan / 2;
        }
        double pad = 0.05 * (y1 - y0);
        return new double[] {x0, x1, y0 - pad, y1 + pad};
    }

    public void write(Path png) throws IOException {
        ImageIO.write(render(), "png", png.toFile());
    }

    public BufferedImage render() {
        int w = 900, h = 540, l = 90, r = 24, t = 58, b = 64;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        double[] bd = bounds();
        Ticks xt = Ticks.between(bd[0], bd[1], 8), yt = Ticks.between(bd[2], bd[3], 6);
        int pw = w - l - r, ph = h - t - b;
        java.util.function.DoubleUnaryOperator px = v -> l + (v - bd[0]) / (bd[1] - bd[0]) * pw;
        java.util.function.DoubleUnaryOperator py = v -> h - b - (v - bd[2]) / (bd[3] - bd[2]) * ph;

        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        drawFitted(g, title, 12, 24, w - 24);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        FontMetrics fm = g.getFontMetrics();
        for (double v : xt.values()) {
            int x = (int) Math.round(px.applyAsDouble(v));
            g.setColor(new Color(232, 232, 232));
            g.drawLine(x, t, x, h - b);
            g.setColor(Color.BLACK);
            String s = xt.label(v);
            g.drawString(s, x - fm.stringWidth(s) / 2, h - b + 16);
        }
        for (double v : yt.values()) {
            int y = (int) Math.round(py.applyAsDouble(v));
            g.setColor(new Color(232, 232, 232));
            g.drawLine(l, y, w - r, y);
            g.setColor(Color.BLACK);
            String s = yt.label(v);
            g.drawString(s, l - 6 - fm.stringWidth(s), y + 4);
        }
        g.drawRect(l, t, pw, ph);
        g.drawString(xLabel, l + pw / 2 - fm.stringWidth(xLabel) / 2, h - 18);
        AffineTransform keep = g.getTransform();
        g.rotate(-Math.PI / 2);
        g.drawString(yLabel, -(t + ph / 2) - fm.stringWidth(yLabel) / 2, 18);
        g.setTransform(keep);

        g.setClip(l, t, pw + 1, ph + 1);
        g.setStroke(new BasicStroke(1.6f));
        for (Series s : series) {
            g.setColor(s.color);
            int[] prev = null;
            for (double[] p : s.xy) {
                if (!Double.isFinite(p[0]) || !Double.isFinite(p[1])) {
                    prev = null;
                    continue;
                }
                int ix = (int) Math.round(px.applyAsDouble(p[0])), iy = (int) Math.round(py.applyAsDouble(p[1]));
                if (s.line) {
                    if (prev != null) g.drawLine(prev[0], prev[1], ix, iy);
                    prev = new int[] {ix, iy};
                } else {
                    g.fillOval(ix - 3, iy - 3, 7, 7);
                }
            }
        }
        g.setStroke(new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {6, 4}, 0));
        int row = 0;
        for (Marker m : markers) {
            int x = (int) Math.round(px.applyAsDouble(m.x));
            g.setColor(new Color(200, 90, 0));
            g.drawLine(x, t, x, h - b);
            if (!m.label.isEmpty()) {
                int lw = fm.stringWidth(m.label);
                int lx = x + 4 + lw > w - r ? x - 4 - lw : x + 4;
                // along the bottom of the frame: the legend owns the top right corner
                g.drawString(m.label, lx, h - b - 8 - 14 * row++);
            }
        }
        g.setClip(null);
        int ly = t + 14;
        int legendW = series.stream().filter(s -> !s.name.isEmpty()).mapToInt(s -> fm.stringWidth(s.name)).max().orElse(0);
        long named = series.stream().filter(s -> !s.name.isEmpty()).count();
        if (named > 0) { // a white box so curves under the legend do not cross its text
            g.setColor(new Color(255, 255, 255, 220));
            g.fillRect(w - r - legendW - 32, t + 2, legendW + 30, (int) (16 * named) + 2);
        }
        for (Series s : series) {
            if (s.name.isEmpty()) continue;
            int lw = fm.stringWidth(s.name);
            g.setColor(s.color);
            g.fillRect(w - r - lw - 26, ly - 8, 14, 8);
            g.setColor(Color.BLACK);
            g.drawString(s.name, w - r - lw - 8, ly);
            ly += 16;
        }
        g.dispose();
        return img;
    }

    /** Draws text shrunk to fit [x, maxX] so a long title never runs off or over anything. */
    private static void drawFitted(Graphics2D g, String text, int x, int y, int maxX) {
        Font f = g.getFont();
        while (g.getFontMetrics(f).stringWidth(text) > maxX - x && f.getSize() > 9) f = f.deriveFont((float) f.getSize() - 1);
        g.setFont(f);
        g.drawString(text, x, y);
    }
}
