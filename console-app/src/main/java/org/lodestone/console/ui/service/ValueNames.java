package org.lodestone.console.ui.service;

import org.lodestone.calibration.store.CalibrationProfile;
import org.lodestone.calibration.suite.ReportValues;

import java.text.MessageFormat;
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

    static String routine(ResourceBundle text, String routine) {
        return routine != null && text.containsKey("service.routine.name." + routine) ? text.getString("service.routine.name." + routine) : routine;
    }
}
