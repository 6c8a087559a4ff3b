package org.lodestone.seq.model;

import org.lodestone.hw.wire.AdcCounters;

/** An ADC window: samples at {@code dwell} seconds from {@code delay}, with the MRD counters of its line. */
public record Adc(double delay, int samples, double dwell, double phaseRad, double frequencyOffsetHz,
                  AdcCounters counters, long flags) {
    public double duration() {
        return samples * dwell;
    }

    public double end() {
        return delay + duration();
    }
}
