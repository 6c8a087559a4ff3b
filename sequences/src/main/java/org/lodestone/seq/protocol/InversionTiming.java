package org.lodestone.seq.protocol;

/**
 * Inversion times that null a tissue: after an inversion the longitudinal magnetisation is
 * M0·(1 − 2e^{−TI/T1} + e^{−TR/T1}) (full recovery assumed from the previous excitation), zero at
 * TI = T1·(ln 2 − ln(1 + e^{−TR/T1})). STIR nulls fat, FLAIR nulls cerebrospinal fluid.
 */
public final class InversionTiming {
    /** T1 of fat at 0.2–0.5 T (it varies little with field at low field). */
    public static final double FAT_T1_MS = 200;
    /** T1 of CSF, about 4 s at any clinical field. */
    public static final double CSF_T1_MS = 4000;

    private InversionTiming() {
    }

    public static double nullingTiMs(double t1Ms, double trMs) {
        return t1Ms * (Math.log(2) - Math.log1p(Math.exp(-trMs / t1Ms)));
    }
}
