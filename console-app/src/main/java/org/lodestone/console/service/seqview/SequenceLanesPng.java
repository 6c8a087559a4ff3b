package org.lodestone.console.service.seqview;

import org.lodestone.calibration.plot.Ticks;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Draws {@link SequenceLanes} headless with java.awt: the five lanes over a time axis in ms on the
 * left, each with its peak and unit, and the k-space positions of the ADC samples on the right.
 */
public final class SequenceLanesPng {
    public static final int LANE_H = 110, LEFT = 90, WAVE_W = 900, K_W = 400, TOP = 34, BOTTOM = 44;
    public static final Color[] COLORS = {new Color(200, 40, 40), new Color(30, 90, 200), new Color(20, 150, 60),
            new Color(150, 60, 170), new Color(220, 120, 0)};

    private SequenceLanesPng() {
    }

    public static void write(SequenceLanes m, Path png) throws IOException {
        ImageIO.write(render(m), "png", png.toFile());
    }

    /** The x pixel of time {@code t} (s) in an image of this model. */
    public static double x(SequenceLanes m, double t) {
        return LEFT + (t - m.from()) / (m.to() - m.from()) * WAVE_W;
    }

    /** The top pixel row of lane {@code lane}. */
    public static int laneTop(int lane) {
        return TOP + lane * LANE_H;
    }

    public static BufferedImage render(SequenceLanes m) {
        int n = m.lanes().size();
        int w = LEFT + WAVE_W + 40 + K_W + 20, h = TOP + n * LANE_H + BOTTOM;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.setColor(Color.BLACK);
        g.drawString(String.format(Locale.ROOT, "%s   %.1f – %.1f ms", m.name(), m.from() * 1e3, m.to() * 1e3), LEFT, 20);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        Ticks ticks = Ticks.between(m.from() * 1e3, m.to() * 1e3, 10);
        int axisY = TOP + n * LANE_H;
        for (double ms : ticks.values()) {
            int px = (int) Math.round(x(m, ms / 1e3));
            g.setColor(new Color(235, 235, 235));
            g.drawLine(px, TOP, px, axisY);
            g.setColor(Color.BLACK);
            g.drawLine(px, axisY, px, axisY + 4);
            String s = ticks.label(ms);
            g.drawString(s, px - g.getFontMetrics().stringWidth(s) / 2, axisY + 16);
        }
        g.drawString("time (ms)", LEFT + WAVE_W / 2 - 25, axisY + 34);
        // everything drawn inside the wave area only: events that overlap the range are cut at its edges
        g.setClip(LEFT, TOP, WAVE_W + 1, n * LANE_H);
        for (int lane = 0; lane < n; lane++) drawLane(g, m, lane);
        g.setClip(null);
        for (int lane = 0; lane < n; lane++) {
            SequenceLanes.Lane l = m.lanes().get(lane);
            int mid = laneTop(lane) + LANE_H / 2;
            g.setColor(COLORS[lane]);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
            g.drawString(l.name(), 8, mid - 2);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
            g.setColor(Color.DARK_GRAY);
            if (!l.unit().isEmpty()) g.drawString(l.shapes().isEmpty() ? "none" : "peak " + peak(l.peak(), l.unit()), 8, mid + 12);
        }
        drawK(g, m, LEFT + WAVE_W + 40, TOP, K_W, n * LANE_H);
        g.dispose();
        return img;
    }

    private static void drawLane(Graphics2D g, SequenceLanes m, int lane) {
        SequenceLanes.Lane l = m.lanes().get(lane);
        int mid = laneTop(lane) + LANE_H / 2;
        boolean unipolar = lane == SequenceLanes.RF || lane == SequenceLanes.ADC;
        int base = unipolar ? laneTop(lane) + LANE_H - 10 : mid;
        double scale = (unipolar ? LANE_H - 20 : LANE_H / 2.0 - 8) / Math.max(l.peak(), 1e-30);
        g.setColor(Color.LIGHT_GRAY);
        g.drawLine(LEFT, base, LEFT + WAVE_W, base);
        g.setColor(COLORS[lane]);
        g.setStroke(new BasicStroke(1.3f));
        for (SequenceLanes.Shape s : l.shapes()) {
            Path2D p = new Path2D.Double();
            for (int i = 0; i < s.t().length; i++) {
                double x = x(m, s.t()[i]), y = base - s.v()[i] * scale;
                if (i == 0) p.moveTo(x, y);
                else p.lineTo(x, y);
            }
            if (unipolar) {
                p.lineTo(x(m, s.end()), base);
                p.closePath();
                g.setColor(new Color(COLORS[lane].getRed(), COLORS[lane].getGreen(), COLORS[lane].getBlue(), 70));
                g.fill(p);
                g.setColor(COLORS[lane]);
            }
            g.draw(p);
        }
    }

    private static String peak(double v, String unit) {
        if (unit.equals("Hz/m") && v >= 1000) return String.format(Locale.ROOT, "%.1f kHz/m", v / 1e3);
        return String.format(Locale.ROOT, "%.0f %s", v, unit);
    }

    private static void drawK(Graphics2D g, SequenceLanes m, int x0, int y0, int w, int h) {
        g.setColor(Color.BLACK);
        g.drawRect(x0, y0, w, h);
        g.drawString("k-space (kx, ky) at the ADC samples", x0 + 5, y0 + 15);
        double r = 1e-30;
        for (double[] p : m.kspace()) r = Math.max(r, Math.max(Math.abs(p[0]), Math.abs(p[1])));
        int cx = x0 + w / 2, cy = y0 + h / 2;
        double s = Math.min(w, h) / 2.0 * 0.9 / r;
        g.setColor(Color.LIGHT_GRAY);
        g.drawLine(x0, cy, x0 + w, cy);
        g.drawLine(cx, y0, cx, y0 + h);
        g.setColor(new Color(30, 90, 200, 120));
        for (double[] p : m.kspace()) g.fillRect((int) (cx + p[0] * s), (int) (cy - p[1] * s), 2, 2);
    }
}
