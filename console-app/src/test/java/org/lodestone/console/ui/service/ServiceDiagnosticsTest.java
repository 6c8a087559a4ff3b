package org.lodestone.console.ui.service;

import org.lodestone.console.ui.headless.EnglishWords;
import org.lodestone.console.ui.headless.Screenshots;

import com.pi4j.context.Context;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.lodestone.calibration.run.ProgramRunner;
import org.lodestone.calibration.store.CalibrationStore;
import org.lodestone.calibration.suite.CalibrationSuite;
import org.lodestone.console.service.ServiceBench;
import org.lodestone.console.service.diagnostics.AuditView;
import org.lodestone.console.service.diagnostics.ConsoleLog;
import org.lodestone.console.service.diagnostics.Diagnostics;
import org.lodestone.console.service.diagnostics.LogEntry;
import org.lodestone.console.service.mobile.TransportMode;
import org.lodestone.hw.gpio.Armed;
import org.lodestone.hw.gpio.GpioConfig;
import org.lodestone.hw.gpio.GpioInput;
import org.lodestone.hw.gpio.InterlockGuard;
import org.lodestone.hw.gpio.Pi4jContexts;
import org.lodestone.hw.gpio.UnitGpio;
import org.lodestone.hw.session.ScannerSession;
import org.lodestone.hw.wire.Message;
import org.lodestone.seq.limits.UnitProfile;
import org.lodestone.twin.device.DeviceServer;
import org.lodestone.twin.device.GpioWiring;
import org.lodestone.twin.launch.InProcessTwin;
import org.lodestone.twin.phantom.PlacedPhantom;
import org.lodestone.twin.physics.HiddenParameters;
import org.lodestone.twin.physics.ScannerModel;
import org.lodestone.twin.script.EventScript;
import org.lodestone.workflow.Workflow;
import org.lodestone.workflow.WorkflowHome;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue #17 acceptance, the diagnostics of the service bench in the window: the link statistics of a twin; its
 * script opens and closes the door and the GPIO list shows it as it happens; the guided loop test passes with the
 * "engineer" (this test) moving the door and the stop on the twin's wiring; the log filtered to the loop test's
 * lines and exported; the audit trail (administrator); then the window in Chinese: the Diagnostics tab on the wired
 * unit, a requalification run to "ready for patients" and a frequency wizard on a second twin (speed 0, uniform
 * phantom), their results and verdicts without English words. Screenshots in target/screenshots/service-bench/
 * (the Chinese ones in service-bench/zh/).
 */
@Tag("headless-ui")
@Tag("service-bench")
@ExtendWith(ApplicationExtension.class)
class ServiceDiagnosticsTest {
    private InProcessTwin calibrationTwin;
    private ScannerSession calibrationSession;
    // the unit whose room is wired, started once the Diagnostics tab is on screen
    private volatile InProcessTwin gpioTwin;
    private volatile GpioWiring wiring;
    private volatile Context context;
    private volatile UnitGpio gpio;
    private volatile InterlockGuard guard;
    private volatile ScannerSession gpioSession;
    private Workflow workflow;
    private ServiceBenchPane pane;
    private ResourceBundle text;
    private Stage stage;
    private ServiceBench bench;
    private Diagnostics diagnostics;
    private Path data;
    private final List<String> gpioShown = new CopyOnWriteArrayList<>();

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        data = Files.createTempDirectory("service-diagnostics-");
        // the unit that requalifies: as fast as it can simulate
        ScannerModel model = new ScannerModel(HiddenParameters.fromSeed(4), PlacedPhantom.named("uniform"), ScannerModel.DEFAULT_NOISE_STD, 1);
        calibrationTwin = InProcessTwin.start(model, new DeviceServer.Options(2000, 0), null);
        calibrationSession = ScannerSession.open(calibrationTwin.hostEnd());
        Message.Capabilities caps = calibrationSession.hello("service-diagnostics-test");
        ProgramRunner runner = new ProgramRunner(calibrationSession, UnitProfile.from(caps.limits()), () -> Armed.withoutInterlocks("in-process twin"));
        CalibrationStore store = new CalibrationStore(data.resolve("calibration"));
        workflow = Workflow.open(new WorkflowHome(data));
        ServiceBench.Audit audit = (action, object, details) -> workflow.audit().append("eng", "administrator", action, object, details);
        bench = new ServiceBench(store, new TransportMode(data), out -> new CalibrationSuite(runner, store, "eng", out, caps.nominalLarmorHz()),
                audit, data);
        diagnostics = new Diagnostics(() -> Optional.ofNullable(gpioSession), () -> Optional.ofNullable(guard), ConsoleLog.ofThisProcess(),
                new AuditView(() -> workflow.audit().entries(), () -> true), audit, Duration.ofSeconds(20), data.resolve("service"),
                () -> { try { return new TransportMode(data).refuseArming(); } catch (java.io.IOException e) { throw new java.io.UncheckedIOException(e); } });
        text = ResourceBundle.getBundle("org.lodestone.console.ui.messages");
        pane = new ServiceBenchPane(text, bench, diagnostics);
        stage.setScene(new Scene(pane, 1240, 760));
        stage.show();
    }

    /** Real time, its room wired to a GPIO bus on loopback; its script opens the door at 3 s and closes it at 5 s. */
    private void startTheWiredUnit() throws Exception {
        ScannerModel room = new ScannerModel(HiddenParameters.fromSeed(5), PlacedPhantom.named("uniform"), ScannerModel.DEFAULT_NOISE_STD, 1);
        gpioTwin = InProcessTwin.start(room, new DeviceServer.Options(2000, 1.0, EventScript.parse("3 door open\n5 door close\n", "door.script")), null);
        wiring = GpioWiring.start(0, GpioConfig.defaults());
        gpioTwin.server().wire(wiring);
        ScannerSession session = ScannerSession.open(gpioTwin.hostEnd());
        session.hello("service-diagnostics-test");
        context = Pi4jContexts.forMachine(new Pi4jContexts.VirtualBus("127.0.0.1", wiring.port()));
        gpio = new UnitGpio(context, GpioConfig.defaults());
        guard = new InterlockGuard(gpio, session::interlockTripped);
        gpioSession = session;
    }

    @AfterEach
    void stop() throws Exception {
        if (guard != null) guard.close();
        if (gpio != null) gpio.close();
        if (context != null) context.shutdown();
        if (gpioSession != null) gpioSession.close();
        calibrationSession.close();
        if (wiring != null) wiring.close();
        if (gpioTwin != null) gpioTwin.close();
        calibrationTwin.close();
        workflow.close();
    }

    @Test
    void diagnosticsLoopTestLogAuditAndRequalification(FxRobot robot) throws Exception {
        long t0 = System.nanoTime();
        robot.clickOn(text.getString("service.diag.tab"));
        DiagnosticsPane diag = robot.lookup((Node n) -> n instanceof DiagnosticsPane).query();
        diag.gpio.getItems().addListener((javafx.collections.ListChangeListener<String>) c -> gpioShown.add(String.join("|", diag.gpio.getItems())));
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> diag.link.getItems().equals(List.of(text.getString("service.diag.link.none"))));
        assertThat(diag.gpio.getItems()).containsExactly(text.getString("service.diag.gpio.none"));
        startTheWiredUnit();

        // 1. link statistics and sensors, read from the unit every second
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> diag.link.getItems().size() == 7 && diag.sensors.getText().startsWith("Magnet"));
        assertThat(diag.link.getItems()).contains("CRC errors: 0", "Retransmitted commands: 0");
        assertThat(diag.link.getItems().getLast()).matches("Heartbeat round trip: last \\d+\\.\\d ms, mean \\d+\\.\\d ms, max \\d+\\.\\d ms \\(\\d+ heartbeats\\)");
        assertThat(diag.sensors.getText()).matches("Magnet \\d+\\.\\d\\d °C, room \\d+\\.\\d °C, forward RF power \\d+\\.\\d W");

        // 2. the twin's script opens the door (3 s) and closes it (5 s): the list follows live
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> diag.gpio.getItems().contains("Door: OPEN"));
        assertThat(diag.gpio.getItems()).contains("Emergency stop: released", "RF amplifier enable: off", "Gradient amplifier enable: off");
        shot(robot, "6-diagnostics-door-open.png");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> diag.gpio.getItems().contains("Door: closed"));
        assertThat(gpioShown).as("shown as it changed").anyMatch(s -> s.contains("Door: OPEN"));
        assertThat(gpioShown.getLast()).contains("Door: closed");

        // 3. the loop test, the test doing what each step asks on the wiring
        String since = LocalTime.now().minusSeconds(1).format(DateTimeFormatter.ofPattern("HH:mm:ss"));
        robot.clickOn("#diag-loop-start");
        doWhenAsked(diag, "OPEN_DOOR", () -> wiring.set(GpioInput.DOOR_CLOSED, false));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> diag.gpio.getItems().contains("Door: OPEN"));
        shot(robot, "7-loop-test-door-open.png");
        doWhenAsked(diag, "CLOSE_DOOR", () -> wiring.set(GpioInput.DOOR_CLOSED, true));
        doWhenAsked(diag, "PRESS_STOP", () -> wiring.set(GpioInput.EMERGENCY_STOP, true));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> diag.gpio.getItems().contains("Emergency stop: PRESSED"));
        doWhenAsked(diag, "RELEASE_STOP", () -> wiring.set(GpioInput.EMERGENCY_STOP, false));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> diag.loopInstruction.getText().equals(text.getString("service.diag.loop.all-passed")));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(diag.loopSteps.getItems()).hasSize(5).allMatch(s -> s.contains(": passed in "));
        assertThat(diag.loopSteps.getItems().get(1)).startsWith("Open the door: passed in ").endsWith("interlock tripped; enables dropped)");
        assertThat(diag.gpio.getItems()).contains("Door: closed", "Emergency stop: released", "RF amplifier enable: off");
        shot(robot, "8-loop-test-passed.png");

        // 4. the log filtered to the loop test's lines since it started, then to warnings only, exported
        robot.clickOn(text.getString("service.log.tab"));
        LogPane logs = robot.lookup((Node n) -> n instanceof LogPane).query();
        robot.interact(() -> {
            logs.level.setValue(LogEntry.Level.INFO);
            logs.from.setText(since);
            logs.component.setText("DoorLoopTest");
        });
        robot.clickOn("#log-apply");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(logs.lines.getItems()).hasSize(12).allMatch(l -> l.contains("  INFO   DoorLoopTest  Loop test"));
        assertThat(logs.lines.getItems().getFirst()).endsWith("Loop test started (timeout 20 s per step)");
        assertThat(logs.lines.getItems().get(3)).endsWith("Loop test step OPEN_DOOR: open the door");
        assertThat(logs.lines.getItems().get(4)).contains("Loop test step OPEN_DOOR passed in ");
        assertThat(logs.lines.getItems().getLast()).endsWith("Loop test passed");
        assertThat(logs.count.getText()).startsWith("12 of ");
        shot(robot, "9-log-filtered.png");
        robot.clickOn("#log-export");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(logs.message.getText()).startsWith("Exported 12 entries to ");
        assertThat(Files.readAllLines(logs.lastExport)).hasSize(12).allMatch(l -> l.contains("DoorLoopTest - Loop test"));
        robot.interact(() -> logs.level.setValue(LogEntry.Level.WARN));
        robot.clickOn("#log-apply");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(logs.lines.getItems()).isEmpty();

        // 5. the audit trail, newest first: the loop test's steps as the administrator reads them
        robot.clickOn(text.getString("service.log.audit.tab"));
        AuditPane audit = robot.lookup((Node n) -> n instanceof AuditPane).query();
        robot.interact(audit::refresh);
        assertThat(audit.entries.getItems().getFirst()).contains("eng (administrator)  diagnostics.loop-test.passed  interlocks");
        robot.interact(() -> {
            audit.action.setText("loop-test.step");
            audit.refresh();
        });
        assertThat(audit.entries.getItems()).hasSize(5).allMatch(e -> e.contains("result=passed"));
        assertThat(audit.entries.getItems().getLast()).contains("diagnostics.loop-test.step  prepare");
        shot(robot, "10-audit-trail.png");
        System.out.printf("diagnostics part: %.1f s%n", (System.nanoTime() - t0) / 1e9);

        // 6. the window in Chinese (a locale switch, as a restart in zh_CN would do): the Diagnostics tab walked on the
        //    wired unit, the after-drive requalification to "ready for patients" and a frequency wizard, all in Chinese
        long t1 = System.nanoTime();
        ResourceBundle zh = ResourceBundle.getBundle("org.lodestone.console.ui.messages", Locale.SIMPLIFIED_CHINESE);
        text = zh;
        robot.interact(() -> {
            pane = new ServiceBenchPane(zh, bench, diagnostics);
            stage.getScene().setRoot(pane);
        });
        robot.clickOn(zh.getString("service.diag.tab"));
        DiagnosticsPane diagZh = robot.lookup((Node n) -> n instanceof DiagnosticsPane).query();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> diagZh.link.getItems().size() == 7 && !diagZh.sensors.getText().isBlank()
                && diagZh.gpio.getItems().size() > 1);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(englishShown(robot)).isEmpty();
        shotZh(robot, "diagnostics.png");

        robot.clickOn(zh.getString("service.tab.requalify"));
        robot.clickOn("#service-requal-run");
        WaitForAsyncUtils.waitFor(240, TimeUnit.SECONDS, () -> !pane.requalVerdict.getText().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(pane.requalVerdict.getText()).as(String.join("\n", pane.checklist.getItems()))
                .matches("可以扫描患者（重新验证用时 \\d+ 秒设备时间）。");
        assertThat(pane.checklist.getItems()).hasSize(6).allMatch(s -> s.contains(zh.getString("service.check.PASSED")));
        assertThat(englishShown(robot)).isEmpty();
        shotZh(robot, "requalified-ready.png");
        robot.clickOn(zh.getString("service.tab.transport"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(pane.scansState.getText()).isEqualTo(zh.getString("service.scans.allowed"));
        System.out.printf("requalification part: %.1f s%n", (System.nanoTime() - t1) / 1e9);

        long t2 = System.nanoTime();
        robot.clickOn(zh.getString("service.tab.calibrate"));
        robot.interact(() -> pane.routine.setValue("frequency"));
        robot.clickOn("#service-run");
        WaitForAsyncUtils.waitFor(180, TimeUnit.SECONDS, () -> !pane.run.isDisabled() && !pane.values.getItems().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(pane.values.getItems().getFirst()).isEqualTo("频率：通过");
        assertThat(pane.values.getItems()).anyMatch(s -> s.matches("  频率：\\d{6,}\\.\\d ± \\d+(\\.\\d+)? Hz"));
        assertThat(pane.status.getText()).isEqualTo(zh.getString("service.passed"));
        assertThat(pane.verdict.getText()).isEqualTo(zh.getString("service.verdict.ask"));
        assertThat(englishShown(robot)).isEmpty();
        shotZh(robot, "frequency-result.png");
        robot.clickOn("#service-accept");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(pane.verdict.getText()).isEqualTo(MessageFormat.format(zh.getString("service.accepted"), bench.store().current().version()));
        assertThat(englishShown(robot)).isEmpty();
        System.out.printf("frequency wizard in Chinese: %.1f s%n", (System.nanoTime() - t2) / 1e9);
    }

    /** The visible texts of the window with English words in them. */
    private List<String> englishShown(FxRobot robot) {
        List<String> found = new java.util.ArrayList<>();
        robot.interact(() -> found.addAll(EnglishWords.shownUnder(pane, Set.of("eng"))));
        return found;
    }

    /** Waits for the step's instruction on screen, then does it (as the engineer at the door would). */
    private void doWhenAsked(DiagnosticsPane diag, String step, Runnable action) throws Exception {
        String asked = text.getString("service.diag.loop.step." + step);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> diag.loopInstruction.getText().equals(asked));
        action.run();
    }

    private void shot(FxRobot robot, String name) throws Exception {
        Screenshots.under("service-bench").take(robot, pane, name);
    }

    private void shotZh(FxRobot robot, String name) throws Exception {
        Screenshots.under("service-bench/zh").take(robot, pane, name);
    }
}
