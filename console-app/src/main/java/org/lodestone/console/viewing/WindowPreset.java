package org.lodestone.console.viewing;

import java.util.Arrays;
import java.util.List;

/**
 * Named window/level presets. MR intensities have no absolute scale (unlike CT's Hounsfield units), so a
 * preset is a window between two percentiles of the image's own values.
 *
 * @param key message key suffix ({@code viewer.preset.<key>})
 */
public record WindowPreset(String key, double lowPercentile, double highPercentile) {
    public static final WindowPreset AUTO = new WindowPreset("auto", 1, 99);
    public static final WindowPreset FULL = new WindowPreset("full", 0, 100);
    /** Bright tissue stretched (fat, fluid on T2): the top half of the values. */
    public static final WindowPreset BRIGHT = new WindowPreset("bright", 50, 99.5);
    /** Dark tissue stretched (background noise and low-signal structures). */
    public static final WindowPreset DARK = new WindowPreset("dark", 0, 60);
    public static final List<WindowPreset> ALL = List.of(AUTO, FULL, BRIGHT, DARK);

    public WindowPreset {
        if (!(lowPercentile >= 0 && highPercentile <= 100 && lowPercentile < highPercentile)) {
            throw new IllegalArgumentException("percentiles must satisfy 0 ≤ low < high ≤ 100");
        }
    }

    /** The window of this preset for {@code image}. */
    public WindowLevel applyTo(SliceImage image) {
        float[] sorted = image.pixels().clone();
        Arrays.sort(sorted);
        return WindowLevel.spanning(percentile(sorted, lowPercentile), percentile(sorted, highPercentile));
    }

    /** Linear interpolation between closest ranks (the "R-7" definition, as numpy's default). */
    static double percentile(float[] sorted, double p) {
        double rank = p / 100.0 * (sorted.length - 1);
        int lo = (int) Math.floor(rank);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (rank - lo) * (sorted[hi] - sorted[lo]);
    }
}
