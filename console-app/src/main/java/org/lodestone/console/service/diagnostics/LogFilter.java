package org.lodestone.console.service.diagnostics;

import java.time.LocalDateTime;

/**
 * Which log entries to show: at least this level, within [from, to] (either open when null), and a component
 * (a piece of the logger's name, any case; empty for all).
 */
public record LogFilter(LogEntry.Level minimum, LocalDateTime from, LocalDateTime to, String component) {
    public static final LogFilter ALL = new LogFilter(LogEntry.Level.TRACE, null, null, "");

    public LogFilter {
        if (minimum == null) minimum = LogEntry.Level.TRACE;
        component = component == null ? "" : component.trim();
        if (from != null && to != null && to.isBefore(from)) throw new IllegalArgumentException("the end of the time range is before its start");
    }

    public boolean accepts(LogEntry e) {
        return e.level().compareTo(minimum) >= 0
                && (from == null || !e.time().isBefore(from))
                && (to == null || !e.time().isAfter(to))
                && (component.isEmpty() || e.logger().toLowerCase(java.util.Locale.ROOT).contains(component.toLowerCase(java.util.Locale.ROOT)));
    }
}
