package org.lodestone.console.ui.service;

import org.lodestone.console.ui.headless.Screenshots;

import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.chart.XYChart;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.lodestone.calibration.run.ProgramRunner;
import org.lodestone.calibration.store.CalibrationProfile;
import org.lodestone.calibration.store.CalibrationStore;
import org.lodestone.calibration.suite.CalibrationSuite;
import org.lodestone.console.service.ServiceBench;
import org.lodestone.console.service.mobile.TransportMode;
import org.lodestone.hw.gpio.Armed;
import org.lodestone.hw.session.ScannerSession;
import org.lodestone.hw.wire.Message;
import org.lodestone.seq.limits.UnitProfile;
import org.lodestone.twin.device.DeviceServer;
import org.lodestone.twin.launch.InProcessTwin;
import org.lodestone.twin.phantom.PlacedPhantom;
import org.lodestone.twin.physics.HiddenParameters;
import org.lodestone.twin.physics.ScannerModel;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ResourceBundle;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue #17, equipment health and trend limits in the window: a noise survey accepted through the wizard on
 * a twin (in this process, speed 0), then the same unit with its receiver noise doubled surveyed and accepted;
 * the Health tab shows the magnet, RF, link and both channels +6 dB over baseline with the alert (also audited),
 * and the history tab draws the noise trend with its +3 dB limit line. Screenshots in target/screenshots/service-bench/.
 */
@Tag("headless-ui")
@Tag("service-bench")
@ExtendWith(ApplicationExtension.class)
class HealthPaneTest {
    private final List<InProcessTwin> twins = new ArrayList<>();
    private final List<ScannerSession> sessions = new ArrayList<>();
    private final List<ProgramRunner> runners = new ArrayList<>();
    private final AtomicInteger unit = new AtomicInteger();
    private CalibrationStore store;
    private final List<String> audited = new ArrayList<>();
    private ServiceBenchPane pane;
    private ResourceBundle text;
    private double nominalHz;

    @Start
    void start(Stage stage) throws Exception {
        Path data = Files.createTempDirectory("service-health-");
        // the same unit twice: as installed, and with its receiver noise doubled (+6 dB)
        for (double noise : new double[] {ScannerModel.DEFAULT_NOISE_STD, 2 * ScannerModel.DEFAULT_NOISE_STD}) {
            ScannerModel model = new ScannerModel(HiddenParameters.fromSeed(4), PlacedPhantom.named("uniform"), noise, 1);
            InProcessTwin twin = InProcessTwin.start(model, new DeviceServer.Options(2000, 0), null);
            ScannerSession session = ScannerSession.open(twin.hostEnd());
            Message.Capabilities caps = session.hello("service-health-test");
            nominalHz = caps.nominalLarmorHz();
            twins.add(twin);
            sessions.add(session);
            runners.add(new ProgramRunner(session, UnitProfile.from(caps.limits()), () -> Armed.withoutInterlocks("in-process twin")));
        }
        store = new CalibrationStore(data.resolve("calibration"));
        ServiceBench bench = new ServiceBench(store, new TransportMode(data),
                out -> new CalibrationSuite(runners.get(unit.get()), store, "eng", out, nominalHz),
                (action, object, details) -> audited.add(action + " " + object), data);
        text = ResourceBundle.getBundle("org.lodestone.console.ui.messages");
        pane = new ServiceBenchPane(text, bench, () -> sessions.get(unit.get()).readSensors(), () -> sessions.get(unit.get()).linkStatistics(), null);
        stage.setScene(new Scene(pane, 1240, 760));
        stage.show();
    }

    @AfterEach
    void stop() throws Exception {
        sessions.forEach(ScannerSession::close);
        for (InProcessTwin t : twins) t.close();
    }

    @Test
    void noiseRaisedBetweenTwoSurveysShowsTheAlertAndTheTrendCrossesItsLimit(FxRobot robot) throws Exception {
        surveyAndAccept(robot); // baseline
        robot.clickOn(text.getString("service.health.tab"));
        waitForCheck(robot);
        HealthPane h = pane.health;
        assertThat(h.summary.getText()).isEqualTo(text.getString("service.health.ok"));
        assertThat(h.noise.getItems()).hasSize(2).allMatch(s -> s.endsWith("(+0.0 dB)"));
        assertThat(h.magnet.getText()).matches("\\d+\\.\\d\\d °C(, changing -?\\d+\\.\\d{3} K/min| \\(rate: needs readings over 20 s\\))");
        assertThat(h.rf.getText()).matches("\\d+\\.\\d\\d W");
        assertThat(h.link.getText()).startsWith("frames ").contains("CRC errors 0").contains("retransmitted commands 0");
        assertThat(h.disk.getText()).matches("\\d+\\.\\d GB");
        shot(robot, pane, "6-health-baseline.png");

        unit.set(1); // the receiver noise doubles
        robot.clickOn(text.getString("service.tab.calibrate"));
        surveyAndAccept(robot);
        robot.clickOn(text.getString("service.health.tab"));
        waitForCheck(robot);
        assertThat(h.summary.getText()).startsWith("2 alert(s)");
        for (int c = 0; c < 2; c++) {
            double db = h.last().noise().get(c).excessDb();
            assertThat(db).isBetween(5.0, 7.0);
            assertThat(h.noise.getItems().get(c)).startsWith("channel " + c + ": baseline σ ").endsWith(String.format(java.util.Locale.ROOT, "(%+.1f dB)", db));
            assertThat(h.alerts.getItems().get(c)).startsWith(String.format(java.util.Locale.ROOT, "Noise on channel %d is %+.1f dB over its baseline (alert at +3.0 dB)", c, db));
        }
        assertThat(audited).contains("health.alert channel 0", "health.alert channel 1");
        shot(robot, pane, "7-health-noise-alert.png");

        // the trend of channel 0's noise: both accepted surveys, the +3 dB line over the first, the second outside
        robot.clickOn(text.getString("service.tab.history"));
        robot.interact(() -> pane.trendKey.setValue(CalibrationProfile.noiseStd(0)));
        WaitForAsyncUtils.waitForFxEvents();
        List<XYChart.Series<Number, Number>> series = pane.trend.getData();
        assertThat(series).hasSize(2); // the values and the upper limit (noise has no lower one)
        double baseline = series.get(0).getData().get(0).getYValue().doubleValue();
        assertThat(series.get(0).getData()).hasSize(2);
        assertThat(series.get(1).getData()).allSatisfy(d -> assertThat(d.getYValue().doubleValue())
                .isCloseTo(baseline * Math.pow(10, 3.0 / 20), org.assertj.core.data.Offset.offset(1e-9)));
        assertThat(pane.trendLimit.getText()).isEqualTo("Limit: noise at most +3.0 dB over the first survey; 1 of 2 accepted measurements outside the limit");
        shot(robot, pane, "8-trend-noise-limit.png");
    }

    private void surveyAndAccept(FxRobot robot) throws Exception {
        robot.interact(() -> pane.routine.setValue("noise"));
        robot.clickOn("#service-run");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !pane.run.isDisabled() && !pane.status.getText().startsWith("Running"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(pane.status.getText()).startsWith("PASSED");
        assertThat(pane.plot.getImage()).as("the noise spectra are shown").isNotNull();
        robot.clickOn("#service-accept");
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void waitForCheck(FxRobot robot) throws Exception {
        int[] checks = {0};
        robot.interact(() -> pane.health.onChecked(h -> checks[0]++));
        robot.interact(pane.health::refresh);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> checks[0] > 0);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static void shot(FxRobot robot, Node node, String name) throws Exception {
        Screenshots.under("service-bench").take(robot, node, name);
    }
}
