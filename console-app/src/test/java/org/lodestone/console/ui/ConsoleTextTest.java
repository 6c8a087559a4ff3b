package org.lodestone.console.ui;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ConsoleTextTest {
    @Test
    void clockIsMinutesAndSeconds() {
        assertThat(ConsoleText.clock(0)).isEqualTo("00:00");
        assertThat(ConsoleText.clock(59.4)).isEqualTo("00:59");
        assertThat(ConsoleText.clock(59.6)).isEqualTo("01:00");
        assertThat(ConsoleText.clock(256)).isEqualTo("04:16");
        assertThat(ConsoleText.clock(3600 + 62)).isEqualTo("1:01:02");
        assertThat(ConsoleText.clock(Double.NaN)).isEqualTo("--:--");
        assertThat(ConsoleText.clock(-1)).isEqualTo("--:--");
        assertThat(ConsoleText.clock(Double.POSITIVE_INFINITY)).isEqualTo("--:--");
    }

    @Test
    void progressLine() {
        assertThat(ConsoleText.progress(37, 128, 72)).isEqualTo("37/128 lines, 01:12 remaining");
        assertThat(ConsoleText.fraction(32, 128)).isEqualTo(0.25);
        assertThat(ConsoleText.fraction(5, 0)).isZero();
        assertThat(ConsoleText.fraction(200, 128)).isEqualTo(1.0);
    }

    @Test
    void planSummaryShowsWhatTheProtocolDerives() {
        assertThat(ConsoleText.planSummary(Map.of("te_min_ms", 12.345, "tr_min_ms", 40.0, "scan_time_s", 65.0), 65.0))
                .isEqualTo("Scan time 01:05 · min TE 12.3 ms · min TR 40.0 ms");
        assertThat(ConsoleText.planSummary(Map.of("dwell_us", 10.0), 1.5)).isEqualTo("Scan time 00:02");
    }

    @Test
    void connectedAndReasons() {
        assertThat(ConsoleText.connected("LS-50", "/tmp/x/ttyHost", true)).isEqualTo("Connected to LS-50 on /tmp/x/ttyHost (virtual)");
        assertThat(ConsoleText.connected("LS-50", "/dev/ttyACM0", false)).isEqualTo("Connected to LS-50 on /dev/ttyACM0");
        assertThat(ConsoleText.reason(new IOException("no such port"))).isEqualTo("no such port");
        assertThat(ConsoleText.reason(new RuntimeException(new IOException("deep")))).isEqualTo("deep");
        assertThat(ConsoleText.reason(new IllegalStateException())).isEqualTo("illegal state exception");
    }

    @Test
    void examFolderIsTimestampAndProtocolAndNeverReused(@TempDir Path root) throws IOException {
        LocalDateTime t = LocalDateTime.of(2025, 3, 4, 5, 6, 7);
        Path first = ConsoleText.examFolder(root, t, "se2d");
        assertThat(first).isEqualTo(root.resolve("20250304-050607_se2d"));
        Files.createDirectories(first);
        assertThat(ConsoleText.examFolder(root, t, "se2d")).isEqualTo(root.resolve("20250304-050607_se2d-2"));
        assertThat(ConsoleText.examFolder(root, t, "a/b c").getFileName().toString()).isEqualTo("20250304-050607_a_b_c");
    }
}
