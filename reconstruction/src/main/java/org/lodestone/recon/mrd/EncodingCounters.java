package org.lodestone.recon.mrd;

import java.util.Arrays;

/**
 * ISMRMRD {@code EncodingCounters} ({@code idx} of an acquisition header): 17 uint16 values,
 * 34 bytes packed. Values are held as {@code int} and must lie in 0..65535.
 */
public record EncodingCounters(int kspaceEncodeStep1, int kspaceEncodeStep2, int average, int slice,
                               int contrast, int phase, int repetition, int set, int segment, int[] user) {

    public static final int USER_COUNT = 8;
    /** Packed size in bytes: 9 named counters + 8 user counters, all uint16. */
    public static final int SIZE_BYTES = (9 + USER_COUNT) * 2;
    public static final EncodingCounters ZERO = of(0, 0);

    public EncodingCounters {
        user = user == null ? new int[USER_COUNT] : user.clone();
        if (user.length != USER_COUNT) {
            throw new IllegalArgumentException("EncodingCounters.user needs " + USER_COUNT + " values, got " + user.length);
        }
        checkU16("kspace_encode_step_1", kspaceEncodeStep1);
        checkU16("kspace_encode_step_2", kspaceEncodeStep2);
        checkU16("average", average);
        checkU16("slice", slice);
        checkU16("contrast", contrast);
        checkU16("phase", phase);
        checkU16("repetition", repetition);
        checkU16("set", set);
        checkU16("segment", segment);
        for (int u : user) {
            checkU16("user", u);
        }
    }

    /** Counters for a plain 2D Cartesian line: phase-encode step and slice, everything else 0. */
    public static EncodingCounters of(int kspaceEncodeStep1, int slice) {
        return new EncodingCounters(kspaceEncodeStep1, 0, 0, slice, 0, 0, 0, 0, 0, null);
    }

    public EncodingCounters withAverage(int newAverage) {
        return new EncodingCounters(kspaceEncodeStep1, kspaceEncodeStep2, newAverage, slice, contrast, phase,
                repetition, set, segment, user);
    }

    public EncodingCounters withContrast(int newContrast) {
        return new EncodingCounters(kspaceEncodeStep1, kspaceEncodeStep2, average, slice, newContrast, phase,
                repetition, set, segment, user);
    }

    @Override
    public int[] user() {
        return user.clone();
    }

    static void checkU16(String name, int value) {
        if (value < 0 || value > 0xFFFF) {
            throw new IllegalArgumentException(name + " must be in 0..65535 (uint16), got " + value);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EncodingCounters e
                && kspaceEncodeStep1 == e.kspaceEncodeStep1 && kspaceEncodeStep2 == e.kspaceEncodeStep2
                && average == e.average && slice == e.slice && contrast == e.contrast && phase == e.phase
                && repetition == e.repetition && set == e.set && segment == e.segment
                && Arrays.equals(user, e.user);
    }

    @Override
    public int hashCode() {
        int h = java.util.Objects.hash(kspaceEncodeStep1, kspaceEncodeStep2, average, slice, contrast, phase,
                repetition, set, segment);
        return 31 * h + Arrays.hashCode(user);
    }

    @Override
    public String toString() {
        return "EncodingCounters[ky=" + kspaceEncodeStep1 + ", kz=" + kspaceEncodeStep2 + ", average=" + average
                + ", slice=" + slice + ", contrast=" + contrast + ", phase=" + phase + ", repetition=" + repetition
                + ", set=" + set + ", segment=" + segment + ", user=" + Arrays.toString(user) + "]";
    }
}
