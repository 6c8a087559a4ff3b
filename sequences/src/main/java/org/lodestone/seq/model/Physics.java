package org.lodestone.seq.model;

/** Constants the sequences use. */
public final class Physics {
    /** γ/2π of ¹H in Hz per tesla. */
    public static final double GAMMA_HZ_PER_T = 42.577478e6;

    private Physics() {
    }

    public static double mTPerMToHzPerM(double mTPerM) {
        return mTPerM * 1e-3 * GAMMA_HZ_PER_T;
    }

    public static double hzPerMToMTPerM(double hzPerM) {
        return hzPerM / GAMMA_HZ_PER_T * 1e3;
    }
}
