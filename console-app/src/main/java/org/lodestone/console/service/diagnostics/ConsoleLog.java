package org.lodestone.console.service.diagnostics;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.FileAppender;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * The log viewer's model: the console's log file (where Logback's file appender writes it), read into
 * {@link LogEntry}s, filtered and exported. Reads the current file only; rolled files are compressed archives.
 */
public final class ConsoleLog {
    /** At most this many entries are kept from the end of the file (a 20 MB file holds far more). */
    public static final int MAX_ENTRIES = 20_000;
    private final Path file;

    public ConsoleLog(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    /** The file the console's root logger writes to (the FILE appender of logback.xml), if there is one. */
    public static Optional<ConsoleLog> ofThisProcess() {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx)) return Optional.empty();
        for (Iterator<Appender<ch.qos.logback.classic.spi.ILoggingEvent>> it = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)
                .iteratorForAppenders(); it.hasNext(); ) {
            if (it.next() instanceof FileAppender<?> f && f.getFile() != null) return Optional.of(new ConsoleLog(Path.of(f.getFile())));
        }
        return Optional.empty();
    }

    /** The last {@link #MAX_ENTRIES} entries, oldest first; lines before the first entry are skipped. */
    public List<LogEntry> entries() throws IOException {
        java.util.ArrayDeque<LogEntry> out = new java.util.ArrayDeque<>();
        if (!Files.exists(file)) return List.of();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            LogEntry current = null;
            for (String line; (line = r.readLine()) != null; ) {
                Optional<LogEntry> start = LogEntry.start(line);
                if (start.isPresent()) {
                    if (current != null) add(out, current);
                    current = start.get();
                } else if (current != null && current.more().size() < 200) {
                    current = current.with(line);
                }
            }
            if (current != null) add(out, current);
        }
        return List.copyOf(out);
    }

    private static void add(java.util.ArrayDeque<LogEntry> out, LogEntry e) {
        if (out.size() == MAX_ENTRIES) out.removeFirst();
        out.addLast(e);
    }

    public List<LogEntry> entries(LogFilter filter) throws IOException {
        List<LogEntry> out = new ArrayList<>();
        for (LogEntry e : entries()) if (filter.accepts(e)) out.add(e);
        return out;
    }

    /** Writes the entries in full (continuation lines included) to {@code target}; returns how many. */
    public static int export(List<LogEntry> entries, Path target) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        if (dir != null) Files.createDirectories(dir);
        List<String> lines = new ArrayList<>(entries.size());
        for (LogEntry e : entries) lines.add(e.text());
        Files.write(target, lines, StandardCharsets.UTF_8);
        return entries.size();
    }
}
