package org.lodestone.hw.program;

/**
 * An RF pulse: a real amplitude shape (samples at {@code dwellTicks}), scaled by
 * {@code amplitudeHz} (peak γ·B1 in Hz), with a phase and a frequency offset from the carrier.
 */
public record RfPulse(long delayTicks, double amplitudeHz, double phaseRad, double frequencyOffsetHz,
                      int dwellTicks, float[] shape, Use use) {
    public enum Use { EXCITATION, REFOCUSING, INVERSION, OTHER }

    public RfPulse {
        if (dwellTicks <= 0) throw new IllegalArgumentException("RF dwell must be positive");
        if (shape.length == 0) throw new IllegalArgumentException("RF shape is empty");
    }

    public long durationTicks() {
        return (long) dwellTicks * shape.length;
    }

    public long endTicks() {
        return delayTicks + durationTicks();
    }

    /** Area of the shape times amplitude, in turns (cycles): flip angle / 2π for an on-resonance pulse. */
    public double areaTurns(int tickNs) {
        double s = 0;
        for (float v : shape) s += v;
        return s * amplitudeHz * dwellTicks * tickNs * 1e-9;
    }
}
