package org.lodestone.seq.model;

/**
 * An RF pulse as Pulseq has it: a real shape (samples every {@code dwell} seconds) scaled by a peak
 * amplitude in Hz (γ·B1), with phase, frequency offset and a delay from the block start.
 */
public record Rf(double delay, double amplitudeHz, double phaseRad, double frequencyOffsetHz, double dwell,
                 float[] shape, Use use) {
    public enum Use { EXCITATION, REFOCUSING, INVERSION, OTHER }

    public double duration() {
        return dwell * shape.length;
    }

    public double end() {
        return delay + duration();
    }

    /** Peak B1 in tesla: amplitude in Hz over γ. */
    public double peakB1Tesla() {
        double peak = 0;
        for (float v : shape) peak = Math.max(peak, Math.abs(v));
        return peak * Math.abs(amplitudeHz) / Physics.GAMMA_HZ_PER_T;
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
        java.util.Arrays.fill(shape, 1f);
        return new Rf(delay, flipRad / (2 * Math.PI * n * dwell), phaseRad, 0, dwell, shape, use);
    }

    /** Bandwidth of a sinc pulse of this time-bandwidth product and duration, in Hz. */
    public static double sincBandwidth(double timeBandwidth, double duration) {
        return timeBandwidth / duration;
    }
}
