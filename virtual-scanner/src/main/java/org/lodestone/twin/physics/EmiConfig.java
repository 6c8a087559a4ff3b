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
        double[] mag = {0.30, 0.22, 1.0};
        double[] ph = {Math.toRadians(40), Math.toRadians(-75), 0};
        double[] re = new double[3], im = new double[3];
        for (int c = 0; c < 3; c++) {
            re[c] = mag[c] * Math.cos(ph[c]);
            im[c] = mag[c] * Math.sin(ph[c]);
        }
        return new EmiConfig(List.of(new Carrier(3_200, 60, 0.3), new Carrier(-11_700, 35, 1.9)), 10.0, re, im);
    }

    public int referenceChannel() {
        return couplingRe.length - 1;
    }
}
