package org.lodestone.seq.plot;

import org.lodestone.seq.model.Block;
import org.lodestone.seq.model.Gradient;
import org.lodestone.seq.model.Rf;
import org.lodestone.seq.model.Sequence;
import org.lodestone.seq.model.Waveform;

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
import java.util.ArrayList;
import java.util.List;

/**
 * Draws a sequence (or a time range of it) with java.awt, headless: RF magnitude, Gx, Gy, Gz and ADC
 * lanes on the left, the k-space trajectory (kx, ky) on the right.
 */
public final class SequencePlot {
    private static final int LANE_H = 110, LEFT = 60, WAVE_W = 900, K_W = 420, TOP = 30;
    private static final String[] LANES = {"RF", "Gx", "Gy", "Gz", "ADC"};

    private SequencePlot() {
    }

    public static void write(Sequence seq, double from, double to, Path png) throws IOException {
        System.setProperty("java.awt.headless", "true");
        ImageIO.write(render(seq, from, to), "png", png.toFile());
    }

    public static BufferedImage render(Sequence seq, double from, double to) {
        double end = Math.min(to, seq.duration());
        if (!(end > from)) throw new IllegalArgumentException(String.format("empty time range %.6f–%.6f s (sequence lasts %.6f s)", from, to, seq.duration()));
        int w = LEFT + WAVE_W + 40 + K_W + 20, h = TOP + LANES.length * LANE_H + 40;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.setColor(Color.BLACK);
        g.drawString(String.format("%s   %.3f – %.3f ms", seq.name(), from * 1e3, end * 1e3), LEFT, 18);

        List<double[]>[] pts = collect(seq, from, end);
        Color[] colors = {new Color(200, 40, 40), new Color(30, 90, 200), new Color(20, 150, 60), new Color(150, 60, 170), Color.DARK_GRAY};
        for (int lane = 0; lane < LANES.length; lane++) {
            int y0 = TOP + lane * LANE_H, mid = y0 + LANE_H / 2;
            g.setColor(Color.LIGHT_GRAY);
            g.drawLine(LEFT, mid, LEFT + WAVE_W, mid);
            g.setColor(Color.BLACK);
            g.drawString(LANES[lane], 10, mid + 4);
            double peak = 1e-30;
            for (double[] p : pts[lane]) peak = Math.max(peak, Math.abs(p[1]));
            Path2D path = new Path2D.Double();
            boolean started = false;
            for (double[] p : pts[lane]) {
                double x = LEFT + (p[0] - from) / (end - from) * WAVE_W;
                double y = mid - p[1] / peak * (LANE_H / 2.0 - 8);
                if (!started || Double.isNaN(p[1])) {
                    if (Double.isNaN(p[1])) {
                        started = false;
                        continue;
                    }
                    path.moveTo(x, y);
                    started = true;
                } else path.lineTo(x, y);
            }
            g.setColor(colors[lane]);
            g.setStroke(new BasicStroke(1.2f));
            g.draw(path);
        }
        drawK(g, pts[5], LEFT + WAVE_W + 40, TOP, K_W, LANES.length * LANE_H);
        g.dispose();
        return img;
    }

    private static void drawK(Graphics2D g, List<double[]> k, int x0, int y0, int w, int h) {
        g.setColor(Color.BLACK);
        g.drawRect(x0, y0, w, h);
        g.drawString("k-space (kx, ky)", x0 + 5, y0 + 15);
        double m = 1e-30;
        for (double[] p : k) m = Math.max(m, Math.max(Math.abs(p[0]), Math.abs(p[1])));
        int cx = x0 + w / 2, cy = y0 + h / 2;
        double s = Math.min(w, h) / 2.0 * 0.9 / m;
        g.setColor(Color.LIGHT_GRAY);
        g.drawLine(x0, cy, x0 + w, cy);
        g.drawLine(cx, y0, cx, y0 + h);
        g.setColor(new Color(30, 90, 200, 120));
        for (double[] p : k) g.fillRect((int) (cx + p[0] * s), (int) (cy - p[1] * s), 2, 2);
    }

    /** Lanes 0–4: (t, value) polylines, NaN separating pieces; lane 5: (kx, ky) at ADC samples. */
    @SuppressWarnings("unchecked")
    private static List<double[]>[] collect(Sequence seq, double from, double to) {
        List<double[]>[] lanes = new List[6];
        for (int i = 0; i < 6; i++) lanes[i] = new ArrayList<>();
        double t0 = 0;
        double[] k = new double[3];
        for (Block b : seq.blocks()) {
            double t1 = t0 + b.duration();
            boolean visible = t1 >= from && t0 <= to;
            Rf rf = b.rf();
            if (rf != null && rf.use() == Rf.Use.EXCITATION) k[0] = k[1] = k[2] = 0;
            if (visible) {
                if (rf != null) {
                    lanes[0].add(new double[] {t0 + rf.delay(), 0});
                    int step = Math.max(1, rf.shape().length / 400);
                    for (int i = 0; i < rf.shape().length; i += step) {
                        lanes[0].add(new double[] {t0 + rf.delay() + rf.sampleTime(i), Math.abs(rf.shape()[i] * rf.amplitudeHz())});
                    }
                    lanes[0].add(new double[] {t0 + rf.end(), 0});
                    lanes[0].add(new double[] {t0 + rf.end(), Double.NaN});
                }
                for (int a = 0; a < 3; a++) {
                    Gradient gr = b.gradient(a);
                    if (gr == null) continue;
                    Waveform wf = gr.waveform();
                    int step = Math.max(1, wf.size() / 400);
                    for (int i = 0; i < wf.size(); i += step) lanes[1 + a].add(new double[] {t0 + wf.times()[i], wf.values()[i]});
                    lanes[1 + a].add(new double[] {t0 + wf.end(), wf.values()[wf.size() - 1]});
                    lanes[1 + a].add(new double[] {t0 + wf.end(), Double.NaN});
                }
                if (b.adc() != null) {
                    double s = t0 + b.adc().delay(), e = t0 + b.adc().end();
                    lanes[4].add(new double[] {s, 0});
                    lanes[4].add(new double[] {s, 1});
                    lanes[4].add(new double[] {e, 1});
                    lanes[4].add(new double[] {e, 0});
                    lanes[4].add(new double[] {e, Double.NaN});
                    int n = b.adc().samples(), step = Math.max(1, n / 128);
                    for (int i = 0; i < n; i += step) {
                        double t = b.adc().delay() + (i + 0.5) * b.adc().dwell();
                        lanes[5].add(new double[] {k[0] + area(b.gx(), t), k[1] + area(b.gy(), t)});
                    }
                }
            }
            for (int a = 0; a < 3; a++) k[a] += area(b.gradient(a), b.duration());
            if (rf != null && rf.use() == Rf.Use.REFOCUSING) for (int a = 0; a < 3; a++) k[a] = -k[a];
            t0 = t1;
            if (t0 > to) break;
        }
        return lanes;
    }

    private static double area(Gradient g, double t) {
        return g == null ? 0 : g.waveform().areaUntil(t);
    }
}
