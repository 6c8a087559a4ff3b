package org.lodestone.console.ui.service;

import org.lodestone.calibration.gradient.GradientCalibration;
import org.lodestone.calibration.qa.DailyQa;
import org.lodestone.calibration.store.CalibrationProfile;
import org.lodestone.calibration.suite.ReportValues;

import java.text.MessageFormat;
import java.util.List;
import java.util.ResourceBundle;

/**
 * Names of calibration values and routines in the window's language ({@code service.value.<key>},
 * {@code service.routine.name.<routine>}); where the bundle has none (English) the library's own name is used,
 * so the English window reads as the CLI does.
 */
final class ValueNames {
    private ValueNames() {
    }

    static String value(ResourceBundle text, String key) {
        if (text.containsKey("service.value." + key)) return text.getString("service.value." + key);
        int channel = CalibrationProfile.noiseChannel(key);
        if (channel >= 0 && text.containsKey("service.value.noise-channel")) {
            return MessageFormat.format(text.getString("service.value.noise-channel"), channel);
        }
        return ReportValues.name(key);
    }

    /** A plot file ("frequency-search.png") by its name in the window's language ({@code service.plot.<name>}), else the file's. */
    static String plot(ResourceBundle text, String file) {
        if (file == null) return "";
        String name = file.endsWith(".png") ? file.substring(0, file.length() - 4) : file;
        if (text.containsKey("service.plot." + name)) return text.getString("service.plot." + name);
        return text.containsKey("service.routine.name." + name) ? text.getString("service.routine.name." + name) : file;
    }

    /** A routine's value as the window shows it: a plot by its name, anything else as the report writes it. */
    static String valueText(ResourceBundle text, String key, Object value) {
        if (key.endsWith("_plot") && value instanceof String file) return plot(text, file);
        if (text.containsKey("service.value-text." + key)) {
            // values the report writes in English words: the QA limits, the delay's caveat, the interference lines
            String pattern = text.getString("service.value-text." + key);
            switch (value) {
                case DailyQa.Limits l -> {
                    return MessageFormat.format(pattern, ReportValues.number(l.minSnr()), ReportValues.number(l.minPiuPercent()),
                            ReportValues.number(l.maxGhostingPercent()), ReportValues.number(l.maxDiameterErrorPercent()));
                }
                case String s when s.equals(GradientCalibration.DELAY_VERDICT) -> {
                    return pattern;
                }
                case List<?> lines -> {
                    return MessageFormat.format(pattern, String.valueOf(lines.size()));
                }
                default -> { }
            }
        }
        return ReportValues.text(key, value);
    }

    static String routine(ResourceBundle text, String routine) {
        return routine != null && text.containsKey("service.routine.name." + routine) ? text.getString("service.routine.name." + routine) : routine;
    }
}
