package org.lodestone.seq.sampling;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Which phase-encode (ky) × partition (kz) points an accelerated scan acquires. Index (y, z) is
 * the MRD line and partition counter; the k-space centre is at (ny/2, nz/2).
 */
public record SamplingMask(int ny, int nz, boolean[] sampled) {
    public SamplingMask {
        if (sampled.length != ny * nz) throw new IllegalArgumentException("mask has " + sampled.length + " points, not " + ny * nz);
        sampled = sampled.clone();
    }

    public static SamplingMask full(int ny, int nz) {
        boolean[] m = new boolean[ny * nz];
        Arrays.fill(m, true);
        return new SamplingMask(ny, nz, m);
    }

    public boolean isSampled(int y, int z) {
        return sampled[y * nz + z];
    }

    public int count() {
        int c = 0;
        for (boolean b : sampled) if (b) c++;
        return c;
    }

    /** Points of the full grid per point acquired. */
    public double acceleration() {
        return (double) ny * nz / count();
    }

    /** Acquired points as {y, z}, partition-major (all lines of partition 0 first). */
    public List<int[]> points() {
        List<int[]> out = new ArrayList<>(count());
        for (int z = 0; z < nz; z++) for (int y = 0; y < ny; y++) if (isSampled(y, z)) out.add(new int[] {y, z});
        return out;
    }

    /** This mask with only the lines {@code fromLine}… ny−1 kept (partial Fourier along the phase direction). */
    public SamplingMask withLinesFrom(int fromLine) {
        boolean[] m = sampled.clone();
        for (int y = 0; y < fromLine; y++) for (int z = 0; z < nz; z++) m[y * nz + z] = false;
        return new SamplingMask(ny, nz, m);
    }

    /**
     * Partial Fourier: the first line kept when a fraction {@code fraction} (0.5…1) of {@code n} lines is
     * acquired. The missing lines are the start of k-space; the centre and a band past it are always kept.
     */
    public static int partialFourierFirstLine(int n, double fraction) {
        if (fraction < 0.5 || fraction > 1) throw new IllegalArgumentException("partial Fourier fraction " + fraction + " outside 0.5…1");
        return n - (int) Math.ceil(fraction * n - 1e-9);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SamplingMask m && ny == m.ny && nz == m.nz && Arrays.equals(sampled, m.sampled);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(sampled) * 31 + ny;
    }
}
