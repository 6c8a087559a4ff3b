package org.lodestone.twin.phantom;

/**
 * MR properties of one tissue class: relative proton density and relaxation times in seconds.
 * {@code t2StarS} includes T2; the reversible part is {@link #t2PrimeS()}.
 */
public record Tissue(String name, double protonDensity, double t1S, double t2S, double t2StarS, double t1FieldExponent) {
    /** Field at which the tabulated relaxation times hold. */
    public static final double REFERENCE_FIELD_T = 0.35;

    /** A tissue whose T1 does not depend on field (e.g. doped water). */
    public Tissue(String name, double protonDensity, double t1S, double t2S, double t2StarS) {
        this(name, protonDensity, t1S, t2S, t2StarS, 0);
    }

    public Tissue {
        if (protonDensity < 0 || t1S <= 0 || t2S <= 0 || t2StarS <= 0) throw new IllegalArgumentException("bad tissue " + name);
        if (t2StarS > t2S) throw new IllegalArgumentException(name + ": T2* longer than T2");
    }

    /** Reversible (refocusable) dephasing time T2' with 1/T2* = 1/T2 + 1/T2'; infinite when T2* = T2. */
    public double t2PrimeS() {
        double r = 1.0 / t2StarS - 1.0 / t2S;
        return r <= 0 ? Double.POSITIVE_INFINITY : 1.0 / r;
    }

    /**
     * The tissue at another field: T1 ∝ B0^exponent (dispersion of macromolecular relaxation,
     * Bottomley et al. 1984 give ≈ 0.3–0.4 for brain), T2 unchanged, and the reversible part T2'
     * ∝ 1/B0 because susceptibility-induced field offsets scale with B0.
     */
    public Tissue atField(double b0Tesla) {
        if (b0Tesla == REFERENCE_FIELD_T) return this;
        double f = b0Tesla / REFERENCE_FIELD_T;
        double t1 = t1S * Math.pow(f, t1FieldExponent);
        double t2p = t2PrimeS() / f;
        double t2s = Double.isInfinite(t2p) ? t2S : 1.0 / (1.0 / t2S + 1.0 / t2p);
        return new Tissue(name, protonDensity, t1, t2S, t2s, t1FieldExponent);
    }

    // Approximate values at 0.35 T (T1 shortens and T2 changes little at low field).
    public static final Tissue FAT = new Tissue("fat/scalp", 0.90, 0.200, 0.080, 0.050, 0.15);
    public static final Tissue GREY_MATTER = new Tissue("grey matter", 0.80, 0.650, 0.095, 0.070, 0.35);
    public static final Tissue WHITE_MATTER = new Tissue("white matter", 0.70, 0.440, 0.080, 0.060, 0.35);
    public static final Tissue CSF = new Tissue("CSF", 1.00, 3.000, 1.500, 0.400, 0.0);
    public static final Tissue LESION = new Tissue("lesion", 0.85, 0.850, 0.140, 0.090, 0.35);
    public static final Tissue MUSCLE = new Tissue("muscle", 0.75, 0.450, 0.045, 0.030, 0.35);
    /** Nickel-doped water of test objects. */
    public static final Tissue DOPED_WATER = new Tissue("doped water", 1.00, 0.300, 0.250, 0.200, 0.0);
}
