package org.lodestone.seq.model;

/** A Pulseq block: a duration and at most one event per channel (RF, Gx, Gy, Gz, ADC). */
public record Block(double duration, Rf rf, Trap gx, Trap gy, Trap gz, Adc adc) {

    public static Block delay(double seconds) {
        return new Block(seconds, null, null, null, null, null);
    }

    public Trap gradient(int axis) {
        return switch (axis) {
            case 0 -> gx;
            case 1 -> gy;
            case 2 -> gz;
            default -> throw new IllegalArgumentException("axis " + axis);
        };
    }

    /** The time its last event ends. */
    public double eventsEnd() {
        double end = 0;
        if (rf != null) end = Math.max(end, rf.end());
        for (int a = 0; a < 3; a++) if (gradient(a) != null) end = Math.max(end, gradient(a).duration());
        if (adc != null) end = Math.max(end, adc.end());
        return end;
    }
}
