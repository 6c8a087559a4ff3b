package org.lodestone.console.ui.service;

import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.lodestone.console.service.diagnostics.Diagnostics;
import org.lodestone.console.service.diagnostics.DoorLoopTest;
import org.lodestone.console.service.diagnostics.GpioMonitor;
import org.lodestone.console.service.diagnostics.GpioSnapshot;
import org.lodestone.hw.gpio.GpioInput;
import org.lodestone.hw.gpio.GpioOutput;
import org.lodestone.hw.gpio.InterlockGuard;
import org.lodestone.hw.gpio.UnitGpio;
import org.lodestone.hw.session.LinkStatistics;
import org.lodestone.hw.session.ScannerSession;
import org.lodestone.hw.wire.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The service engineer's diagnostics: link statistics and sensors (read every second while shown), the interlock
 * inputs and the outputs with the amplifier enables (live: redrawn on each GPIO change), and the guided door /
 * emergency-stop loop test. Only shows and asks; the logic is in {@code console.service.diagnostics}.
 */
public final class DiagnosticsPane extends VBox {
    private static final Logger log = LoggerFactory.getLogger(DiagnosticsPane.class);
    private final ResourceBundle text;
    private final Diagnostics diagnostics;

    final ListView<String> link = new ListView<>();
    final ListView<String> gpio = new ListView<>();
    final Label sensors = new Label();
    final Button loopStart = new Button();
    final Label loopInstruction = new Label();
    final ListView<String> loopSteps = new ListView<>();
    private final Timeline refresh = new Timeline(new KeyFrame(Duration.seconds(1), e -> refresh()));
    private final AtomicBoolean reading = new AtomicBoolean();
    private final Consumer<GpioSnapshot> onGpio = s -> Platform.runLater(() -> showGpio(s));
    private GpioMonitor monitor; // FX thread
    private volatile boolean loopRunning;

    public DiagnosticsPane(ResourceBundle text, Diagnostics diagnostics) {
        super(8);
        this.text = text;
        this.diagnostics = diagnostics;
        setPadding(new Insets(10));
        link.setId("diag-link");
        link.setPrefHeight(170);
        gpio.setId("diag-gpio");
        gpio.setPrefHeight(270);
        sensors.setId("diag-sensors");
        sensors.setText(t("service.diag.sensors.none"));
        loopStart.setId("diag-loop-start");
        loopStart.setText(t("service.diag.loop.start"));
        loopStart.setOnAction(e -> startLoop());
        loopInstruction.setId("diag-loop-instruction");
        loopInstruction.setWrapText(true);
        loopInstruction.setStyle("-fx-font-size: 18px; -fx-font-weight: bold;");
        loopInstruction.setText(t("service.diag.loop.idle", diagnostics.loopStepTimeout().toSeconds()));
        loopSteps.setId("diag-loop-steps");
        loopSteps.setPrefHeight(170);
        VBox left = new VBox(6, heading("service.diag.link"), link, heading("service.diag.sensors"), sensors);
        left.setPrefWidth(620);
        VBox right = new VBox(6, heading("service.diag.gpio"), gpio);
        right.setPrefWidth(440);
        getChildren().addAll(new HBox(16, left, right), heading("service.diag.loop"), new HBox(8, loopStart, loopInstruction), loopSteps);
        refresh.setCycleCount(Timeline.INDEFINITE);
        // read the unit only while the pane is on screen
        visibleProperty().addListener((o, was, now) -> refresh());
        sceneProperty().addListener((o, was, scene) -> {
            if (scene != null) {
                refresh();
                refresh.play();
            } else {
                refresh.stop();
                dropMonitor();
            }
        });
    }

    private Label heading(String key) {
        Label l = new Label(t(key));
        l.setStyle("-fx-font-weight: bold;");
        return l;
    }

    private String t(String key, Object... args) {
        String s = text.containsKey(key) ? text.getString(key) : key;
        return args.length == 0 ? s : MessageFormat.format(s, args);
    }

    /** Link statistics and sensors off the FX thread (a sensor read is a command on the link); GPIO monitor follows the guard. */
    void refresh() {
        if (getScene() == null) return;
        for (javafx.scene.Node n = this; n != null; n = n.getParent()) if (!n.isVisible()) return; // another tab is shown: read nothing
        followGuard();
        if (!reading.compareAndSet(false, true)) return;
        Optional<ScannerSession> session = diagnostics.session().get();
        Thread.ofVirtual().name("diagnostics-read").start(() -> {
            try {
                LinkStatistics stats = session.map(ScannerSession::statistics).orElse(null);
                Message.Sensors s = null;
                // no sensor command while a program plays (a scan or calibration reads them itself)
                if (session.isPresent() && !session.get().isLost() && session.get().activeRun().isEmpty()) {
                    try {
                        s = session.get().readSensors();
                    } catch (Exception e) {
                        log.debug("sensor read failed", e);
                    }
                }
                Message.Sensors read = s;
                Platform.runLater(() -> {
                    showLink(stats);
                    if (read != null) sensors.setText(t("service.diag.sensors.values", fixed(read.magnetTemperatureC(), 2),
                            fixed(read.ambientTemperatureC(), 1), fixed(read.forwardRfPowerW(), 1)));
                });
            } finally {
                reading.set(false);
            }
        });
    }

    private void showLink(LinkStatistics s) {
        if (s == null) {
            link.getItems().setAll(t("service.diag.link.none"));
            return;
        }
        link.getItems().setAll(t("service.diag.link.frames", s.framesDecoded()), t("service.diag.link.crc", s.crcErrors()),
                t("service.diag.link.header", s.headerErrors(), s.bytesSkipped()), t("service.diag.link.retransmits", s.commandRetransmits()),
                t("service.diag.link.resends", s.lineResends()), t("service.diag.link.duplicates", s.duplicateLines()),
                t("service.diag.link.latency", fixed(s.lastRoundTripMs(), 1), fixed(s.meanRoundTripMs(), 1), fixed(s.maxRoundTripMs(), 1),
                        s.heartbeats()));
    }

    private static String fixed(double v, int decimals) {
        return Double.isNaN(v) ? "\u2014" : String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    /** A monitor on the connected unit's GPIO; rebuilt if the unit was connected again. FX thread. */
    private void followGuard() {
        UnitGpio now = diagnostics.interlocks().get().map(InterlockGuard::gpio).orElse(null);
        if (monitor != null && now != null && monitorOf(now)) return;
        dropMonitor();
        if (now == null) {
            gpio.getItems().setAll(t("service.diag.gpio.none"));
            return;
        }
        monitor = new GpioMonitor(now);
        monitorGpio = now;
        monitor.listen(onGpio);
        showGpio(monitor.snapshot());
    }

    private UnitGpio monitorGpio;

    private boolean monitorOf(UnitGpio g) {
        return monitorGpio == g;
    }

    private void dropMonitor() {
        if (monitor != null && !loopRunning) {
            monitor.close();
            monitor = null;
            monitorGpio = null;
        }
    }

    void showGpio(GpioSnapshot s) {
        List<String> rows = new ArrayList<>();
        for (GpioInput in : GpioInput.values()) {
            rows.add(inputText(s, in, in == GpioInput.DOOR_CLOSED ? "door" : in == GpioInput.EMERGENCY_STOP ? "stop" : "fault"));
        }
        for (GpioOutput out : GpioOutput.values()) {
            rows.add(t("service.diag.gpio.out." + out.name(), t(s.outputs().get(out) ? "service.diag.gpio.on" : "service.diag.gpio.off")));
        }
        gpio.getItems().setAll(rows);
    }

    // --- loop test ---------------------------------------------------------------------------------

    private void startLoop() {
        followGuard();
        Optional<InterlockGuard> guard = diagnostics.interlocks().get();
        if (guard.isEmpty() || monitor == null) {
            loopInstruction.setText(t("service.diag.loop.no-gpio"));
            return;
        }
        loopRunning = true;
        loopStart.setDisable(true);
        loopSteps.getItems().clear();
        DoorLoopTest test = new DoorLoopTest(guard.get(), monitor, diagnostics.recorder(), diagnostics.loopStepTimeout(),
                diagnostics.armingLock());
        Thread.ofPlatform().daemon().name("diagnostics-loop-test").start(() -> {
            List<DoorLoopTest.StepResult> results = List.of();
            try {
                results = test.run(new DoorLoopTest.Listener() {
                    @Override
                    public void started(DoorLoopTest.Step step) {
                        Platform.runLater(() -> loopInstruction.setText(t("service.diag.loop.step." + step.name())));
                    }

                    @Override
                    public void finished(DoorLoopTest.StepResult r) {
                        Platform.runLater(() -> loopSteps.getItems().add(stepLine(r)));
                    }
                });
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                log.error("Loop test could not run", e);
            } finally {
                boolean passed = results.size() == DoorLoopTest.Step.values().length && results.stream().allMatch(DoorLoopTest.StepResult::passed);
                Platform.runLater(() -> {
                    loopRunning = false;
                    loopStart.setDisable(false);
                    loopInstruction.setText(t(passed ? "service.diag.loop.all-passed" : "service.diag.loop.stopped"));
                });
            }
        });
    }

    private String inputText(GpioSnapshot s, GpioInput in, String kind) {
        return LoopStepText.input(text, s, in, kind);
    }

    private String stepLine(DoorLoopTest.StepResult r) {
        String step = t("service.diag.loop.step." + r.step().name()).replaceAll("[.\u3002]$", ""); // the instruction, without its full stop
        return r.passed() ? t("service.diag.loop.passed", step, fixed(r.took().toMillis() / 1000.0, 1), LoopStepText.seen(text, r))
                : t("service.diag.loop.failed", step, t("service.diag.loop.fail." + r.failure()));
    }
}
