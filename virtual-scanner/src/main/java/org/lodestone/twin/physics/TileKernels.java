package org.lodestone.twin.physics;

import org.lodestone.twin.phantom.Tissue;

import java.util.List;
import java.util.concurrent.Callable;

/**
 * The Bloch kernels: applies a block's operations to tiles first, first+stride, … of the isochromats
 * (free precession and relaxation, RF rotations, ADC windows). Each tile is one tissue, so relaxation
 * factors are computed once per tile.
 */
record TileKernels(IsochromatGrid grid, TransformReadout transform, int first, int stride, List<SpinOp> ops) implements Callable<Void> {
    private static final double TWO_PI = 2 * Math.PI;
    private static final double CYCLES_PER_RAD = 1 / TWO_PI;

    @Override
    public Void call() {
        // per tile: phases (cycles), then their cos and sin in one pass (SinCos)
        double[] u = new double[IsochromatGrid.TILE], cs = new double[IsochromatGrid.TILE], sn = new double[IsochromatGrid.TILE];
        for (int t = first; t < grid.tileFrom.length; t += stride) {
            Tissue tis = grid.tissues[grid.tileTissue[t]];
            int from = grid.tileFrom[t], to = grid.tileTo[t];
            for (SpinOp op : ops) {
                switch (op) {
                    case SpinOp.Free f -> free(from, to, tis, f);
                    case SpinOp.Rot r -> rotate(from, to, r.r(), u, cs, sn);
                    case SpinOp.Adc a -> adc(t, from, to, tis, a, u, cs, sn);
                    case SpinOp.AdcSegment a -> segment(from, to, tis, a.adc(), a.segment(), u, cs, sn);
                    case SpinOp.AdcEnd a -> endOfWindow(from, to, tis, a.adc());
                }
            }
        }
        return null;
    }

    private void free(int from, int to, Tissue tis, SpinOp.Free f) {
        double e1 = Math.exp(-f.dt() / tis.t1S());
        double e2 = Math.exp(-f.dt() / tis.t2S());
        double dt = f.dt(), a0 = f.a0(), a1 = f.a1(), a2 = f.a2(), c = f.phase0();
        double[] p0 = grid.pos[0], p1 = grid.pos[1], p2 = grid.pos[2];
        double[] ph = grid.ph, df = grid.df, mre = grid.mre, mim = grid.mim, mz = grid.mz, m0 = grid.m0;
        for (int i = from; i < to; i++) {
            ph[i] += c + TWO_PI * (df[i] * dt + a0 * p0[i] + a1 * p1[i] + a2 * p2[i]);
            mre[i] *= e2;
            mim[i] *= e2;
            mz[i] = m0[i] + (mz[i] - m0[i]) * e1;
        }
    }

    private void applyPending(int from, int to, double[] u, double[] cs, double[] sn) {
        double[] ph = grid.ph, mre = grid.mre, mim = grid.mim;
        for (int i = from; i < to; i++) u[i - from] = ph[i] * CYCLES_PER_RAD;
        SinCos.of(u, to - from, 1, cs, sn);
        for (int i = from; i < to; i++) {
            double c = cs[i - from], s = sn[i - from];
            double re = mre[i], im = mim[i];
            mre[i] = re * c - im * s;
            mim[i] = re * s + im * c;
            ph[i] = 0;
        }
    }

    private void rotate(int from, int to, double[] r, double[] u, double[] cs, double[] sn) {
        applyPending(from, to, u, cs, sn);
        double[] mre = grid.mre, mim = grid.mim, mz = grid.mz;
        for (int i = from; i < to; i++) {
            double x = mre[i], y = mim[i], z = mz[i];
            mre[i] = r[0] * x + r[1] * y + r[2] * z;
            mim[i] = r[3] * x + r[4] * y + r[5] * z;
            mz[i] = r[6] * x + r[7] * y + r[8] * z;
        }
    }

    /**
     * The truth's sample: each isochromat's m_xy at the capture sample, with its phase (pending, off-resonance and
     * gradient since the window's first sample), so the truth image sums a voxel's spins coherently as the
     * signal does (a pathway the spoilers dephase across the voxel cancels there too).
     */
    private void capture(int from, int to, Tissue tis, SpinOp.Adc a, boolean withPending) {
        int n = a.capture();
        double dwell = a.dwellS();
        double e = Math.exp(-n * dwell / tis.t2S());
        double[] c = a.cum()[n];
        double fd = a.fieldHz() * dwell;
        double[] mre = grid.mre, mim = grid.mim, ph = grid.ph, df = grid.df;
        double[] p0 = grid.pos[0], p1 = grid.pos[1], p2 = grid.pos[2];
        for (int i = from; i < to; i++) {
            double phase = (withPending ? ph[i] : 0) + TWO_PI * ((df[i] * dwell + fd) * n + c[0] * p0[i] + c[1] * p1[i] + c[2] * p2[i]);
            double cs = e * Math.cos(phase), sn = e * Math.sin(phase);
            grid.truthRe[i] = mre[i] * cs - mim[i] * sn;
            grid.truthIm[i] = mre[i] * sn + mim[i] * cs;
        }
    }

    /** TRANSFORM, segment s: each isochromat's coefficient, bin and Taylor argument for the grids. */
    private void segment(int from, int to, Tissue tis, SpinOp.Adc a, int s, double[] u, double[] cs, double[] sn) {
        double dwell = a.dwellS();
        int firstSample = a.segStart()[s], len = a.segStart()[s + 1] - firstSample;
        double[] mre = grid.mre, mim = grid.mim, ph = grid.ph, df = grid.df;
        if (s == 0 && a.capture() >= 0) capture(from, to, tis, a, true);
        double[] c = a.cum()[firstSample], g = a.segBase()[s];
        double h = (len - 1) / 2.0, fd = a.fieldHz() * dwell;
        double[] p0 = grid.pos[0], p1 = grid.pos[1], p2 = grid.pos[2];
        double[] rem = new double[1];
        for (int i = from; i < to; i++) {
            double f = df[i] * dwell + fd; // off-resonance, cycles per sample
            transform.segBin[i] = transform.transform().bin(f + g[0] * p0[i] + g[1] * p1[i] + g[2] * p2[i], rem);
            double delta = rem[0];
            // pending phase + phase at the segment's first sample + the Taylor centre's offset from the bin (cycles)
            u[i - from] = ph[i] * CYCLES_PER_RAD + (f * firstSample + c[0] * p0[i] + c[1] * p1[i] + c[2] * p2[i] + delta * h);
            transform.segZ[i] = TWO_PI * delta * h;
        }
        SinCos.of(u, to - from, 1, cs, sn);
        for (int i = from; i < to; i++) {
            double co = cs[i - from], si = sn[i - from];
            transform.segRe[i] = mre[i] * co - mim[i] * si;
            transform.segIm[i] = mre[i] * si + mim[i] * co;
        }
    }

    private void endOfWindow(int from, int to, Tissue tis, SpinOp.Adc a) {
        int last = a.samples() - 1;
        double dwell = a.dwellS();
        double e2 = Math.exp(-last * dwell / tis.t2S());
        double[] c = a.cum()[last];
        double fd = a.fieldHz() * dwell;
        double[] p0 = grid.pos[0], p1 = grid.pos[1], p2 = grid.pos[2];
        double[] mre = grid.mre, mim = grid.mim, ph = grid.ph, df = grid.df, mz = grid.mz, m0 = grid.m0;
        // the rotation to the last sample stays pending (applied with the next pulse's or window's, one sin/cos fewer)
        for (int i = from; i < to; i++) {
            ph[i] += TWO_PI * ((df[i] * dwell + fd) * last + c[0] * p0[i] + c[1] * p1[i] + c[2] * p2[i]);
            mre[i] *= e2;
            mim[i] *= e2;
        }
        double e1 = Math.exp(-last * dwell / tis.t1S());
        for (int i = from; i < to; i++) mz[i] = m0[i] + (mz[i] - m0[i]) * e1;
    }

    /** EXACT: one sin/cos per isochromat and sample; the tile's coil sums go into its partial. */
    private void adc(int tile, int from, int to, Tissue tis, SpinOp.Adc a, double[] u, double[] cs, double[] sn) {
        applyPending(from, to, u, cs, sn);
        int ns = a.samples();
        int coils = grid.coils;
        double dwell = a.dwellS();
        double e2 = Math.exp(-dwell / tis.t2S());
        double[] mre = grid.mre, mim = grid.mim, df = grid.df, mz = grid.mz, m0 = grid.m0;
        if (a.capture() >= 0) capture(from, to, tis, a, false);
        double[] out = a.partial()[tile];
        double[] p0 = grid.pos[0], p1 = grid.pos[1], p2 = grid.pos[2];
        for (int k = 0; k < ns; k++) {
            if (k > 0) {
                double[] st = a.steps()[k];
                double fd = a.fieldHz() * dwell;
                for (int i = from; i < to; i++) u[i - from] = (df[i] * dwell + fd) + st[0] * p0[i] + st[1] * p1[i] + st[2] * p2[i];
                SinCos.of(u, to - from, e2, cs, sn);
                for (int i = from; i < to; i++) {
                    double c = cs[i - from], s = sn[i - from];
                    double re = mre[i], im = mim[i];
                    mre[i] = re * c - im * s;
                    mim[i] = re * s + im * c;
                }
            }
            for (int coil = 0; coil < coils; coil++) {
                double[] cr = grid.cr[coil], ci = grid.ci[coil];
                double sr = 0, si = 0;
                for (int i = from; i < to; i++) {
                    double re = mre[i], im = mim[i];
                    sr += cr[i] * re - ci[i] * im;
                    si += cr[i] * im + ci[i] * re;
                }
                out[2 * (k * coils + coil)] = sr;
                out[2 * (k * coils + coil) + 1] = si;
            }
        }
        double e1 = Math.exp(-(ns - 1) * dwell / tis.t1S());
        for (int i = from; i < to; i++) mz[i] = m0[i] + (mz[i] - m0[i]) * e1;
    }
}
