package org.lodestone.console.service.diagnostics;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The log viewer's model over a file in Logback's pattern, and over this process's own log. */
class ConsoleLogTest {
    @TempDir
    Path tmp;

    private static final String LOG = """
            2026-12-06 03:00:00,100 INFO  [main] o.l.scan.unit.UnitConnection - Interlock GPIO on virtual:7391: all safe
            2026-12-06 03:00:01,200 DEBUG [host-heartbeat] o.l.hw.session.ScannerSession - asked the unit again for one piece
            2026-12-06 03:00:02,300 WARN  [day-work] o.l.console.ui.day.DayContext - background work failed
            java.io.IOException: disk full
            \tat org.lodestone.Foo.bar(Foo.java:12)
            2026-12-06 03:05:00,000 ERROR [host-link] o.l.hw.session.ScannerSession - Link lost: the unit on /dev/pts/7 has not answered
            2026-12-06 03:10:00,000 INFO  [fx] o.l.console.service.diagnostics.DoorLoopTest - Loop test passed
            """;

    @Test
    void filtersByLevelTimeAndComponentAndExportsTheDetail() throws Exception {
        ConsoleLog log = new ConsoleLog(Files.writeString(tmp.resolve("lodestone.log"), "garbage before the first entry\n" + LOG));
        assertThat(log.entries()).hasSize(5);
        assertThat(log.entries().get(2).more()).hasSize(2);

        assertThat(log.entries(new LogFilter(LogEntry.Level.WARN, null, null, ""))).extracting(LogEntry::level)
                .containsExactly(LogEntry.Level.WARN, LogEntry.Level.ERROR);
        List<LogEntry> session = log.entries(new LogFilter(LogEntry.Level.TRACE, LocalDateTime.parse("2026-12-06T03:00:01"),
                LocalDateTime.parse("2026-12-06T03:06:00"), "scannersession"));
        assertThat(session).extracting(LogEntry::shown).containsExactly(
                "2026-12-06 03:00:01  DEBUG  ScannerSession  asked the unit again for one piece",
                "2026-12-06 03:05:00  ERROR  ScannerSession  Link lost: the unit on <port> has not answered");

        Path out = tmp.resolve("export/filtered.log");
        List<LogEntry> warnings = log.entries(new LogFilter(LogEntry.Level.WARN, null, LocalDateTime.parse("2026-12-06T03:01:00"), ""));
        assertThat(ConsoleLog.export(warnings, out)).isEqualTo(1);
        assertThat(Files.readAllLines(out)).containsExactly(
                "2026-12-06 03:00:02,300 WARN  [day-work] o.l.console.ui.day.DayContext - background work failed",
                "java.io.IOException: disk full", "\tat org.lodestone.Foo.bar(Foo.java:12)");
        assertThat(warnings.getFirst().shown()).doesNotContain("Exception").doesNotContain("at org.");
    }

    @Test
    void aTimeRangeEndingBeforeItStartsIsRefused() {
        assertThatThrownBy(() -> new LogFilter(null, LocalDateTime.parse("2026-12-06T03:00:00"), LocalDateTime.parse("2026-12-06T02:00:00"), ""))
                .hasMessage("the end of the time range is before its start");
    }

    @Test
    void findsAndReadsThisProcesssLogFile() throws Exception {
        ConsoleLog log = ConsoleLog.ofThisProcess().orElseThrow();
        assertThat(log.file().getFileName().toString()).isEqualTo("lodestone.log");
        String marker = "log viewer marker " + System.nanoTime();
        LoggerFactory.getLogger(ConsoleLogTest.class).warn(marker);
        assertThat(log.entries(new LogFilter(LogEntry.Level.WARN, LocalDateTime.now().minusMinutes(1), null, "ConsoleLogTest")))
                .extracting(LogEntry::message).contains(marker);
    }
}
