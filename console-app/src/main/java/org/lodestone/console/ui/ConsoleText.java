package org.lodestone.console.ui;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

/** The sentences and names the operator window shows, kept apart from the widgets so they can be tested. */
public final class ConsoleText {
    private static final DateTimeFormatter FOLDER_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private ConsoleText() {
    }

    /** "mm:ss" (or "h:mm:ss" from an hour on); unknown or negative times show as "--:--". */
    public static String clock(double seconds) {
        if (!Double.isFinite(seconds) || seconds < 0) return "--:--";
        long s = Math.round(seconds);
        long h = s / 3600;
        long m = (s % 3600) / 60;
        long sec = s % 60;
        return h > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, sec)
                : String.format(Locale.ROOT, "%02d:%02d", m, sec);
    }

    /** "37/128 lines, 01:12 remaining". */
    public static String progress(long received, long expected, double secondsRemaining) {
        return received + "/" + expected + " lines, " + clock(secondsRemaining) + " remaining";
    }

    /** The fraction for the progress bar, 0..1. */
    public static double fraction(long received, long expected) {
        if (expected <= 0) return 0;
        return Math.min(1.0, Math.max(0.0, (double) received / expected));
    }

    /** "Scan time 04:16 · min TE 12.4 ms · min TR 40.0 ms" from a built protocol's derived values. */
    public static String planSummary(Map<String, Double> derived, double scanTimeSeconds) {
        StringBuilder sb = new StringBuilder("Scan time ").append(clock(scanTimeSeconds));
        Double te = derived.get("te_min_ms");
        Double tr = derived.get("tr_min_ms");
        if (te != null) sb.append(String.format(Locale.ROOT, " · min TE %.1f ms", te));
        if (tr != null) sb.append(String.format(Locale.ROOT, " · min TR %.1f ms", tr));
        return sb.toString();
    }

    /** "Connected to MODEL on PORT (virtual)". */
    public static String connected(String model, String port, boolean virtual) {
        return "Connected to " + model + " on " + port + (virtual ? " (virtual)" : "");
    }

    /** An exception as one readable sentence: its message, or what kind of failure it was. */
    public static String reason(Throwable e) {
        Throwable t = e;
        // Unwrap wrappers whose message is only their cause's toString().
        while (t.getCause() != null && (t.getMessage() == null || t.getMessage().equals(t.getCause().toString()))) {
            t = t.getCause();
        }
        String m = t.getMessage();
        return m != null && !m.isBlank() ? m : t.getClass().getSimpleName().replaceAll("(?<=[a-z])(?=[A-Z])", " ").toLowerCase(Locale.ROOT);
    }

    /** The exam folder for a scan: ROOT/yyyyMMdd-HHmmss_protocol, with -2, -3 … if that already exists. */
    public static Path examFolder(Path root, LocalDateTime when, String protocol) {
        String base = FOLDER_TIME.format(when) + "_" + protocol.replaceAll("[^A-Za-z0-9._-]", "_");
        Path p = root.resolve(base);
        for (int i = 2; Files.exists(p); i++) p = root.resolve(base + "-" + i);
        return p;
    }
}
