package org.lodestone.seq.pulseq;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * Number text for Pulseq files such that reading what was written gives back the same double:
 * the writer searches the shortest decimal that the reader's own conversion maps onto the value.
 */
final class PulseqNumbers {
    private PulseqNumbers() {
    }

    /** The reader's conversion: a decimal in file units to SI, −0 folded to 0. */
    static double fromFile(String token, double unitsPerSecond) {
        double v = Double.parseDouble(token);
        return (unitsPerSecond == 1 ? v : v / unitsPerSecond) + 0.0;
    }

    /** Shortest text t with fromFile(t, unitsPerSecond) == x. */
    static String toFile(double x, double unitsPerSecond) {
        if (x == 0) return "0";
        if (!Double.isFinite(x)) throw new IllegalArgumentException("not a finite number: " + x);
        if (unitsPerSecond == 1) return plain(new BigDecimal(Double.toString(x)));
        BigDecimal exact = new BigDecimal(x).multiply(new BigDecimal(unitsPerSecond));
        for (int digits = 1; digits <= 17; digits++) {
            BigDecimal r = exact.round(new MathContext(digits));
            if (r.doubleValue() / unitsPerSecond + 0.0 == x) return plain(r);
        }
        return plain(exact.round(MathContext.DECIMAL64));
    }

    /** Shortest text d such that running + parse(d) == target, or null when none exists. */
    static String increment(double running, double target) {
        BigDecimal exact = new BigDecimal(target).subtract(new BigDecimal(running));
        if (exact.signum() == 0 && running + 0.0 == target) return "0";
        for (int digits = 1; digits <= 17; digits++) {
            BigDecimal r = exact.round(new MathContext(digits));
            if (running + r.doubleValue() == target) return plain(r);
        }
        return null;
    }

    private static String plain(BigDecimal d) {
        BigDecimal s = d.stripTrailingZeros();
        int exp = s.precision() - s.scale() - 1;
        return exp >= -5 && exp < 9 ? s.toPlainString() : s.toString().replace("E+", "e+").replace("E-", "e-");
    }
}
