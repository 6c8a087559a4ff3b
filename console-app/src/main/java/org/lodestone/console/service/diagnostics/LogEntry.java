package org.lodestone.console.service.diagnostics;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One entry of the console's log: a line in the file appender's pattern
 * ({@code %d{ISO8601} %-5level [%thread] %logger{36} - %msg%n}) and the lines after it that do not start an
 * entry (a stack trace, a multi-line message).
 */
public record LogEntry(LocalDateTime time, Level level, String thread, String logger, String message, List<String> more) {
    /** Logback's levels, lowest first. */
    public enum Level { TRACE, DEBUG, INFO, WARN, ERROR }

    private static final Pattern LINE = Pattern.compile(
            "^(\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2},\\d{3}) (TRACE|DEBUG|INFO|WARN|ERROR)\\s+\\[(.*?)] (\\S+) - (.*)$");
    static final DateTimeFormatter ISO8601 = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss,SSS", Locale.ROOT);

    public LogEntry {
        more = List.copyOf(more);
    }

    /** The entry a line starts, or empty for a continuation line. */
    static Optional<LogEntry> start(String line) {
        Matcher m = LINE.matcher(line);
        if (!m.matches()) return Optional.empty();
        return Optional.of(new LogEntry(LocalDateTime.parse(m.group(1), ISO8601), Level.valueOf(m.group(2)), m.group(3), m.group(4),
                m.group(5), List.of()));
    }

    LogEntry with(String continuation) {
        List<String> lines = new java.util.ArrayList<>(more);
        lines.add(continuation);
        return new LogEntry(time, level, thread, logger, message, lines);
    }

    /** The entry's lines as written in the file. */
    public String text() {
        StringBuilder b = new StringBuilder().append(time.format(ISO8601)).append(' ').append(String.format("%-5s", level))
                .append(" [").append(thread).append("] ").append(logger).append(" - ").append(message);
        for (String m : more) b.append('\n').append(m);
        return b.toString();
    }

    /**
     * The entry as a window shows it: its first line only (the detail stays in the file and the export), device
     * paths replaced, so a screen names neither a device nor a stack trace.
     */
    public String shown() {
        return time.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT)) + "  " + String.format("%-5s", level) + "  "
                + shortLogger() + "  " + message.replaceAll("/dev/[\\w./-]+", "<port>");
    }

    /** The component: the logger's class name without its package. */
    public String shortLogger() {
        int dot = logger.lastIndexOf('.');
        return dot < 0 ? logger : logger.substring(dot + 1);
    }
}
