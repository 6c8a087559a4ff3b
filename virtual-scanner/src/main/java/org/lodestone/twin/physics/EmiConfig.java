package org.lodestone.twin.physics;

import java.util.List;

/**
 * Electromagnetic interference: narrowband carriers and a broadband (white) source, each coupled
 * into every receive channel through a fixed, frequency-flat complex transfer coefficient.
 * Channels 0..n−2 are the imaging coils; the last channel is the reference antenna, which sees the
 * interference but no MR signal. Amplitudes are in the signal unit (see {@link ScannerModel}).
 *
 * @param broadbandStdAt10us std per real/imaginary part of the broadband source at 10 µs dwell (∝ 1/√dwell)
 * @param couplingRe         real parts of the transfer coefficients, one per channel (imaging..., reference)
 * @param couplingIm         imaginary parts
 */
public record EmiConfig(List<Carrier> carriers, double broadbandStdAt10us, double[] couplingRe, double[] couplingIm) {
    /** A carrier at nominal Larmor + offsetHz, amplitude at the source. */
    public record Carrier(double offsetFromNominalHz, double amplitude, double phaseRad) {
    }

    public EmiConfig {
        carriers = List.copyOf(carriers);
        couplingRe = couplingRe.clone();
        couplingIm = couplingIm.clone();
        if (couplingRe.length != couplingIm.length) throw new IllegalArgumentException("coupling lengths differ");
    }

    /** The {@code --emi} environment: two carriers, broadband noise, couplings into 2 coils and the reference. */
    public static EmiConfig standard() {
        return standard(CoilArray.DEFAULT_COILS);
    }

    /**
     * The {@code --emi} environment for {@code coils} receive coils and the reference: the first two couplings as
     * in {@link #standard()}, further coils 0.15–0.35 at phases spread by coil (fixed, like the room's wiring).
     */
    public static EmiConfig standard(int coils) {
        int n = coils + 1;
        double[] mag = new double[n], ph = new double[n];
        for (int c = 0; c < coils; c++) {
            mag[c] = c == 0 ? 0.30 : c == 1 ? 0.22 : 0.25 + 0.10 * Math.cos(1.7 * c);
            ph[c] = Math.toRadians(c == 0 ? 40 : c == 1 ? -75 : 40 - 115.0 * c);
        }
        mag[coils] = 1.0;
        double[] re = new double[n], im = new double[n];
        for (int c = 0; c < n; c++) {
            re[c] = mag[c] * Math.cos(ph[c]);
            im[c] = mag[c] * Math.sin(ph[c]);
        }
        return new EmiConfig(List.of(new Carrier(3_200, 60, 0.3), new Carrier(-11_700, 35, 1.9)), 10.0, re, im);
    }

    public int referenceChannel() {
        return couplingRe.length - 1;
    }
}
