package org.lodestone.twin.phantom;

/**
 * MR properties of one tissue class: relative proton density and relaxation times in seconds.
 * {@code t2StarS} includes T2; the reversible part is {@link #t2PrimeS()}.
 */
public record Tissue(String name, double protonDensity, double t1S, double t2S, double t2StarS) {
    public Tissue {
        if (protonDensity < 0 || t1S <= 0 || t2S <= 0 || t2StarS <= 0) throw new IllegalArgumentException("bad tissue " + name);
        if (t2StarS > t2S) throw new IllegalArgumentException(name + ": T2* longer than T2");
    }

    /** Reversible (refocusable) dephasing time T2' with 1/T2* = 1/T2 + 1/T2'; infinite when T2* = T2. */
    public double t2PrimeS() {
        double r = 1.0 / t2StarS - 1.0 / t2S;
        return r <= 0 ? Double.POSITIVE_INFINITY : 1.0 / r;
    }

    // Approximate values at 0.35 T (T1 shortens and T2 changes little at low field).
    public static final Tissue FAT = new Tissue("fat/scalp", 0.90, 0.200, 0.080, 0.050);
    public static final Tissue GREY_MATTER = new Tissue("grey matter", 0.80, 0.650, 0.095, 0.070);
    public static final Tissue WHITE_MATTER = new Tissue("white matter", 0.70, 0.440, 0.080, 0.060);
    public static final Tissue CSF = new Tissue("CSF", 1.00, 3.000, 1.500, 0.400);
    public static final Tissue LESION = new Tissue("lesion", 0.85, 0.850, 0.140, 0.090);
    public static final Tissue MUSCLE = new Tissue("muscle", 0.75, 0.450, 0.045, 0.030);
}
