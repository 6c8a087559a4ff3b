package org.lodestone.hw.wire;

/** The MRD encoding counters an ADC window carries from the sequence to the raw data. */
public record AdcCounters(int line, int partition, int average, int slice, int contrast, int phase,
                          int repetition, int set, int segment) {
    public static final AdcCounters ZERO = new AdcCounters(0, 0, 0, 0, 0, 0, 0, 0, 0);

    void write(PayloadWriter w) {
        w.u16(line).u16(partition).u16(average).u16(slice).u16(contrast).u16(phase).u16(repetition).u16(set).u16(segment);
    }

    static AdcCounters read(PayloadReader r) throws ProtocolException {
        return new AdcCounters(r.u16("line"), r.u16("partition"), r.u16("average"), r.u16("slice"),
                r.u16("contrast"), r.u16("phase"), r.u16("repetition"), r.u16("set"), r.u16("segment"));
    }
}
