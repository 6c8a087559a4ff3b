package org.lodestone.seq.model;

import java.util.Arrays;

/**
 * An RF pulse as Pulseq has it: a magnitude shape scaled by a peak amplitude in Hz (γ·B1), with an
 * optional phase shape (in turns: 1 = 2π), a delay from the block start, phase, frequency offset
 * (Hz, plus the ppm parts Pulseq 1.5 adds) and its use.
 * <p>
 * Without a time shape the samples are {@code dwell} apart (the native protocols' pulses, with a
 * signed real shape). With one, sample i sits at timeShape[i]·dwell, dwell being the RF raster.
 * {@code center} is the pulse's effective centre from its start (seconds; NaN: not given).
 */
public record Rf(double delay, double amplitudeHz, double phaseRad, double frequencyOffsetHz, double dwell,
                 float[] shape, Use use, double[] phaseShape, double[] timeShape, double center,
                 double frequencyPpm, double phasePpm) {
    public enum Use {
        EXCITATION('e'), REFOCUSING('r'), INVERSION('i'), OTHER('o'), SATURATION('s'), PREPARATION('p'), UNDEFINED('u');

        /** Pulseq 1.5's one-letter code. */
        public final char code;

        Use(char code) {
            this.code = code;
        }

        public static Use ofCode(char c) {
            for (Use u : values()) if (u.code == c) return u;
            throw new IllegalArgumentException("unknown RF use '" + c + "'");
        }
    }

    public Rf {
        if (shape.length == 0) throw new IllegalArgumentException("RF shape is empty");
        if (phaseShape != null && phaseShape.length != shape.length) throw new IllegalArgumentException("phase shape length differs");
        if (timeShape != null && timeShape.length != shape.length) throw new IllegalArgumentException("time shape length differs");
    }

    /** A real-shaped pulse on a regular dwell (the native protocols' kind). */
    public Rf(double delay, double amplitudeHz, double phaseRad, double frequencyOffsetHz, double dwell, float[] shape, Use use) {
        this(delay, amplitudeHz, phaseRad, frequencyOffsetHz, dwell, shape, use, null, null, Double.NaN, 0, 0);
    }

    public double duration() {
        return timeShape == null ? dwell * shape.length : dwell * timeShape[timeShape.length - 1];
    }

    public double end() {
        return delay + duration();
    }

    /** Time of sample i from the pulse start. */
    public double sampleTime(int i) {
        return timeShape == null ? (i + 0.5) * dwell : timeShape[i] * dwell;
    }

    /** Peak B1 in tesla: amplitude in Hz over γ. */
    public double peakB1Tesla() {
        double peak = 0;
        for (float v : shape) peak = Math.max(peak, Math.abs(v));
        return peak * Math.abs(amplitudeHz) / Physics.GAMMA_HZ_PER_T;
    }

    /** ∫ B1² dt in T²·s. */
    public double b1SquaredIntegral() {
        double s = 0, scale = amplitudeHz / Physics.GAMMA_HZ_PER_T;
        for (int i = 0; i < shape.length; i++) s += shape[i] * (double) shape[i] * sampleWidth(i);
        return s * scale * scale;
    }

    /** Flip angle in radians on resonance, |∫ γB1(t) e^{iφ(t)} dt|·2π. */
    public double flipAngleRad() {
        double re = 0, im = 0;
        for (int i = 0; i < shape.length; i++) {
            double ph = phaseShape == null ? 0 : 2 * Math.PI * phaseShape[i];
            re += shape[i] * Math.cos(ph) * sampleWidth(i);
            im += shape[i] * Math.sin(ph) * sampleWidth(i);
        }
        return 2 * Math.PI * Math.abs(amplitudeHz) * Math.hypot(re, im);
    }

    /** Centre from the pulse start: as given, else the peak of the magnitude. */
    public double effectiveCenter() {
        if (!Double.isNaN(center)) return center;
        int best = 0;
        for (int i = 0; i < shape.length; i++) if (Math.abs(shape[i]) > Math.abs(shape[best])) best = i;
        return sampleTime(best);
    }

    /** Whether the pulse is real (phase 0 or π only) on a regular dwell: what today's device program carries. */
    public boolean isRealOnRegularDwell() {
        if (timeShape != null) return false;
        if (phaseShape == null) return true;
        for (double p : phaseShape) {
            double f = p - Math.floor(p);
            if (Math.abs(f) > 1e-6 && Math.abs(f - 0.5) > 1e-6 && Math.abs(f - 1) > 1e-6) return false;
        }
        return true;
    }

    /** The signed real shape (magnitude with the phase 0/π folded in); see {@link #isRealOnRegularDwell()}. */
    public float[] signedShape() {
        if (phaseShape == null) return shape;
        float[] out = new float[shape.length];
        for (int i = 0; i < shape.length; i++) {
            double f = phaseShape[i] - Math.floor(phaseShape[i]);
            out[i] = Math.abs(f - 0.5) < 1e-6 ? -shape[i] : shape[i];
        }
        return out;
    }

    private double sampleWidth(int i) {
        if (timeShape == null) return dwell;
        int n = timeShape.length;
        if (n == 1) return dwell;
        double lo = i == 0 ? timeShape[0] : (timeShape[i - 1] + timeShape[i]) / 2;
        double hi = i == n - 1 ? timeShape[n - 1] : (timeShape[i] + timeShape[i + 1]) / 2;
        return (hi - lo) * dwell;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Rf r && Double.compare(delay, r.delay) == 0 && Double.compare(amplitudeHz, r.amplitudeHz) == 0
                && Double.compare(phaseRad, r.phaseRad) == 0 && Double.compare(frequencyOffsetHz, r.frequencyOffsetHz) == 0
                && Double.compare(dwell, r.dwell) == 0 && Arrays.equals(shape, r.shape) && use == r.use
                && Arrays.equals(phaseShape, r.phaseShape) && Arrays.equals(timeShape, r.timeShape)
                && Double.compare(center, r.center) == 0 && Double.compare(frequencyPpm, r.frequencyPpm) == 0
                && Double.compare(phasePpm, r.phasePpm) == 0;
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Double.hashCode(amplitudeHz) + Arrays.hashCode(shape)) + Double.hashCode(phaseRad);
    }

    @Override
    public String toString() {
        return String.format("Rf[amplitude=%g Hz, %d samples, delay=%g s, phase=%g rad, offset=%g Hz, use=%s]",
                amplitudeHz, shape.length, delay, phaseRad, frequencyOffsetHz, use);
    }

    /** A sinc pulse with a Hann window, {@code timeBandwidth} zero crossings in all, for flip angle {@code flipRad}. */
    public static Rf sinc(double flipRad, double duration, double timeBandwidth, double dwell, double delay,
                          double phaseRad, Use use) {
        int n = (int) Math.round(duration / dwell);
        float[] shape = new float[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double t = ((i + 0.5) / n - 0.5);           // −0.5 … 0.5
            double x = timeBandwidth * t;
            double sinc = Math.abs(x) < 1e-12 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x);
            double window = 0.5 * (1 + Math.cos(2 * Math.PI * t));
            shape[i] = (float) (sinc * window);
            sum += shape[i];
        }
        double amplitude = flipRad / (2 * Math.PI * sum * dwell);
        return new Rf(delay, amplitude, phaseRad, 0, dwell, shape, use);
    }

    /** A rectangular (hard) pulse. */
    public static Rf block(double flipRad, double duration, double dwell, double delay, double phaseRad, Use use) {
        int n = Math.max(1, (int) Math.round(duration / dwell));
        float[] shape = new float[n];
        Arrays.fill(shape, 1f);
        return new Rf(delay, flipRad / (2 * Math.PI * n * dwell), phaseRad, 0, dwell, shape, use);
    }

    /** The same pulse at another phase and frequency offset (RF spoiling, slice position). */
    public Rf withPhaseAndOffset(double newPhaseRad, double newOffsetHz) {
        return new Rf(delay, amplitudeHz, newPhaseRad, newOffsetHz, dwell, shape, use, phaseShape, timeShape, center,
                frequencyPpm, phasePpm);
    }

    /** Bandwidth of a sinc pulse of this time-bandwidth product and duration, in Hz. */
    public static double sincBandwidth(double timeBandwidth, double duration) {
        return timeBandwidth / duration;
    }
}
