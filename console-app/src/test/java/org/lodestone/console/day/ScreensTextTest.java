package org.lodestone.console.day;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lodestone.dicom.outbox.Outbox;
import org.lodestone.scan.ScanResult;
import org.lodestone.scan.ScanStatus;
import org.lodestone.workflow.Workflow;
import org.lodestone.workflow.WorkflowHome;
import org.lodestone.workflow.exam.DicomUid;
import org.lodestone.workflow.exam.ExamRecorder;
import org.lodestone.workflow.patient.Patient;
import org.lodestone.workflow.user.Actor;
import org.lodestone.workflow.user.Role;

import java.io.InputStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** The messages in both languages, the status line, the Start gate, scan words and closing an exam. */
class ScreensTextTest {
    @TempDir
    Path tmp;

    @Test
    void bothLanguagesHaveEveryKeyAndTheChineseIsChinese() throws Exception {
        Properties en = load("messages.properties"), zh = load("messages_zh_CN.properties");
        var mine = en.stringPropertyNames().stream().filter(k -> !k.matches("(viewer|planning\\.pane|service)\\..*")).toList();
        assertThat(zh.stringPropertyNames()).containsAll(mine);
        for (String k : mine) {
            if (k.startsWith("app.language") || en.getProperty(k).matches("[{}0-9 .·:/]*")) continue;
            assertThat(zh.getProperty(k)).as(k).isNotEqualTo(en.getProperty(k));
        }
        Texts zhT = Texts.of(Texts.CHINESE);
        assertThat(zhT.get("tab.scan")).isEqualTo("扫描");
        assertThat(Texts.of(java.util.Locale.GERMANY).get("tab.scan")).as("a locale without its file gets English").isEqualTo("Scan");
        assertThat(Texts.of(java.util.Locale.GERMANY).number(1234.5, 1)).isEqualTo("1.234,5");
        assertThat(zhT.date(LocalDate.of(2026, 12, 5))).contains("2026").contains("12").contains("5");
    }

    private static Properties load(String name) throws Exception {
        Properties p = new Properties();
        try (InputStream in = Texts.class.getResourceAsStream("/org/lodestone/console/ui/" + name)) {
            p.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
        }
        return p;
    }

    @Test
    void theStatusLineNamesEverythingButNeverADevicePathOrASimulator() {
        StatusLine s = StatusLine.STARTING.withLink(StatusLine.Link.CONNECTED).withInterlocks("door open")
                .withMagnet(24.63, 12).withHousekeeping(42_000_000_000L, 2, false).withUser("tina");
        var items = s.items(Texts.english());
        assertThat(items).extracting(StatusLine.Item::id)
                .containsExactly("link", "interlocks", "magnet", "drift", "amplifiers", "disk", "outbox", "network", "user");
        String all = String.join(" | ", items.stream().map(StatusLine.Item::text).toList());
        assertThat(all).isEqualTo("Unit: connected | Interlock: door open | Magnet 24.6 °C | Drift 12 Hz/min | Amplifiers OK"
                + " | Disk 42.0 GB free | Outbox 2 | Offline | tina");
        assertThat(all).doesNotContain("/dev").doesNotContainIgnoringCase("virtual").doesNotContainIgnoringCase("simulat");
        assertThat(items.get(1).level()).isEqualTo(StatusLine.Level.BAD);
        String zh = String.join(" ", s.items(Texts.of(Texts.CHINESE)).stream().map(StatusLine.Item::text).toList());
        assertThat(zh).contains("门未关").contains("磁体 24.6 °C").contains("离线");
        assertThat(s.withInterlocks("gradient amplifier fault").items(Texts.english()).get(4).text()).isEqualTo("Amplifier fault");
    }

    @Test
    void startIsBlockedWithTheReasonAndTheDoorComesFirst() throws Exception {
        Texts en = Texts.english();
        var ready = new ScanGate.State(true, true, true, null, true, false);
        assertThat(ScanGate.blocked(ready, en)).isEmpty();
        assertThat(ScanGate.blocked(new ScanGate.State(true, true, false, "door open", false, false), en))
                .contains("The scanner room door is open: close it.");
        assertThat(ScanGate.blocked(new ScanGate.State(true, true, true, "door open, emergency stop pressed", true, false), en).orElseThrow())
                .contains("door is open").contains("emergency stop is pressed");
        assertThat(ScanGate.blocked(new ScanGate.State(false, true, true, null, true, false), en)).contains("Your role may not scan.");
        // a mobile unit: in transport mode, then driven and not requalified, then requalified
        var mobile = new org.lodestone.console.service.mobile.TransportMode(tmp.resolve("mobile"));
        assertThat(ScanGate.blocked(new ScanGate.State(true, true, true, null, true, false, mobile.enter("crew", java.util.Optional.empty())), en).orElseThrow())
                .startsWith("The unit is in transport mode");
        assertThat(ScanGate.blocked(new ScanGate.State(true, true, true, null, true, false, mobile.leave("crew")), en).orElseThrow())
                .startsWith("The unit is not requalified after its drive");
        assertThat(ScanGate.blocked(new ScanGate.State(true, true, true, null, true, false, mobile.override("eng", "checked by hand")), en)).isEmpty();
        assertThat(ScanGate.blocked(new ScanGate.State(true, false, true, null, true, false), Texts.of(Texts.CHINESE)).orElseThrow()).contains("患者页");
    }

    @Test
    void scanEndingsSayWhatHappenedAndWhatToDoWithoutPaths() {
        Texts en = Texts.english();
        ScanResult stopped = new ScanResult(ScanStatus.INTERRUPTED, 64, 20, tmp, null, Double.NaN, 0,
                "Stopped by the interlock (door open); the lines received are kept");
        assertThat(ScanWords.ending(stopped, en)).isEqualTo("Stopped by the interlock after 20 of 64 lines. Make the room safe, then start the scan again.");
        ScanResult failed = new ScanResult(ScanStatus.FAILED, 64, 0, tmp, null, Double.NaN, 0,
                "java.io.IOException: cannot open /dev/ttyUSB0 for writing");
        assertThat(ScanWords.ending(failed, en)).doesNotContain("/dev/").doesNotContain("IOException").contains("the unit's port");
        assertThat(ScanWords.stage("Adjusting frequency", Texts.of(Texts.CHINESE))).isEqualTo("正在调整频率");
        assertThat(ScanWords.stage("Calibrating the moon", Texts.of(Texts.CHINESE))).isEqualTo("Calibrating the moon");
    }

    @Test
    void closingIsRefusedWhileImagesAreUnsentUnlessANoteOverridesItAndTheNoteIsAudited() throws Exception {
        try (Workflow w = Workflow.open(new WorkflowHome(tmp.resolve("home")))) {
            Actor tina = new Actor("tina", Role.TECHNICIAN);
            w.patients().add(new Patient("P-1", "Li^Lei", null, null, 70.0, null, null));
            String uid = w.exams().openOrdered("P-1", DicomUid.create(), "ACC-1", "knee").studyUid();
            var series = w.recorder().begin(new ExamRecorder.ScanPlan("P-1", uid, "se2d", Map.of(), null), tina);
            ExamClosing closing = new ExamClosing(w.exams(), new Outbox(w.database().dataSource()), w.audit());
            Texts en = Texts.english();
            assertThat(closing.obstacles(uid, false, en)).containsExactly("A scan is still running: wait or abort it.");
            series.finish("COMPLETE", 64, 64, "done", null);
            ExamClosing.Outcome refused = closing.close(tina, uid, false, " ", en);
            assertThat(refused.closed()).isFalse();
            assertThat(refused.reasons()).containsExactly("1 series were never sent: send them, or write a note to close anyway.");
            assertThat(w.exams().get(uid).orElseThrow().isOpen()).isTrue();
            assertThat(closing.close(tina, uid, true, "patient left", en).closed()).as("a scan running here is never overridden").isFalse();

            assertThat(closing.close(tina, uid, false, "PACS down, sent tomorrow", en).closed()).isTrue();
            assertThat(w.exams().get(uid).orElseThrow().isOpen()).isFalse();
            var close = w.audit().entries().stream().filter(e -> e.action().equals("exam.close")).findFirst().orElseThrow();
            assertThat(close.details()).containsEntry("override_note", "PACS down, sent tomorrow");
            assertThat(close.details().get("overridden")).contains("never sent");
        }
    }
}
