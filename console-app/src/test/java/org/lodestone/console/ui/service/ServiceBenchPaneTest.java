package org.lodestone.console.ui.service;

import org.lodestone.console.ui.headless.Screenshots;

import javafx.scene.Node;
import javafx.scene.Scene;
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
import org.lodestone.console.service.seqview.SequenceLanes;
import org.lodestone.hw.gpio.Armed;
import org.lodestone.hw.session.ScannerSession;
import org.lodestone.hw.wire.Message;
import org.lodestone.seq.limits.UnitProfile;
import org.lodestone.seq.protocol.ProtocolLibrary;
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
import java.util.Map;
import java.util.ResourceBundle;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue #17 acceptance, the service bench in the window on a twin (in this process, speed 0, the uniform
 * phantom): a frequency wizard accepted and one rejected with the plot shown, the history and trend, transport
 * mode on and off, and the sequence viewer's lanes. Screenshots in target/screenshots/service-bench/.
 */
@Tag("headless-ui")
@Tag("service-bench")
@ExtendWith(ApplicationExtension.class)
class ServiceBenchPaneTest {
    private InProcessTwin twin;
    private ScannerSession session;
    private CalibrationStore store;
    private final List<String> audited = new ArrayList<>();
    private ServiceBenchPane pane;
    private ResourceBundle text;

    @Start
    void start(Stage stage) throws Exception {
        Path data = Files.createTempDirectory("service-bench-");
        ScannerModel model = new ScannerModel(HiddenParameters.fromSeed(4), PlacedPhantom.named("uniform"), ScannerModel.DEFAULT_NOISE_STD, 1);
        twin = InProcessTwin.start(model, new DeviceServer.Options(2000, 0), null);
        session = ScannerSession.open(twin.hostEnd());
        Message.Capabilities caps = session.hello("service-bench-test");
        ProgramRunner runner = new ProgramRunner(session, UnitProfile.from(caps.limits()), () -> Armed.withoutInterlocks("in-process twin"));
        store = new CalibrationStore(data.resolve("calibration"));
        ServiceBench bench = new ServiceBench(store, new TransportMode(data),
                out -> new CalibrationSuite(runner, store, "eng", out, caps.nominalLarmorHz()),
                (action, object, details) -> audited.add(action + " " + object), data);
        text = ResourceBundle.getBundle("org.lodestone.console.ui.messages");
        pane = new ServiceBenchPane(text, bench);
        stage.setScene(new Scene(pane, 1240, 760));
        stage.show();
    }

    @AfterEach
    void stop() throws Exception {
        session.close();
        twin.close();
    }

    @Test
    void wizardsHistoryTransportAndSequenceLanes(FxRobot robot) throws Exception {
        // 1. a frequency wizard, accepted
        runFrequency(robot);
        assertThat(pane.status.getText()).startsWith("PASSED");
        assertThat(pane.values.getItems()).anyMatch(s -> s.startsWith("frequency: PASSED"));
        assertThat(pane.values.getItems()).anyMatch(s -> s.matches("  frequency: \\d{6,}\\.\\d ± \\d+(\\.\\d+)? Hz"));
        assertThat(pane.plot.getImage()).as("the routine's plot is shown").isNotNull();
        assertThat(pane.plot.getImage().getWidth()).isEqualTo(900);
        assertThat(pane.plotChoice.getItems()).as("every plot the run wrote can be chosen").contains("frequency.png");
        assertThat(pane.plotChoice.getValue()).isEqualTo("frequency.png");
        shot(robot, pane, "1-frequency-result.png");
        robot.clickOn("#service-accept");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(store.current().version()).isEqualTo(1);
        assertThat(pane.verdict.getText()).isEqualTo("Accepted: version 1 is current.");
        double accepted = store.current().value(CalibrationProfile.FREQUENCY, Double.NaN);

        // 2. again, rejected: stored in the history, never current
        runFrequency(robot);
        robot.clickOn("#service-reject");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(store.current().version()).isEqualTo(1);
        assertThat(store.history().getLast().status()).isEqualTo(CalibrationProfile.Status.REJECTED);
        assertThat(pane.verdict.getText()).isEqualTo("Rejected: stored as version 2; the current calibration is unchanged.");
        assertThat(audited).containsExactly("calibration.accept calibration v1", "calibration.reject calibration v2");
        shot(robot, pane, "2-frequency-rejected.png");

        // 3. history (newest first, marked) and the trend of accepted values only
        robot.clickOn(text.getString("service.tab.history"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(pane.history.getItems().get(0)).startsWith("v2  rejected");
        assertThat(pane.history.getItems().get(1)).startsWith("v1  accepted");
        assertThat(pane.trendKey.getValue()).isEqualTo(CalibrationProfile.FREQUENCY);
        var points = pane.trend.getData().getFirst().getData();
        assertThat(points).hasSize(1);
        assertThat(points.getFirst().getYValue().doubleValue()).isEqualTo(accepted);
        shot(robot, pane, "3-history-trend.png");

        // the requalification checklist shows each step against the last accepted value
        robot.clickOn(text.getString("service.tab.requalify"));
        WaitForAsyncUtils.waitForFxEvents();
        String freqLine = pane.checklist.getItems().get(1);
        assertThat(freqLine).startsWith("Larmor frequency (wide search): waiting; now —, last accepted "
                + org.lodestone.calibration.suite.ReportValues.text(CalibrationProfile.FREQUENCY, accepted));
        assertThat(pane.checklist.getItems()).hasSize(6);
        shot(robot, pane, "3b-requalification-plan.png");

        // 4. transport mode on and off
        robot.clickOn(text.getString("service.tab.transport"));
        robot.clickOn("#service-transport-on");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(pane.transportState.getText()).startsWith("Transport mode ON");
        assertThat(pane.scansState.getText()).contains("transport mode");
        shot(robot, pane, "4-transport-on.png");
        robot.clickOn("#service-transport-off");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(pane.transportState.getText()).isEqualTo("Transport mode off; requalification: required");
        assertThat(pane.scansState.getText()).contains("not requalified yet");

        // 5. the sequence viewer draws se2d's lanes and zooms
        robot.clickOn(text.getString("service.tab.sequence"));
        robot.interact(pane.sequence::drawSequence);
        int events = SequenceLanes.of(ProtocolLibrary.find("se2d").orElseThrow().build(Map.of(), UnitProfile.PLANNING).sequence(), 0, 0.2)
                .lanes().stream().mapToInt(l -> l.shapes().size()).sum();
        assertThat(pane.sequence.seqError.getText()).isEqualTo(events + " events drawn");
        shot(robot, pane, "5-sequence-se2d.png");
        robot.clickOn("#service-seq-zoom-in");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(Double.parseDouble(pane.sequence.seqTo.getText())).isEqualTo(0.1);
        assertThat(pane.sequence.seqError.getText()).endsWith("events drawn");
    }

    private void runFrequency(FxRobot robot) throws Exception {
        robot.interact(() -> pane.routine.setValue("frequency"));
        assertThat(pane.bore.getText()).contains("uniform phantom");
        robot.clickOn("#service-run");
        WaitForAsyncUtils.waitFor(180, TimeUnit.SECONDS, () -> !pane.run.isDisabled() && !pane.status.getText().startsWith("Running"));
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static void shot(FxRobot robot, Node node, String name) throws Exception {
        Screenshots.under("service-bench").take(robot, node, name);
    }
}
