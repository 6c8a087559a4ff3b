package org.lodestone.seq.pulseq;

/** A Pulseq format version; the column layouts of [RF], [GRADIENTS], [ADC] and [BLOCKS] depend on it. */
public record PulseqVersion(int major, int minor, int revision) implements Comparable<PulseqVersion> {
    public static final PulseqVersion V1_2_0 = new PulseqVersion(1, 2, 0);
    public static final PulseqVersion V1_2_1 = new PulseqVersion(1, 2, 1);
    public static final PulseqVersion V1_4_0 = new PulseqVersion(1, 4, 0);
    public static final PulseqVersion V1_5_0 = new PulseqVersion(1, 5, 0);

    public int combined() {
        return major * 1_000_000 + minor * 1_000 + revision;
    }

    public boolean atLeast(PulseqVersion o) {
        return compareTo(o) >= 0;
    }

    @Override
    public int compareTo(PulseqVersion o) {
        return Integer.compare(combined(), o.combined());
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + revision;
    }
}
