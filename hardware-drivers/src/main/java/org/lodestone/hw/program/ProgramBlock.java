package org.lodestone.hw.program;

/**
 * One block: a duration and at most one RF pulse, one gradient waveform (trapezoid or sampled) per axis and one ADC
 * window, each starting at its own delay from the block start. Absent events are null.
 */
public record ProgramBlock(long durationTicks, RfPulse rf, GradientWaveform gx, GradientWaveform gy, GradientWaveform gz, AdcWindow adc) {
    public ProgramBlock {
        if (durationTicks <= 0) throw new IllegalArgumentException("block duration must be positive");
    }

    public static ProgramBlock delay(long ticks) {
        return new ProgramBlock(ticks, null, null, null, null, null);
    }

    public GradientWaveform gradient(int axis) {
        return switch (axis) {
            case 0 -> gx;
            case 1 -> gy;
            case 2 -> gz;
            default -> throw new IllegalArgumentException("axis " + axis);
        };
    }
}
