package org.lodestone.seq.protocol;

import org.lodestone.seq.model.Block;
import org.lodestone.seq.model.Gradient;
import org.lodestone.seq.model.Rf;
import org.lodestone.seq.model.Sequence;

/**
 * The gradient moment (Hz·s/m per unit axis) at each ADC's echo sample (N/2), tracked block by block:
 * an excitation starts it at its centre, a refocusing pulse negates it at its centre.
 */
final class EchoMoments {
    interface AtEcho {
        void check(Block acquisition, double[] moment);
    }

    private EchoMoments() {
    }

    /** Calls {@code at} for every ADC with the moment at its echo; returns how many. */
    static int walk(Sequence seq, AtEcho at) {
        double[] m = new double[3];
        int echoes = 0;
        for (Block x : seq.blocks()) {
            double centre = x.rf() == null ? 0 : x.rf().delay() + x.rf().duration() / 2;
            double echo = x.adc() == null ? 0 : x.adc().delay() + (x.adc().samples() / 2 + 0.5) * x.adc().dwell();
            double[] atEcho = new double[3];
            for (int a = 0; a < 3; a++) {
                Gradient g = x.gradient(a);
                double total = g == null ? 0 : g.area();
                if (x.rf() != null && x.rf().use() == Rf.Use.EXCITATION) {
                    m[a] = total - (g == null ? 0 : g.waveform().areaUntil(centre));
                } else if (x.rf() != null && x.rf().use() == Rf.Use.REFOCUSING) {
                    double before = g == null ? 0 : g.waveform().areaUntil(centre);
                    m[a] = -(m[a] + before) + (total - before); // the 180 negates the moment at its centre
                } else {
                    atEcho[a] = m[a] + (g == null ? 0 : g.waveform().areaUntil(echo));
                    m[a] += total;
                }
            }
            if (x.adc() != null) {
                at.check(x, atEcho);
                echoes++;
            }
        }
        return echoes;
    }
}
