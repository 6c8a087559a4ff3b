package org.lodestone.recon.mrd;

/**
 * Bits of {@code AcquisitionHeader.flags} as numbered in ismrmrd.h ({@code ISMRMRD_ACQ_*}):
 * flag number {@code n} is bit {@code n - 1} of the uint64.
 */
public enum AcquisitionFlag {
    FIRST_IN_ENCODE_STEP1(1), LAST_IN_ENCODE_STEP1(2),
    FIRST_IN_ENCODE_STEP2(3), LAST_IN_ENCODE_STEP2(4),
    FIRST_IN_AVERAGE(5), LAST_IN_AVERAGE(6),
    FIRST_IN_SLICE(7), LAST_IN_SLICE(8),
    FIRST_IN_CONTRAST(9), LAST_IN_CONTRAST(10),
    FIRST_IN_PHASE(11), LAST_IN_PHASE(12),
    FIRST_IN_REPETITION(13), LAST_IN_REPETITION(14),
    FIRST_IN_SET(15), LAST_IN_SET(16),
    FIRST_IN_SEGMENT(17), LAST_IN_SEGMENT(18),
    IS_NOISE_MEASUREMENT(19),
    IS_PARALLEL_CALIBRATION(20),
    IS_PARALLEL_CALIBRATION_AND_IMAGING(21),
    IS_REVERSE(22),
    IS_NAVIGATION_DATA(23),
    IS_PHASECORR_DATA(24),
    LAST_IN_MEASUREMENT(25),
    IS_HPFEEDBACK_DATA(26),
    IS_DUMMYSCAN_DATA(27),
    IS_RTFEEDBACK_DATA(28),
    IS_SURFACECOILCORRECTIONSCAN_DATA(29);

    private final int number;

    AcquisitionFlag(int number) {
        this.number = number;
    }

    /** The ISMRMRD flag number (1-based). */
    public int number() {
        return number;
    }

    public long mask() {
        return 1L << (number - 1);
    }

    public boolean isSetIn(long flags) {
        return (flags & mask()) != 0;
    }
}
