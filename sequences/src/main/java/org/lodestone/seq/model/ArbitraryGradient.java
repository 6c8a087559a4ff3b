package org.lodestone.seq.model;

import java.util.Arrays;

/**
 * A free-shape gradient as Pulseq has it: {@code amplitude} (Hz/m) times a normalised shape. Without a
 * time shape the samples sit at the centres of the gradient raster ((i + ½)·raster); with one
 * ({@code timeShape}, in raster units) they sit at timeShape[i]·raster — an extended trapezoid.
 * {@code first}/{@code last} are the values at the waveform's edges (Hz/m).
 */
public record ArbitraryGradient(double amplitude, double[] shape, double[] timeShape, double raster, double delay,
                                double first, double last) implements Gradient {
    public ArbitraryGradient {
        if (shape.length == 0) throw new IllegalArgumentException("empty gradient shape");
        if (timeShape != null && timeShape.length != shape.length) {
            throw new IllegalArgumentException("time shape has " + timeShape.length + " samples, amplitude shape " + shape.length);
        }
    }

    @Override
    public double duration() {
        return delay + shapeDuration();
    }

    public double shapeDuration() {
        return timeShape == null ? shape.length * raster : timeShape[timeShape.length - 1] * raster;
    }

    @Override
    public double area() {
        return waveform().area();
    }

    @Override
    public Waveform waveform() {
        int n = shape.length;
        if (timeShape != null) {
            double[] t = new double[n], v = new double[n];
            for (int i = 0; i < n; i++) {
                t[i] = delay + timeShape[i] * raster;
                v[i] = amplitude * shape[i];
            }
            return new Waveform(t, v);
        }
        double[] t = new double[n + 2], v = new double[n + 2];
        t[0] = delay;
        v[0] = first;
        for (int i = 0; i < n; i++) {
            t[i + 1] = delay + (i + 0.5) * raster;
            v[i + 1] = amplitude * shape[i];
        }
        t[n + 1] = delay + n * raster;
        v[n + 1] = last;
        return new Waveform(t, v);
    }

    /** Edge values extrapolated from the samples, for formats (Pulseq ≤ 1.4) that do not store them. */
    public static double[] extrapolatedEdges(double amplitude, double[] shape, double[] timeShape) {
        int n = shape.length;
        if (timeShape != null || n == 1) return new double[] {amplitude * shape[0], amplitude * shape[n - 1]};
        return new double[] {amplitude * (1.5 * shape[0] - 0.5 * shape[1]), amplitude * (1.5 * shape[n - 1] - 0.5 * shape[n - 2])};
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ArbitraryGradient g && Double.compare(amplitude, g.amplitude) == 0 && Arrays.equals(shape, g.shape)
                && Arrays.equals(timeShape, g.timeShape) && Double.compare(raster, g.raster) == 0
                && Double.compare(delay, g.delay) == 0 && Double.compare(first, g.first) == 0 && Double.compare(last, g.last) == 0;
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Double.hashCode(amplitude) + Arrays.hashCode(shape)) + Double.hashCode(delay);
    }

    @Override
    public String toString() {
        return String.format("ArbitraryGradient[amplitude=%g Hz/m, %d samples%s, delay=%g s]", amplitude, shape.length,
                timeShape != null ? " (time shape)" : "", delay);
    }
}
