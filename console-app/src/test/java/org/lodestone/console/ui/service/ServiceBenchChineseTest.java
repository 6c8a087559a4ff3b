package org.lodestone.console.ui.service;

import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.lodestone.calibration.store.CalibrationProfile;
import org.lodestone.calibration.store.CalibrationStore;
import org.lodestone.calibration.store.Entry;
import org.lodestone.console.service.ServiceBench;
import org.lodestone.console.service.mobile.TransportMode;
import org.lodestone.console.ui.headless.EnglishWords;
import org.lodestone.console.ui.headless.Screenshots;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service bench in Chinese on a 1024×600 screen: two accepted noise surveys, the second 6 dB over the first,
 * and the trend's limit stated in Chinese (it was the library's English sentence); every tab's visible texts
 * without English words (routine and value names included). No unit is needed: the calibration history is
 * written to the store directly. Screenshots in target/screenshots/service-bench/zh/.
 */
@Tag("headless-ui")
@Tag("service-bench")
@ExtendWith(ApplicationExtension.class)
class ServiceBenchChineseTest {
    private static final ResourceBundle ZH = ResourceBundle.getBundle("org.lodestone.console.ui.messages", Locale.SIMPLIFIED_CHINESE);
    private ServiceBenchPane pane;

    @Start
    void start(Stage stage) throws Exception {
        Path data = Files.createTempDirectory("service-bench-zh-");
        CalibrationStore store = new CalibrationStore(data.resolve("calibration"));
        for (double sigma : new double[] {1.0, 2.0}) {
            store.record(Map.of(CalibrationProfile.noiseStd(0), new Entry(sigma, 0.01, "", Instant.now(), 25, "eng", "noise")), "eng", "");
        }
        ServiceBench bench = new ServiceBench(store, new TransportMode(data), out -> {
            throw new IllegalStateException("this test runs no calibration");
        }, (action, object, details) -> { }, data);
        pane = new ServiceBenchPane(ZH, bench);
        stage.setScene(new Scene(pane, 1024, 600));
        stage.show();
    }

    @Test
    void theTrendLimitIsStatedInChinese(FxRobot robot) throws Exception {
        robot.clickOn(ZH.getString("service.tab.history"));
        robot.interact(() -> pane.trendKey.setValue(CalibrationProfile.noiseStd(0)));
        WaitForAsyncUtils.waitForFxEvents();
        String limit = pane.trendLimit.getText();
        assertThat(limit).isEqualTo("限值：噪声比首次测量最多高 +3.0 dB；2 次已接受测量中有 1 次超出限值");
        assertThat(EnglishWords.in(limit, Set.of())).isEmpty();
        assertThat(pane.trendLimit.isVisible()).isTrue();
        assertThat(pane.trendLimit.localToScene(pane.trendLimit.getBoundsInLocal()).getMaxX()).as("not cut at 1024 px").isLessThanOrEqualTo(1024);
        // versions are whole numbers: so are the x axis's ticks (the chart's own ranging drew 0.9 … 2.1)
        var ticks = ((javafx.scene.chart.NumberAxis) pane.trend.getXAxis()).getTickMarks().stream().map(m -> m.getValue().doubleValue()).toList();
        assertThat(ticks).as("version ticks").contains(1.0, 2.0).allMatch(v -> v == Math.rint(v));
        Screenshots.under("service-bench/zh").take(robot, pane, "history-trend-noise-limit.png");
    }

    @Test
    void everyTabSpeaksChinese(FxRobot robot) throws Exception {
        List<String> english = new ArrayList<>();
        for (String tab : List.of("calibrate", "history", "transport", "requalify", "sequence")) {
            robot.clickOn(ZH.getString("service.tab." + tab));
            WaitForAsyncUtils.waitForFxEvents();
            Screenshots.under("service-bench/zh").take(robot, pane, "tab-" + tab + ".png");
            robot.interact(() -> EnglishWords.shownUnder(pane, Set.of("eng")).forEach(e -> english.add(tab + ": " + e)));
        }
        assertThat(english).isEmpty();
    }
}
