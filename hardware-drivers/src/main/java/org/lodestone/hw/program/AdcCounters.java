package org.lodestone.hw.program;

/** The MRD encoding counters an ADC window carries from the sequence to the raw data. */
public record AdcCounters(int line, int partition, int average, int slice, int contrast, int phase,
                          int repetition, int set, int segment) {
    public static final AdcCounters ZERO = new AdcCounters(0, 0, 0, 0, 0, 0, 0, 0, 0);
}
