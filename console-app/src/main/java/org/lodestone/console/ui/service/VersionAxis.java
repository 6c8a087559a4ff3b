package org.lodestone.console.ui.service;

import javafx.scene.chart.NumberAxis;
import javafx.util.StringConverter;

/** A trend's x axis over calibration versions: whole numbers only (the chart's own ranging put ticks at 0.9…2.1). */
final class VersionAxis {
    /** At most this many tick labels; more versions than that step by 2, 5, 10 … */
    private static final int MAX_TICKS = 10;

    private VersionAxis() {
    }

    /** Ranges {@code axis} one version either side of {@code versions} with a whole-number tick step. */
    static void fit(NumberAxis axis, int[] versions) {
        int lo = versions.length == 0 ? 1 : java.util.Arrays.stream(versions).min().orElseThrow();
        int hi = versions.length == 0 ? 1 : java.util.Arrays.stream(versions).max().orElseThrow();
        int from = lo - 1, to = hi + 1;
        axis.setAutoRanging(false);
        axis.setForceZeroInRange(false);
        axis.setLowerBound(from);
        axis.setUpperBound(to);
        axis.setTickUnit(step(to - from));
        axis.setMinorTickVisible(false);
        axis.setTickLabelFormatter(new StringConverter<>() {
            @Override public String toString(Number n) {
                return String.valueOf(Math.round(n.doubleValue()));
            }
            @Override public Number fromString(String s) {
                return Integer.parseInt(s.trim());
            }
        });
    }

    /** 1, 2, 5, 10, 20, 50 … : the smallest that keeps the span within {@link #MAX_TICKS} steps. */
    static int step(int span) {
        for (int decade = 1; ; decade *= 10) {
            for (int m : new int[] {1, 2, 5}) {
                if ((long) span <= (long) m * decade * MAX_TICKS) return m * decade;
            }
        }
    }
}
