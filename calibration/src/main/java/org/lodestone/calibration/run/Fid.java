package org.lodestone.calibration.run;

import org.lodestone.seq.model.Block;
import org.lodestone.seq.model.Sequence;
import org.lodestone.seq.model.Trap;
import org.lodestone.seq.protocol.BuiltProtocol;
import org.lodestone.seq.protocol.FreeInductionDecay;
import org.lodestone.seq.protocol.ParameterException;

import java.util.ArrayList;
import java.util.List;

import java.util.LinkedHashMap;
import java.util.Map;

/** One free induction decay, all channels: the raw material of most routines. */
public record Fid(float[][] channels, double dwellS) {
    private static final double MARK_HZ_PER_M = 200;

    /** Runs a hard-pulse FID with the unit's current settings. */
    public static Fid acquire(ProgramRunner r, int samples, double dwellUs, double flipDeg) throws CalibrationException {
        return acquire(r, samples, dwellUs, flipDeg, -1);
    }

    /**
     * The same, with a weak gradient on {@code markAxis} (0–2, or −1 for none) during the pulse. At
     * 200 Hz/m the 400 µs pulse still excites a slab metres thick, so on a unit nothing changes; the
     * twin, which simulates a non-selective FID as one thin sheet across the axis that carries
     * gradient during the pulse (z when none), then lays that sheet across this axis, so a field map
     * along z sees the phantom's z extent.
     */
    public static Fid acquire(ProgramRunner r, int samples, double dwellUs, double flipDeg, int markAxis) throws CalibrationException {
        Map<String, Double> p = new LinkedHashMap<>();
        p.put("samples", (double) samples);
        p.put("dwell", dwellUs);
        p.put("flip", flipDeg);
        // shortest TR that holds the acquisition: one shot, nothing to recover
        p.put("tr", Math.max(10, Math.ceil(samples * dwellUs * 1e-3 + 1.5)));
        ProgramRunner.Acquisition a;
        if (markAxis < 0) {
            a = r.run(new FreeInductionDecay(), p);
        } else {
            BuiltProtocol b;
            try {
                b = new FreeInductionDecay().build(p, r.unit());
            } catch (ParameterException e) {
                throw new CalibrationException("fid cannot be built on this unit: " + e.getMessage());
            }
            double raster = r.unit().gradientRaster();
            List<Block> blocks = new ArrayList<>();
            for (Block blk : b.sequence().blocks()) {
                if (blk.rf() == null) {
                    blocks.add(blk);
                    continue;
                }
                double flat = Trap.ceil(blk.rf().end(), raster);
                Trap mark = new Trap(0, raster, flat, raster, MARK_HZ_PER_M);
                blocks.add(new Block(blk.duration(), blk.rf(), markAxis == 0 ? mark : null, markAxis == 1 ? mark : null,
                        markAxis == 2 ? mark : null, blk.adc(), blk.extensions()));
            }
            a = r.run(new BuiltProtocol(b.protocol(), new Sequence(b.sequence().name(), blocks, b.sequence().definitions()),
                    b.geometry(), b.expectedLines(), b.parameters(), b.derived()));
        }
        float[][] ch = new float[a.channels()][];
        for (int c = 0; c < ch.length; c++) ch[c] = a.channel(0, c);
        return new Fid(ch, a.dwellSeconds());
    }

    public int samples() {
        return channels[0].length / 2;
    }

    /** The channel with the most signal energy (the one a frequency estimate should use). */
    public float[] strongest() {
        float[] best = channels[0];
        double bestE = -1;
        for (float[] c : channels) {
            double e = 0;
            for (float v : c) e += v * (double) v;
            if (e > bestE) {
                bestE = e;
                best = c;
            }
        }
        return best;
    }

    /** Complex mean of the first n samples of a channel: the initial transverse magnetisation, {re, im}. */
    public double[] initial(int channel, int n) {
        float[] c = channels[channel];
        double re = 0, im = 0;
        for (int i = 0; i < n; i++) {
            re += c[2 * i];
            im += c[2 * i + 1];
        }
        return new double[] {re / n, im / n};
    }

    /** Σ over channels and time of |s(t)|: grows with T2*, so the shim maximises it. */
    public double envelopeIntegral() {
        double s = 0;
        for (float[] c : channels) {
            for (int i = 0; i < c.length / 2; i++) s += Math.hypot(c[2 * i], c[2 * i + 1]);
        }
        return s;
    }

    /** Noise std per real/imaginary part from the FID's last eighth (the signal has decayed there). */
    public double tailNoise(int channel) {
        float[] c = channels[channel];
        int n = c.length / 2, from = n - n / 8;
        double mr = 0, mi = 0;
        for (int i = from; i < n; i++) {
            mr += c[2 * i];
            mi += c[2 * i + 1];
        }
        mr /= n - from;
        mi /= n - from;
        double v = 0;
        for (int i = from; i < n; i++) v += Math.pow(c[2 * i] - mr, 2) + Math.pow(c[2 * i + 1] - mi, 2);
        return Math.sqrt(v / (2.0 * (n - from)));
    }
}
