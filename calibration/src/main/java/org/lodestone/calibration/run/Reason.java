package org.lodestone.calibration.run;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Why a routine did not pass, in a form a window can word in its own language: what went wrong and the values
 * the sentence names (numbers written as the English sentence writes them). The English sentence stays beside it
 * for the log, report.txt and the command line.
 */
public record Reason(Code code, List<String> args) {
    /** What went wrong; {@link #OTHER} has no words of its own (the window points to the report and the log). */
    public enum Code {
        NONE, OTHER, NOT_RUN, INTERNAL, NO_RESONANCE, WEAK_FID, NO_SIGNAL, FLIP_OUT_OF_RANGE, TRANSMIT_SCALE_HIGH,
        CANNOT_BUILD, UNIT_TIMEOUT, UNIT_REFUSED, UNIT_ERROR, INTERRUPTED, INTERLOCK, LINK_LOST, UNIT_ENDED, LINES_MISSING,
        QA_EMPTY, QA_LIMITS, SENSOR_FAULT, TUNE_STUCK, TUNE_OUT_OF_RANGE, MATCH_FAULT, MATCH_OUT_OF_RANGE, NO_COIL_RESONANCE,
        REFLECTION_SWEEP_FAILED, GRADIENTS_TOO_WEAK, NO_PHANTOM_FEATURES, GRADIENT_OUT_OF_RANGE, FIELD_MAP_INCONSISTENT,
        SHIM_NOT_NARROWER, DRIFT_SPAN_TOO_SMALL, QA_WRONG_PHANTOM
    }

    public static final Reason NONE = new Reason(Code.NONE, List.of());
    public static final Reason OTHER = new Reason(Code.OTHER, List.of());

    public Reason {
        args = List.copyOf(args);
    }

    /** {@code args} written as text: strings as they are, other values by {@link String#valueOf}. */
    public static Reason of(Code code, Object... args) {
        return new Reason(code, Arrays.stream(args).map(String::valueOf).toList());
    }

    /** A number as the English sentences write it ({@code %.<decimals>f}, a dot, no grouping). */
    public static String number(double v, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }
}
