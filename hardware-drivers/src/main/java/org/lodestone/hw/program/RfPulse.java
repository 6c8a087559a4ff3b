package org.lodestone.hw.program;

/**
 * An RF pulse: an amplitude shape (samples at {@code dwellTicks}), scaled by {@code amplitudeHz}
 * (peak γ·B1 in Hz), with a phase and a frequency offset from the carrier. Sample i plays
 * B1 = amplitudeHz · shape[i] · e^{i(phaseRad + phaseShape[i] + 2π·frequencyOffsetHz·t)} over
 * [i·dwell, (i+1)·dwell), t from the pulse start; {@code phaseShape} (radians, same length as
 * {@code shape}) is null for a real-valued pulse. Sample i's phase is taken at its centre.
 */
public record RfPulse(long delayTicks, double amplitudeHz, double phaseRad, double frequencyOffsetHz,
                      int dwellTicks, float[] shape, Use use, float[] phaseShape) {
    public enum Use { EXCITATION, REFOCUSING, INVERSION, OTHER }

    public RfPulse {
        if (dwellTicks <= 0) throw new IllegalArgumentException("RF dwell must be positive");
        if (shape.length == 0) throw new IllegalArgumentException("RF shape is empty");
        if (phaseShape != null && phaseShape.length != shape.length) {
            throw new IllegalArgumentException("RF phase shape has " + phaseShape.length + " samples, the magnitude " + shape.length);
        }
        if (phaseShape != null) {
            for (int i = 0; i < phaseShape.length; i++) {
                if (!Float.isFinite(phaseShape[i])) throw new IllegalArgumentException("RF phase sample " + i + " is not finite");
            }
        }
    }

    /** A real-valued pulse (no phase shape). */
    public RfPulse(long delayTicks, double amplitudeHz, double phaseRad, double frequencyOffsetHz,
                   int dwellTicks, float[] shape, Use use) {
        this(delayTicks, amplitudeHz, phaseRad, frequencyOffsetHz, dwellTicks, shape, use, null);
    }

    public boolean isPhaseModulated() {
        return phaseShape != null;
    }

    /** Phase of sample i from the shape alone (0 for a real pulse), radians. */
    public double phaseOf(int i) {
        return phaseShape == null ? 0 : phaseShape[i];
    }

    public long durationTicks() {
        return (long) dwellTicks * shape.length;
    }

    public long endTicks() {
        return delayTicks + durationTicks();
    }

    /**
     * Area of the shape times amplitude, in turns (cycles): flip angle / 2π for an on-resonance
     * pulse. For a phase-modulated pulse, the magnitude of the complex area |Σ shape·e^{i·phase}|.
     */
    public double areaTurns(int tickNs) {
        double s;
        if (phaseShape == null) {
            s = 0;
            for (float v : shape) s += v;
        } else {
            double re = 0, im = 0;
            for (int i = 0; i < shape.length; i++) {
                re += shape[i] * Math.cos(phaseShape[i]);
                im += shape[i] * Math.sin(phaseShape[i]);
            }
            s = Math.hypot(re, im);
        }
        return s * amplitudeHz * dwellTicks * tickNs * 1e-9;
    }
}
