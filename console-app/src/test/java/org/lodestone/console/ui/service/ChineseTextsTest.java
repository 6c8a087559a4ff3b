package org.lodestone.console.ui.service;

import org.junit.jupiter.api.Test;
import org.lodestone.calibration.store.CalibrationProfile;
import org.lodestone.calibration.trend.TrendLimits;
import org.lodestone.console.service.diagnostics.DoorLoopTest;
import org.lodestone.console.service.diagnostics.GpioSnapshot;
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
