package org.lodestone.console.day;

import java.util.Locale;
import java.util.regex.Pattern;

/** Failures as one sentence for an operator: the message without exception names or device paths. */
public final class OperatorText {
    private static final Pattern DEVICE = Pattern.compile("(/dev/|/tmp/)[^\\s,;:)]*");
    private static final Pattern EXCEPTION_NAME = Pattern.compile("\\b[a-z]+(\\.[a-z0-9_]+)+\\.[A-Z]\\w*(Exception|Error)\\b:?\\s*|\\b\\w*(Exception|Error):\\s*");

    private OperatorText() {
    }

    public static String reason(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && (t.getMessage() == null || t.getMessage().equals(t.getCause().toString()))) t = t.getCause();
        String m = t.getMessage();
        if (m == null || m.isBlank()) m = t.getClass().getSimpleName().replaceAll("(?<=[a-z])(?=[A-Z])", " ").toLowerCase(Locale.ROOT)
                .replace(" exception", "").replace(" error", "");
        return clean(m);
    }

    /** Removes device paths ("the unit's port") and exception class names from a sentence. */
    public static String clean(String s) {
        return EXCEPTION_NAME.matcher(DEVICE.matcher(s).replaceAll("the unit's port")).replaceAll("");
    }
}
