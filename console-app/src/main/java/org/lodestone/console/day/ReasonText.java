package org.lodestone.console.day;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The library modules' reasons (parameter checks, timing minima, gradient and safety limits) in the window's
 * language. The libraries write English sentences; each kind of sentence has a key ({@code reason.*}) and its
 * values become the key's arguments. A sentence of no known kind is shown as the library wrote it.
 */
public final class ReasonText {
    /**
     * One kind of reason: the English sentence's shape and the key that says it; group i is argument i, and group
     * 1 is the parameter's English label in the kinds that start with it.
     */
    private record Kind(Pattern english, String key) {
        Kind(String regex, String key) {
            this(Pattern.compile(regex), key);
        }

        boolean startsWithLabel() {
            return english.pattern().startsWith("(.+?)") || english.pattern().startsWith("(TE|");
        }
    }

    private static final String NUMBER = "(-?[0-9][0-9.,]*)";
    private static final List<Kind> KINDS = List.of(
            new Kind("(.+?) must be between " + NUMBER + " and " + NUMBER + "\\s*(.*)", "reason.range"),
            new Kind("(.+?) must be a whole number", "reason.wholeNumber"),
            new Kind("(.+?) must be a number", "reason.number"),
            new Kind("(.+?) must be even", "reason.even"),
            new Kind("(.+?): enter a value", "reason.required"),
            new Kind("(.+?): '(.*)' is not a number", "reason.notANumber"),
            new Kind("(.+?): '(.*)' is not one of (.*)", "reason.notOneOf"),
            new Kind("(TE|TR|TI|Echo spacing) " + NUMBER + " ms is shorter than the minimum " + NUMBER
                    + " ms for these parameters \\(([0-9]+) slices? × " + NUMBER + " ms\\)", "reason.shorterThanMinimumSlices"),
            new Kind("(TE|TR|TI|Echo spacing) " + NUMBER + " ms is shorter than the minimum " + NUMBER + " ms( for these parameters)?",
                    "reason.shorterThanMinimum"),
            new Kind("TR " + NUMBER + " ms is shorter than the acquisition \\(" + NUMBER + " ms\\)", "reason.trShorterThanAcquisition"),
            new Kind("FOV " + NUMBER + " mm at " + NUMBER + " Hz/px needs a readout gradient of " + NUMBER
                    + " mT/m; the unit allows " + NUMBER + " mT/m.*", "reason.fovBandwidthGradient"),
            new Kind("FOV " + NUMBER + " mm needs a readout gradient of " + NUMBER + " mT/m; the unit allows " + NUMBER + " mT/m",
                    "reason.fovGradient"),
            new Kind("(?:A )?" + NUMBER + " mm(?: slice)? needs " + NUMBER + " mT/m of slice-select gradient; the unit allows "
                    + NUMBER + " mT/m", "reason.sliceGradient"),
            new Kind("(?:Receiver bandwidth " + NUMBER + " Hz/px|the bandwidth) needs a dwell of " + NUMBER
                    + " µs, longer than the unit's " + NUMBER + " µs", "reason.dwell"),
            new Kind(".*slices.* reach beyond ±200 mm.*", "reason.beyondReach"),
            new Kind("(.+?) " + NUMBER + " (\\S+) exceeds the unit's limit " + NUMBER + " \\S+ \\(lengthen TR or change the parameters\\)",
                    "reason.limit"));

    private ReasonText() {
    }

    /** {@code english} (a library's reason about {@code parameter}, which may be null) said in {@code t}'s language. */
    public static String of(Texts t, String parameter, String english) {
        if (english == null) return null;
        String s = english.strip();
        for (Kind k : KINDS) {
            Matcher m = k.english().matcher(s);
            if (!m.matches() || !t.has(k.key())) continue;
            Object[] args = new Object[m.groupCount()];
            for (int i = 0; i < args.length; i++) args[i] = m.group(i + 1) == null ? "" : m.group(i + 1);
            // the parameter's name in this language in place of the library's English label
            if (parameter != null && !parameter.isBlank() && k.startsWithLabel() && !k.key().equals("reason.limit")
                    && t.has("param." + parameter)) {
                args[0] = t.get("param." + parameter);
            }
            return t.get(k.key(), args);
        }
        return english;
    }
}
