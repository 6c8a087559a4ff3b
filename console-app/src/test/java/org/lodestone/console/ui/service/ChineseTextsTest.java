package org.lodestone.console.ui.service;

import org.junit.jupiter.api.Test;
import org.lodestone.calibration.run.Reason;
import org.lodestone.calibration.store.CalibrationProfile;
import org.lodestone.calibration.suite.RoutineOutcome;
import org.lodestone.calibration.trend.TrendLimits;
import org.lodestone.console.service.diagnostics.DoorLoopTest;
import org.lodestone.console.service.diagnostics.GpioSnapshot;
import org.lodestone.console.service.mobile.MobileState;
import org.lodestone.console.service.mobile.Requalification;
import org.lodestone.console.ui.headless.EnglishWords;
import org.lodestone.hw.gpio.GpioInput;
import org.lodestone.hw.gpio.GpioOutput;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.ResourceBundle;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Chinese window says everything in Chinese: every key of the English bundle is in the Chinese one with no
 * English words left, and the texts made from library values (a trend's limit, what a loop-test step saw) are
 * Chinese too, while the English window keeps its words.
 */
class ChineseTextsTest {
    private static final ResourceBundle EN = ResourceBundle.getBundle("org.lodestone.console.ui.messages", Locale.ROOT);
    private static final ResourceBundle ZH = ResourceBundle.getBundle("org.lodestone.console.ui.messages", Locale.SIMPLIFIED_CHINESE);

    @Test
    void everyKeyIsInChineseWithoutEnglishWords() throws Exception {
        Properties en = load("messages.properties"), zh = load("messages_zh_CN.properties");
        assertThat(zh.stringPropertyNames()).containsAll(en.stringPropertyNames());
        List<String> english = new ArrayList<>();
        for (String k : zh.stringPropertyNames()) {
            List<String> words = EnglishWords.in(zh.getProperty(k), Set.of());
            if (!words.isEmpty()) english.add(k + " " + words);
        }
        assertThat(english).isEmpty();
        assertThat(EnglishWords.in("噪声 too high at 3 dB in se2d", Set.of())).as("the check finds English").containsExactly("too", "high");
    }

    @Test
    void everyTrendLimitIsSaidInTheWindowsLanguage() {
        List<String> keys = new ArrayList<>(List.of(CalibrationProfile.QA_SNR, CalibrationProfile.QA_PIU, CalibrationProfile.QA_GHOSTING,
                CalibrationProfile.QA_DIAMETER, CalibrationProfile.FREQUENCY, CalibrationProfile.TRANSMIT_SCALE, CalibrationProfile.SHIM_X,
                CalibrationProfile.REFLECTION, CalibrationProfile.TEMPERATURE_COEFFICIENT, CalibrationProfile.GRADIENT_SCALE[0],
                CalibrationProfile.TUNE, CalibrationProfile.noiseStd(0)));
        for (String k : keys) {
            var limit = TrendLimits.of(k);
            assertThat(ZH.containsKey("service.trend.rule." + limit.rule())).as("words for %s's rule %s", k, limit.rule()).isTrue();
            String zh = TrendLimitText.of(ZH, limit);
            assertThat(EnglishWords.in(zh, Set.of())).as("%s: %s", k, zh).isEmpty();
            assertThat(zh).as(k).matches(".*[0-9].*");
        }
        // the English window says the limits as the library states them
        assertThat(TrendLimitText.of(EN, TrendLimits.of(CalibrationProfile.noiseStd(1)))).isEqualTo("noise at most +3.0 dB over the first survey");
        assertThat(TrendLimitText.of(EN, TrendLimits.of(CalibrationProfile.TRANSMIT_SCALE))).isEqualTo("transmit scale within -20…+25 % of the first");
        assertThat(TrendLimitText.of(EN, TrendLimits.of(CalibrationProfile.GRADIENT_SCALE[1]))).isEqualTo("gradient scale within ±2 % of the first");
        assertThat(TrendLimitText.of(ZH, TrendLimits.of(CalibrationProfile.SHIM_Y))).isEqualTo("与首次相差 ±1,500 Hz/m 以内（一次匀场最多可校正的量）");
    }

    @Test
    void whatALoopTestStepSawIsSaidInTheWindowsLanguage() {
        GpioSnapshot doorOpen = snapshot(false, false);
        var opened = new DoorLoopTest.StepResult(DoorLoopTest.Step.OPEN_DOOR, true, null, "door open, …", Duration.ofMillis(800), doorOpen, true);
        String zh = LoopStepText.seen(ZH, opened);
        assertThat(EnglishWords.in(zh, Set.of())).as(zh).isEmpty();
        assertThat(zh).isEqualTo("门：打开，急停：已释放，放大器使能已关断；联锁已触发，使能已关断");
        assertThat(LoopStepText.seen(EN, opened)).isEqualTo("Door: OPEN, Emergency stop: released, amplifier enables down; interlock tripped; enables dropped");
        var prepared = new DoorLoopTest.StepResult(DoorLoopTest.Step.PREPARE, true, null, "…", Duration.ZERO, snapshot(true, true), false);
        assertThat(LoopStepText.seen(ZH, prepared)).isEqualTo("门：关闭，急停：已释放，放大器使能已打开");
        var busy = new DoorLoopTest.StepResult(DoorLoopTest.Step.PREPARE, false, "busy", "a scan or calibration is running", Duration.ZERO, null, false);
        assertThat(LoopStepText.seen(ZH, busy)).isEmpty();
    }

    @Test
    void everyRoutineReasonIsSaidInTheWindowsLanguage() {
        List<String> english = new ArrayList<>();
        for (Reason.Code c : Reason.Code.values()) {
            if (c == Reason.Code.NONE) continue;
            Reason why = Reason.of(c, "se2d", "12", "256", "3.5");
            String zh = OutcomeText.reason(ZH, why, "the English sentence");
            assertThat(zh).as(c.name()).isNotEqualTo("the English sentence");
            if (!EnglishWords.in(zh, Set.of()).isEmpty()) english.add(c + ": " + zh);
        }
        assertThat(english).isEmpty();
        Reason weak = Reason.of(Reason.Code.WEAK_FID, "2000123.4", "3.1");
        assertThat(OutcomeText.reason(ZH, weak, "")).isEqualTo("2000123.4 Hz 处的 FID 太弱，无法设定频率（峰噪比 3.1）");
        // the English window keeps the library's sentence, as the CLI and report.txt say it
        assertThat(OutcomeText.reason(EN, weak, "the FID at 2000123.4 Hz is too weak")).isEqualTo("the FID at 2000123.4 Hz is too weak");
    }

    @Test
    void aRoutinesLineIsSaidInTheWindowsLanguage() {
        var passed = new RoutineOutcome("frequency", RoutineOutcome.Status.PASSED, "", Map.of(), 1, 1, null);
        var notRun = new RoutineOutcome("rf", RoutineOutcome.Status.FAILED, "not run: an earlier routine failed", Map.of(), 0, 0, null,
                Reason.of(Reason.Code.NOT_RUN));
        var untyped = new RoutineOutcome("shim", RoutineOutcome.Status.FAILED, "the x-axis field map is not consistent", Map.of(), 0, 0, null);
        assertThat(OutcomeText.line(ZH, passed)).isEqualTo("频率：通过");
        assertThat(OutcomeText.line(ZH, notRun)).isEqualTo("射频发射：失败（未运行：前一个程序失败）");
        assertThat(OutcomeText.line(ZH, untyped)).isEqualTo("匀场：失败（原因见日志与报告）");
        assertThat(OutcomeText.line(EN, passed)).isEqualTo("frequency: PASSED");
        assertThat(OutcomeText.line(EN, notRun)).isEqualTo("rf: FAILED (not run: an earlier routine failed)");
    }

    @Test
    void theRequalificationVerdictAndTheHeldScansAreSaidInTheWindowsLanguage() {
        var tuned = step("tune", Requalification.Check.PASSED, "", Reason.NONE);
        var freq = step("frequency", Requalification.Check.FAILED, "fid did not finish in time (no DONE from the unit)",
                Reason.of(Reason.Code.UNIT_TIMEOUT, "fid"));
        var failed = new Requalification.Verdict(false, "Not ready for patients: larmor frequency (wide search) failed (…)", List.of(tuned, freq), 12, 3);
        String zh = OutcomeText.verdict(ZH, failed);
        assertThat(zh).isEqualTo("尚不能扫描患者：拉莫尔频率（宽范围搜索）未通过（序列「FID（频谱）」未按时结束（设备未报告完成））。"
                + "处理方法：确认均匀体模在孔腔中且门已关闭，然后重新验证。");
        assertThat(EnglishWords.in(zh, Set.of())).isEmpty();
        assertThat(OutcomeText.verdict(EN, failed)).isEqualTo(failed.message());
        var ready = new Requalification.Verdict(true, "Ready for patients (requalified in 37 s of unit time).", List.of(tuned), 36.6, 4);
        assertThat(OutcomeText.verdict(ZH, ready)).isEqualTo("可以扫描患者（重新验证用时 37 秒设备时间）。");
        for (MobileState s : List.of(new MobileState(true, java.time.Instant.EPOCH, "eng", MobileState.Requal.REQUIRED, "", java.time.Instant.EPOCH),
                new MobileState(false, null, "eng", MobileState.Requal.REQUIRED, "", java.time.Instant.EPOCH),
                new MobileState(false, null, "eng", MobileState.Requal.FAILED, "Not ready for patients: …", java.time.Instant.EPOCH))) {
            String held = OutcomeText.scansHeld(ZH, s);
            assertThat(held).as(s.toString()).isNotBlank();
            assertThat(EnglishWords.in(held, Set.of())).as(held).isEmpty();
            assertThat(OutcomeText.scansHeld(EN, s)).isEqualTo(s.blockingReason());
        }
        assertThat(OutcomeText.scansHeld(ZH, MobileState.initial())).isNull();
    }

    @Test
    void valuesTheReportWritesInWordsAreSaidInTheWindowsLanguage() {
        String limits = ValueNames.valueText(ZH, "limits", org.lodestone.calibration.qa.DailyQa.Limits.DEFAULT);
        assertThat(limits).isEqualTo("SNR ≥ 20，PIU ≥ 70 %，伪影 ≤ 2.5 %，直径误差 ≤ 2 %");
        String delay = ValueNames.valueText(ZH, "delay_verdict", org.lodestone.calibration.gradient.GradientCalibration.DELAY_VERDICT);
        assertThat(EnglishWords.in(delay, Set.of())).as(delay).isEmpty();
        assertThat(ValueNames.valueText(ZH, "emi_lines", List.of(Map.of("channel", 0), Map.of("channel", 1)))).isEqualTo("2 条");
        assertThat(ValueNames.valueText(ZH, "search_plot", "frequency-search.png")).isEqualTo("频率搜索");
        // the English window writes them as report.txt does
        assertThat(ValueNames.valueText(EN, "search_plot", "frequency-search.png")).isEqualTo("frequency-search.png");
        assertThat(ValueNames.valueText(EN, "delay_verdict", org.lodestone.calibration.gradient.GradientCalibration.DELAY_VERDICT))
                .isEqualTo(org.lodestone.calibration.gradient.GradientCalibration.DELAY_VERDICT);
    }

    @Test
    void versionTicksStepByWholeNumbers() {
        assertThat(VersionAxis.step(2)).isEqualTo(1);
        assertThat(VersionAxis.step(10)).isEqualTo(1);
        assertThat(VersionAxis.step(11)).isEqualTo(2);
        assertThat(VersionAxis.step(45)).isEqualTo(5);
        assertThat(VersionAxis.step(101)).isEqualTo(20);
    }

    private static Requalification.Step step(String routine, Requalification.Check check, String reason, Reason why) {
        return new Requalification.Step(routine, routine, check, reason, "k", Double.NaN, "", Double.NaN, Double.NaN, 1, why);
    }

    private static GpioSnapshot snapshot(boolean doorClosed, boolean enables) {
        Map<GpioInput, GpioSnapshot.Input> in = new EnumMap<>(GpioInput.class);
        for (GpioInput i : GpioInput.values()) in.put(i, new GpioSnapshot.Input(i == GpioInput.DOOR_CLOSED && doorClosed, true, true));
        Map<GpioOutput, Boolean> out = new EnumMap<>(GpioOutput.class);
        for (GpioOutput o : GpioOutput.values()) out.put(o, enables);
        return new GpioSnapshot(in, out);
    }

    private static Properties load(String name) throws Exception {
        Properties p = new Properties();
        try (InputStream in = ChineseTextsTest.class.getResourceAsStream("/org/lodestone/console/ui/" + name)) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }
}
