package org.lodestone.hw.program;


/** An ADC window: samples at {@code dwellNs}, starting at {@code delayTicks}, tagged with its MRD counters. */
public record AdcWindow(long delayTicks, int samples, int dwellNs, double phaseRad, double frequencyOffsetHz,
                        AdcCounters counters, long flags) {
    public AdcWindow {
        if (samples <= 0) throw new IllegalArgumentException("ADC needs at least one sample");
        if (dwellNs <= 0) throw new IllegalArgumentException("ADC dwell must be positive");
    }

    public double durationNs() {
        return (double) samples * dwellNs;
    }
}
