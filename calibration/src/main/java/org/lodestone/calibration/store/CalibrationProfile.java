package org.lodestone.calibration.store;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One version of the unit's calibration: every value by name, and whether it was accepted. Only an
 * accepted version can be current; failed and rejected runs stay in the history, marked so.
 * Immutable; a new calibration makes a new version through {@link #with}.
 */
public record CalibrationProfile(int version, Instant time, String operator, String note, Map<String, Entry> entries,
                                 Status status) {
    /** What became of a calibration run. Files written before statuses existed read as ACCEPTED. */
    public enum Status {
        /** Current (the latest accepted version is what scans use). */
        ACCEPTED,
        /** Passed its criteria but the engineer rejected it. */
        REJECTED,
        /** Did not pass its criteria; never current. */
        FAILED,
        /** Passed, stored without acceptance (calibrate --no-accept); --restore accepts it. */
        PENDING
    }

    public static final String FREQUENCY = "frequency_hz";
    public static final String TRANSMIT_SCALE = "transmit_scale";
    public static final String SHIM_X = "shim_x_hz_per_m";
    public static final String SHIM_Y = "shim_y_hz_per_m";
    public static final String SHIM_Z = "shim_z_hz_per_m";
    public static final String TUNE = "tune_code";
    public static final String MATCH = "match_code";
    public static final String TEMPERATURE_COEFFICIENT = "temperature_coefficient_per_k";
    public static final String NOISE_STD = "noise_std";
    /** |Γ| at the Larmor frequency after tuning: how well the coil is matched. */
    public static final String REFLECTION = "reflection_at_larmor";
    private static final String NOISE_STD_CHANNEL = "noise_std_channel_";
    /** True gradient / nominal gradient per axis; a scan divides its gradients by it. */
    public static final String[] GRADIENT_SCALE = {"gradient_scale_x", "gradient_scale_y", "gradient_scale_z"};
    public static final String[] GRADIENT_DELAY = {"gradient_delay_x_s", "gradient_delay_y_s", "gradient_delay_z_s"};
    public static final String QA_SNR = "qa_snr";
    public static final String QA_PIU = "qa_piu_percent";
    public static final String QA_GHOSTING = "qa_ghosting_percent";
    public static final String QA_DIAMETER = "qa_diameter_error_percent";

    /** The noise level of one receive channel, stored by every noise survey. */
    public static String noiseStd(int channel) {
        return NOISE_STD_CHANNEL + channel;
    }

    /** The channel of a {@link #noiseStd} name, or −1. */
    public static int noiseChannel(String name) {
        if (!name.startsWith(NOISE_STD_CHANNEL)) return -1;
        try {
            return Integer.parseInt(name.substring(NOISE_STD_CHANNEL.length()));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    public CalibrationProfile {
        entries = Map.copyOf(entries);
        if (status == null) status = Status.ACCEPTED;
    }

    public CalibrationProfile(int version, Instant time, String operator, String note, Map<String, Entry> entries) {
        this(version, time, operator, note, entries, Status.ACCEPTED);
    }

    public boolean accepted() {
        return status == Status.ACCEPTED;
    }

    public static CalibrationProfile empty() {
        return new CalibrationProfile(0, Instant.EPOCH, "", "no calibration yet", Map.of());
    }

    public Optional<Entry> get(String name) {
        return Optional.ofNullable(entries.get(name));
    }

    public double value(String name, double otherwise) {
        Entry e = entries.get(name);
        return e != null ? e.value() : otherwise;
    }

    /** An accepted new version with these entries replaced (the rest carried over). */
    public CalibrationProfile with(Map<String, Entry> changed, String operator, String note, Instant time) {
        return with(changed, operator, note, time, version + 1, Status.ACCEPTED);
    }

    /** Version {@code number} with these entries replaced (the rest carried over) and this status. */
    public CalibrationProfile with(Map<String, Entry> changed, String operator, String note, Instant time, int number, Status s) {
        Map<String, Entry> m = new LinkedHashMap<>(entries);
        m.putAll(changed);
        return new CalibrationProfile(number, time, operator, note, m, s);
    }
}
