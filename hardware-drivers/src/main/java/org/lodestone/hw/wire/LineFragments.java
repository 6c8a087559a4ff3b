package org.lodestone.hw.wire;

import org.lodestone.hw.wire.Message.AcqData;
import org.lodestone.hw.wire.Message.AcqFragment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Splits a line into {@link AcqFragment}s and puts it back together. */
public final class LineFragments {
    /** 256 floats = 1 KiB of samples per fragment: at a 3·10⁻⁴ byte error rate three in four arrive whole. */
    public static final int FLOATS_PER_FRAGMENT = 256;

    private LineFragments() {
    }

    public static List<AcqFragment> split(AcqData d) {
        int total = d.data().length;
        int n = Math.max(1, (total + FLOATS_PER_FRAGMENT - 1) / FLOATS_PER_FRAGMENT);
        List<AcqFragment> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int from = i * FLOATS_PER_FRAGMENT;
            int to = Math.min(total, from + FLOATS_PER_FRAGMENT);
            out.add(new AcqFragment(d.scanCounter(), i, n, d.deviceTimeUs(), d.counters(), d.flags(), d.channels(),
                    d.samples(), d.dwellNs(), d.centreFrequencyHz(), from, Arrays.copyOfRange(d.data(), from, to)));
        }
        return out;
    }

    /** Collects the fragments of one line. */
    public static final class Assembly {
        private final AcqFragment first;
        private final float[] data;
        private final boolean[] have;
        private int missing;

        public Assembly(AcqFragment f) {
            this.first = f;
            this.data = new float[2 * f.channels() * f.samples()];
            this.have = new boolean[f.fragments()];
            this.missing = f.fragments();
        }

        /** Adds a fragment; false if it does not belong to this line's shape (ignored). */
        public boolean add(AcqFragment f) {
            if (f.fragments() != have.length || f.channels() != first.channels() || f.samples() != first.samples()
                    || f.floatOffset() + f.data().length > data.length) {
                return false;
            }
            if (!have[f.fragment()]) {
                System.arraycopy(f.data(), 0, data, f.floatOffset(), f.data().length);
                have[f.fragment()] = true;
                missing--;
            }
            return true;
        }

        public boolean complete() {
            return missing == 0;
        }

        public int highestReceived() {
            for (int i = have.length - 1; i >= 0; i--) if (have[i]) return i;
            return -1;
        }

        public List<Integer> missingFragments() {
            List<Integer> m = new ArrayList<>();
            for (int i = 0; i < have.length; i++) if (!have[i]) m.add(i);
            return m;
        }

        public AcqData line() {
            return new AcqData(first.scanCounter(), first.deviceTimeUs(), first.counters(), first.flags(),
                    first.channels(), first.samples(), first.dwellNs(), first.centreFrequencyHz(), data);
        }
    }
}
