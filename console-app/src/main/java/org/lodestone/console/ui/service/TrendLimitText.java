package org.lodestone.console.ui.service;

import org.lodestone.calibration.trend.TrendLimit;

import java.text.MessageFormat;
import java.util.ResourceBundle;

/**
 * A trend limit in the window's language: {@code service.trend.rule.<rule>} with the limit's two lines as
 * {0} (low) and {1} (high). Lines that are factors of the first value read as a change in percent (0.98 → −2),
 * the noise factor in dB, as the rules are stated.
 */
final class TrendLimitText {
    private TrendLimitText() {
    }

    static String of(ResourceBundle messages, TrendLimit limit) {
        String key = "service.trend.rule." + limit.rule();
        if (!messages.containsKey(key)) return limit.source(); // a rule added to the library before its words
        MessageFormat f = new MessageFormat(messages.getString(key), messages.getLocale());
        return f.format(new Object[] {shown(limit, limit.low()), shown(limit, limit.high())});
    }

    private static double shown(TrendLimit limit, double line) {
        if (Double.isNaN(line) || limit.basis() != TrendLimit.Basis.FACTOR_OF_BASELINE) return line;
        return limit.rule().equals("noise") ? 20 * Math.log10(line) : (line - 1) * 100;
    }
}
