package org.lodestone.seq.model;

import java.util.List;

/**
 * A Pulseq block: a duration, at most one event per channel (RF, Gx, Gy, Gz, ADC), and its extensions
 * (labels, triggers, …) in file order.
 */
public record Block(double duration, Rf rf, Gradient gx, Gradient gy, Gradient gz, Adc adc, List<BlockExtension> extensions) {
    public Block {
        extensions = extensions == null ? List.of() : List.copyOf(extensions);
    }

    public Block(double duration, Rf rf, Gradient gx, Gradient gy, Gradient gz, Adc adc) {
        this(duration, rf, gx, gy, gz, adc, List.of());
    }

    public static Block delay(double seconds) {
        return new Block(seconds, null, null, null, null, null);
    }

    public Gradient gradient(int axis) {
        return switch (axis) {
            case 0 -> gx;
            case 1 -> gy;
            case 2 -> gz;
            default -> throw new IllegalArgumentException("axis " + axis);
        };
    }

    public List<BlockExtension.Label> labels() {
        return extensions.stream().filter(e -> e instanceof BlockExtension.Label).map(e -> (BlockExtension.Label) e).toList();
    }

    public Block withExtensions(List<BlockExtension> ext) {
        return new Block(duration, rf, gx, gy, gz, adc, ext);
    }

    /** The time its last event ends. */
    public double eventsEnd() {
        double end = 0;
        if (rf != null) end = Math.max(end, rf.end());
        for (int a = 0; a < 3; a++) if (gradient(a) != null) end = Math.max(end, gradient(a).duration());
        if (adc != null) end = Math.max(end, adc.end());
        for (BlockExtension e : extensions) if (e instanceof BlockExtension.Trigger t) end = Math.max(end, t.delay() + t.duration());
        return end;
    }
}
