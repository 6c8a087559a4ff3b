package org.lodestone.console.service.seqview;

import org.lodestone.seq.model.Block;
import org.lodestone.seq.model.Gradient;
import org.lodestone.seq.model.Rf;
import org.lodestone.seq.model.Sequence;
import org.lodestone.seq.model.Waveform;

import java.util.ArrayList;
import java.util.List;

/**
 * What a sequence viewer draws for a time range: one lane each for RF, Gx, Gy, Gz and ADC, every
 * event as a shape at its absolute time, and the k-space positions of the ADC samples. The PNG of
 * {@code seq plot} and the window's viewer both draw this model; neither reads the blocks itself.
 */
public record SequenceLanes(String name, double from, double to, List<Lane> lanes, List<double[]> kspace) {
    public static final int RF = 0, GX = 1, GY = 2, GZ = 3, ADC = 4;
    static final String[] NAMES = {"RF", "Gx", "Gy", "Gz", "ADC"};
    static final String[] UNITS = {"Hz", "Hz/m", "Hz/m", "Hz/m", ""};
    /** Points drawn per event at most: enough for a sinc, few enough for a 10 000-block sequence. */
    private static final int MAX_POINTS = 200;

    public SequenceLanes {
        lanes = List.copyOf(lanes);
        kspace = List.copyOf(kspace);
    }

    /** One event: its start and end (s, absolute) and its outline as (t, value) points from start to end. */
    public record Shape(double start, double end, double[] t, double[] v) {
        public double peak() {
            double p = 0;
            for (double x : v) p = Math.max(p, Math.abs(x));
            return p;
        }
    }

    public record Lane(String name, String unit, List<Shape> shapes) {
        public Lane {
            shapes = List.copyOf(shapes);
        }

        /** The largest |value| in the lane (0 when it is empty). */
        public double peak() {
            double p = 0;
            for (Shape s : shapes) p = Math.max(p, s.peak());
            return p;
        }
    }

    /** The events of {@code seq} that overlap [from, to] (clamped to the sequence). */
    public static SequenceLanes of(Sequence seq, double from, double to) {
        double end = Math.min(to, seq.duration());
        if (!(end > from) || from < 0) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                    "empty time range %.6f–%.6f s (the sequence lasts %.6f s)", from, to, seq.duration()));
        }
        List<List<Shape>> lanes = new ArrayList<>();
        for (int i = 0; i < NAMES.length; i++) lanes.add(new ArrayList<>());
        List<double[]> k = new ArrayList<>();
        double t0 = 0;
        double[] m = new double[3];
        for (Block b : seq.blocks()) {
            if (t0 > end) break;
            double t1 = t0 + b.duration();
            Rf rf = b.rf();
            if (rf != null && rf.use() == Rf.Use.EXCITATION) m[0] = m[1] = m[2] = 0;
            if (t1 >= from) {
                if (rf != null) lanes.get(RF).add(rf(rf, t0));
                for (int a = 0; a < 3; a++) {
                    Gradient g = b.gradient(a);
                    if (g != null && g.waveform().size() > 0) lanes.get(GX + a).add(gradient(g.waveform(), t0));
                }
                if (b.adc() != null) {
                    double s = t0 + b.adc().delay(), e = t0 + b.adc().end();
                    lanes.get(ADC).add(new Shape(s, e, new double[] {s, s, e, e}, new double[] {0, 1, 1, 0}));
                    int n = b.adc().samples(), step = Math.max(1, n / 128);
                    for (int i = 0; i < n; i += step) {
                        double t = b.adc().delay() + (i + 0.5) * b.adc().dwell();
                        k.add(new double[] {m[0] + area(b.gx(), t), m[1] + area(b.gy(), t)});
                    }
                }
            }
            for (int a = 0; a < 3; a++) m[a] += area(b.gradient(a), b.duration());
            if (rf != null && rf.use() == Rf.Use.REFOCUSING) for (int a = 0; a < 3; a++) m[a] = -m[a];
            t0 = t1;
        }
        List<Lane> out = new ArrayList<>();
        for (int i = 0; i < NAMES.length; i++) out.add(new Lane(NAMES[i], UNITS[i], lanes.get(i)));
        return new SequenceLanes(seq.name(), from, end, out, k);
    }

    private static Shape rf(Rf rf, double t0) {
        float[] shape = rf.shape();
        int step = Math.max(1, shape.length / MAX_POINTS);
        List<double[]> p = new ArrayList<>();
        double s = t0 + rf.delay(), e = t0 + rf.end();
        p.add(new double[] {s, 0});
        for (int i = 0; i < shape.length; i += step) p.add(new double[] {t0 + rf.delay() + rf.sampleTime(i), Math.abs(shape[i] * rf.amplitudeHz())});
        p.add(new double[] {e, 0});
        return shape(s, e, p);
    }

    private static Shape gradient(Waveform w, double t0) {
        int step = Math.max(1, w.size() / MAX_POINTS);
        List<double[]> p = new ArrayList<>();
        for (int i = 0; i < w.size(); i += step) p.add(new double[] {t0 + w.times()[i], w.values()[i]});
        p.add(new double[] {t0 + w.end(), w.values()[w.size() - 1]});
        return shape(t0 + w.times()[0], t0 + w.end(), p);
    }

    private static Shape shape(double s, double e, List<double[]> p) {
        double[] t = new double[p.size()], v = new double[p.size()];
        for (int i = 0; i < t.length; i++) {
            t[i] = p.get(i)[0];
            v[i] = p.get(i)[1];
        }
        return new Shape(s, e, t, v);
    }

    private static double area(Gradient g, double t) {
        return g == null ? 0 : g.waveform().areaUntil(t);
    }
}
