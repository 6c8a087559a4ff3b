package org.lodestone.seq.model;

import org.lodestone.hw.program.AdcCounters;

import java.util.Arrays;

/**
 * An ADC window: samples at {@code dwell} seconds from {@code delay}, with the MRD counters of its line
 * and MRD acquisition flags. Pulseq 1.5 adds ppm offsets and a phase modulation shape (turns per sample).
 */
public record Adc(double delay, int samples, double dwell, double phaseRad, double frequencyOffsetHz,
                  AdcCounters counters, long flags, double frequencyPpm, double phasePpm, double[] phaseModulation) {

    public Adc(double delay, int samples, double dwell, double phaseRad, double frequencyOffsetHz, AdcCounters counters, long flags) {
        this(delay, samples, dwell, phaseRad, frequencyOffsetHz, counters, flags, 0, 0, null);
    }

    public double duration() {
        return samples * dwell;
    }

    public double end() {
        return delay + duration();
    }

    public Adc withCountersAndFlags(AdcCounters c, long f) {
        return new Adc(delay, samples, dwell, phaseRad, frequencyOffsetHz, c, f, frequencyPpm, phasePpm, phaseModulation);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Adc a && Double.compare(delay, a.delay) == 0 && samples == a.samples && Double.compare(dwell, a.dwell) == 0
                && Double.compare(phaseRad, a.phaseRad) == 0 && Double.compare(frequencyOffsetHz, a.frequencyOffsetHz) == 0
                && java.util.Objects.equals(counters, a.counters) && flags == a.flags
                && Double.compare(frequencyPpm, a.frequencyPpm) == 0 && Double.compare(phasePpm, a.phasePpm) == 0
                && Arrays.equals(phaseModulation, a.phaseModulation);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * samples + Double.hashCode(dwell)) + Double.hashCode(phaseRad);
    }
}
