package org.lodestone.console.ui.service;

import org.lodestone.console.ui.ShownAs;
import javafx.application.Platform;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.lodestone.calibration.store.CalibrationProfile;
import org.lodestone.calibration.suite.CalibrationSuite;
import org.lodestone.calibration.suite.ReportValues;
import org.lodestone.calibration.suite.RoutineOutcome;
import org.lodestone.calibration.trend.Trend;
import org.lodestone.console.service.ServiceBench;
import org.lodestone.console.service.health.HealthMonitor;
import org.lodestone.console.service.mobile.MobileState;
import org.lodestone.console.service.mobile.Requalification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The service role's bench: calibration wizards (what to put in the bore, run, result with its plot and
 * verdict, Accept or Reject), the version history with trends and restore, transport mode, and the
 * sequence viewer. A thin layer over {@link ServiceBench}: every decision is made there or in
 * calibration; this pane only shows and asks.
 */
public final class ServiceBenchPane extends BorderPane {
    private static final Logger log = LoggerFactory.getLogger(ServiceBenchPane.class);
    private final ResourceBundle text;
    private final ServiceBench bench;

    final ChoiceBox<String> routine = new ChoiceBox<>();
    final Label bore = new Label(), status = new Label(), verdict = new Label();
    final Button run = new Button(), accept = new Button(), reject = new Button();
    final ProgressIndicator progress = new ProgressIndicator();
    final ListView<String> values = new ListView<>();
    final ImageView plot = new ImageView();
    /** Every plot the run wrote (a whole chain writes one or more per routine); the last routine's is shown first. */
    final ChoiceBox<String> plotChoice = new ChoiceBox<>();
    private Path plotDir;
    final ListView<String> history = new ListView<>();
    final Button restore = new Button();
    final ChoiceBox<String> trendKey = new ChoiceBox<>();
    final LineChart<Number, Number> trend = new LineChart<>(new NumberAxis(), new NumberAxis());
    final Label transportState = new Label(), scansState = new Label();
    final Button transportOn = new Button(), transportOff = new Button();
    final Label trendLimit = new Label();
    final HealthPane health;
    final SequenceViewPane sequence;
    private CalibrationSuite lastRun;

    /** Without a unit to read: the Health tab shows the store's and the disk's health, sensors as not measured. */
    public ServiceBenchPane(ResourceBundle text, ServiceBench bench) {
        this(text, bench, HealthMonitor.NO_SENSORS, null, null);
    }

    /** With {@code diagnostics} (may be null): Diagnostics and Log tabs, and Audit trail for the administrator. */
    public ServiceBenchPane(ResourceBundle text, ServiceBench bench, org.lodestone.console.service.diagnostics.Diagnostics diagnostics) {
        this(text, bench, HealthMonitor.NO_SENSORS, null, diagnostics);
    }

    /**
     * @param sensors     the connected unit's sensors, for the Health tab
     * @param link        the session's link counters (null, or a null answer: not connected)
     * @param diagnostics may be null: then no Diagnostics, Log and Audit trail tabs
     */
    public ServiceBenchPane(ResourceBundle text, ServiceBench bench, HealthMonitor.SensorSource sensors, Supplier<String> link,
                            org.lodestone.console.service.diagnostics.Diagnostics diagnostics) {
        this.text = text;
        this.bench = bench;
        this.sequence = new SequenceViewPane(text);
        // a new alert goes to the audit trail (the monitor writes the log)
        Supplier<String> linkText = () -> {
            String l = link != null ? link.get() : null;
            return l != null ? l : t("service.health.link.none");
        };
        health = new HealthPane(text, new HealthMonitor(bench.store(), sensors, linkText,
                bench.workDir(), a -> bench.audit().record("health.alert", a.subject(),
                        Map.of("rule", a.rule().name(), "value", String.valueOf(a.value()), "threshold", String.valueOf(a.threshold()),
                                "message", a.message()))));
        Tab healthTab = tab("service.health.tab", health);
        healthTab.selectedProperty().addListener((o, was, is) -> {
            if (is) health.refresh();
        });
        TabPane tabs = new TabPane(tab("service.tab.calibrate", wizard()), tab("service.tab.history", history()),
                tab("service.tab.transport", transport()), tab("service.tab.requalify", requalification()),
                tab("service.tab.sequence", sequence), healthTab);
        if (diagnostics != null) {
            tabs.getTabs().addAll(tab("service.diag.tab", new DiagnosticsPane(text, diagnostics)),
                    tab("service.log.tab", new LogPane(text, diagnostics.log(), diagnostics.exportDir())));
            if (diagnostics.audit().allowed()) tabs.getTabs().add(tab("service.log.audit.tab", new AuditPane(text, diagnostics.audit())));
        }
        setCenter(tabs);
        refreshHistory();
        refreshTransport();
    }

    private String t(String key, Object... args) {
        String s = text.containsKey(key) ? text.getString(key) : key;
        return args.length == 0 ? s : MessageFormat.format(s, args);
    }

    private Tab tab(String key, javafx.scene.Node content) {
        Tab tab = new Tab(t(key), content);
        tab.setClosable(false);
        tab.setId(key);
        return tab;
    }

    // --- calibration wizard -------------------------------------------------------------------------

    private VBox wizard() {
        routine.getItems().addAll(CalibrationSuite.ROUTINES);
        routine.getItems().add("all");
        routine.setId("service-routine");
        routine.setConverter(ShownAs.words(r -> ValueNames.routine(text, r)));
        routine.getSelectionModel().selectedItemProperty().addListener((o, a, r) -> bore.setText(t("service.bore." + r)));
        routine.getSelectionModel().select("frequency");
        run.setText(t("service.run"));
        run.setId("service-run");
        accept.setText(t("service.accept"));
        accept.setId("service-accept");
        reject.setText(t("service.reject"));
        reject.setId("service-reject");
        accept.setDisable(true);
        reject.setDisable(true);
        progress.setVisible(false);
        status.setId("service-status");
        verdict.setId("service-verdict");
        values.setId("service-values");
        values.setPrefHeight(220);
        plot.setId("service-plot");
        plot.setPreserveRatio(true);
        plot.setFitWidth(560);
        run.setOnAction(e -> startRun());
        accept.setOnAction(e -> conclude(CalibrationProfile.Status.ACCEPTED));
        reject.setOnAction(e -> conclude(CalibrationProfile.Status.REJECTED));
        VBox left = new VBox(8, new Label(t("service.routine")), routine, bore, new HBox(8, run, progress), status, verdict, values,
                new HBox(8, accept, reject));
        left.setPrefWidth(380);
        bore.setWrapText(true);
        verdict.setWrapText(true);
        plotChoice.setId("service-plot-choice");
        plotChoice.setConverter(ShownAs.words(f -> ValueNames.plot(text, f)));
        plotChoice.getSelectionModel().selectedItemProperty().addListener((o, was, name) -> {
            if (name != null && plotDir != null) plot.setImage(new Image(plotDir.resolve(name).toUri().toString()));
        });
        VBox box = new VBox(new HBox(12, left, new VBox(6, plotChoice, plot)));
        box.setPadding(new Insets(10));
        return box;
    }

    private void startRun() {
        String r = routine.getValue();
        List<String> routines = r.equals("all") ? CalibrationSuite.ALL : List.of(r);
        run.setDisable(true);
        accept.setDisable(true);
        reject.setDisable(true);
        progress.setVisible(true);
        status.setText(t("service.running", r));
        verdict.setText("");
        values.getItems().clear();
        plotChoice.getItems().clear();
        plot.setImage(null);
        Path out = bench.workDir().resolve("calibration-" + System.currentTimeMillis());
        Thread.ofPlatform().daemon().name("service-calibration").start(() -> {
            try {
                CalibrationSuite suite = bench.calibrations().open(out);
                suite.run(routines);
                // a failed run is stored at once, marked failed: it never waits for a verdict
                if (!suite.passed()) suite.conclude(CalibrationProfile.Status.FAILED, "");
                suite.writeReport(Map.of());
                Platform.runLater(() -> showResult(suite, out));
            } catch (Exception e) {
                log.error("Calibration {} could not run", routines, e);
                Platform.runLater(() -> {
                    status.setText(t("service.run.error", e.getMessage()));
                    run.setDisable(false);
                    progress.setVisible(false);
                });
            }
        });
    }

    private void showResult(CalibrationSuite suite, Path out) {
        lastRun = suite;
        progress.setVisible(false);
        run.setDisable(false);
        String shown = null;
        for (RoutineOutcome o : suite.outcomes()) {
            values.getItems().add(OutcomeText.line(text, o));
            new TreeMap<>(o.values()).forEach((k, v) -> {
                if (!k.equals("history")) values.getItems().add(OutcomeText.value(text, ValueNames.value(text, k), ValueNames.valueText(text, k, v)));
            });
            if (o.plot() != null && o.plot().endsWith(".png") && Files.exists(out.resolve(o.plot()))) shown = o.plot();
        }
        plotDir = out;
        try (var files = Files.list(out)) {
            plotChoice.getItems().setAll(files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".png")).sorted().toList());
        } catch (java.io.IOException e) {
            log.warn("Plots of {} not listed", out, e);
        }
        if (shown != null) plotChoice.getSelectionModel().select(shown);
        boolean passed = suite.passed();
        status.setText(passed ? t("service.passed") : t("service.failed"));
        verdict.setText(passed ? t("service.verdict.ask") : t("service.verdict.failed", suite.concluded().map(CalibrationProfile::version).orElse(0)));
        accept.setDisable(!passed);
        reject.setDisable(!passed);
        refreshHistory();
    }

    private void conclude(CalibrationProfile.Status s) {
        if (lastRun == null) return;
        try {
            CalibrationProfile p = lastRun.conclude(s, "");
            bench.audit().record(s == CalibrationProfile.Status.ACCEPTED ? "calibration.accept" : "calibration.reject",
                    "calibration v" + p.version(), Map.of("version", String.valueOf(p.version()), "operator", p.operator()));
            verdict.setText(s == CalibrationProfile.Status.ACCEPTED ? t("service.accepted", p.version()) : t("service.rejected", p.version()));
        } catch (Exception e) {
            log.error("Calibration run not stored", e);
            verdict.setText(t("service.store.error", e.getMessage()));
        }
        accept.setDisable(true);
        reject.setDisable(true);
        lastRun = null;
        refreshHistory();
    }

    // --- history, trends, restore -------------------------------------------------------------------

    private VBox history() {
        history.setId("service-history");
        history.setPrefHeight(260);
        restore.setText(t("service.restore"));
        restore.setId("service-restore");
        restore.setOnAction(e -> restoreSelected());
        trendKey.setId("service-trend-key");
        trendKey.setConverter(ShownAs.words(k -> ValueNames.value(text, k)));
        trendKey.getSelectionModel().selectedItemProperty().addListener((o, a, k) -> refreshTrend());
        trend.setId("service-trend");
        trend.setAnimated(false);
        trend.setPrefHeight(300);
        trendLimit.setId("service-trend-limit");
        trendLimit.setWrapText(true);
        VBox box = new VBox(8, new Label(t("service.history")), history, restore, new HBox(8, new Label(t("service.trend")), trendKey), trendLimit, trend);
        box.setPadding(new Insets(10));
        return box;
    }

    void refreshHistory() {
        try {
            List<CalibrationProfile> all = bench.store().history();
            List<String> rows = new ArrayList<>();
            java.util.Set<String> keys = new java.util.TreeSet<>();
            for (CalibrationProfile p : all.reversed()) {
                rows.add(t("service.history.row", String.valueOf(p.version()), t("service.status." + p.status()), p.time().truncatedTo(java.time.temporal.ChronoUnit.SECONDS),
                        p.operator(), p.note()));
                keys.addAll(p.entries().keySet());
            }
            history.setItems(FXCollections.observableArrayList(rows));
            String keep = trendKey.getValue();
            trendKey.getItems().setAll(keys);
            if (keep != null && keys.contains(keep)) trendKey.setValue(keep);
            else if (!keys.isEmpty()) trendKey.setValue(keys.contains(CalibrationProfile.FREQUENCY) ? CalibrationProfile.FREQUENCY : keys.iterator().next());
            refreshTrend();
            showPlan();
        } catch (java.io.IOException e) {
            log.error("Calibration history unreadable", e);
            history.setItems(FXCollections.observableArrayList(t("service.store.error", e.getMessage())));
        }
    }

    /**
     * The chosen value over the accepted versions (one point per measurement), with its limit drawn as
     * flat lines across them and stated above the chart.
     */
    private void refreshTrend() {
        String key = trendKey.getValue();
        trend.getData().clear();
        trendLimit.setText("");
        if (key == null) return;
        Trend tr;
        try {
            tr = Trend.of(bench.store().history(), key);
        } catch (java.io.IOException e) {
            log.error("Calibration history unreadable", e);
            return;
        }
        String unit = ReportValues.unit(key);
        XYChart.Series<Number, Number> s = new XYChart.Series<>();
        s.setName(ValueNames.value(text, key) + (unit.isEmpty() ? "" : " (" + unit + ")"));
        for (Trend.Point p : tr.points()) s.getData().add(new XYChart.Data<>(p.version(), p.value()));
        ((NumberAxis) trend.getYAxis()).setForceZeroInRange(false);
        VersionAxis.fit((NumberAxis) trend.getXAxis(), tr.points().stream().mapToInt(Trend.Point::version).toArray());
        trend.getXAxis().setLabel(t("service.trend.version"));
        trend.getData().add(s);
        if (!tr.limit().stated()) {
            trendLimit.setText(t("service.trend.limit.none"));
            return;
        }
        if (!tr.points().isEmpty()) {
            int v0 = tr.points().getFirst().version(), v1 = Math.max(v0 + 1, tr.points().getLast().version());
            addLimitLine(tr.lowLine(), v0, v1, t("service.trend.limit.low"));
            addLimitLine(tr.highLine(), v0, v1, t("service.trend.limit.high"));
        }
        int out = tr.outside().size();
        trendLimit.setText(t("service.trend.limit.summary", t("service.trend.limit", TrendLimitText.of(text, tr.limit())),
                out == 0 ? t("service.trend.inside", tr.points().size()) : t("service.trend.outside", out, tr.points().size())));
        trendLimit.setStyle(out == 0 ? "" : "-fx-text-fill: #c02020");
    }

    private void addLimitLine(double y, int fromVersion, int toVersion, String name) {
        if (Double.isNaN(y)) return;
        XYChart.Series<Number, Number> line = new XYChart.Series<>();
        line.setName(name + " " + ReportValues.number(y));
        line.getData().add(new XYChart.Data<>(fromVersion, y));
        line.getData().add(new XYChart.Data<>(toVersion, y));
        trend.getData().add(line);
        // a limit is a dashed red line without point symbols, not another measurement
        line.getNode().setStyle("-fx-stroke: #c02020; -fx-stroke-dash-array: 8 6; -fx-stroke-width: 1.5");
        for (XYChart.Data<Number, Number> d : line.getData()) if (d.getNode() != null) d.getNode().setVisible(false);
    }

    private void restoreSelected() {
        String row = history.getSelectionModel().getSelectedItem();
        if (row == null || !row.startsWith("v")) return;
        int v = Integer.parseInt(row.substring(1, row.indexOf(' ')));
        try {
            CalibrationProfile p = bench.store().restore(v, "service");
            bench.audit().record("calibration.restore", "calibration v" + p.version(),
                    Map.of("restored_version", String.valueOf(v), "version", String.valueOf(p.version())));
            verdict.setText(t("service.restored", v, p.version()));
        } catch (java.io.IOException e) {
            verdict.setText(t("service.store.error", e.getMessage()));
        }
        refreshHistory();
    }

    // --- transport mode -----------------------------------------------------------------------------

    private VBox transport() {
        transportOn.setText(t("service.transport.on"));
        transportOn.setId("service-transport-on");
        transportOff.setText(t("service.transport.off"));
        transportOff.setId("service-transport-off");
        transportState.setId("service-transport-state");
        scansState.setId("service-scans-state");
        scansState.setWrapText(true);
        transportOn.setOnAction(e -> transportAction(true));
        transportOff.setOnAction(e -> transportAction(false));
        VBox box = new VBox(10, new HBox(8, transportOn, transportOff), transportState, scansState);
        box.setPadding(new Insets(10));
        return box;
    }

    private void transportAction(boolean on) {
        try {
            if (on) bench.mobile().enter("service", java.util.Optional.empty());
            else bench.mobile().leave("service");
            bench.audit().record(on ? "mobile.transport-on" : "mobile.transport-off", "unit", Map.of());
        } catch (Exception e) {
            log.error("Transport mode not changed", e);
            scansState.setText(t("service.store.error", e.getMessage()));
            return;
        }
        refreshTransport();
    }

    void refreshTransport() {
        try {
            MobileState s = bench.mobile().state();
            transportState.setText(s.transport() ? t("service.transport.active") : t("service.transport.inactive",
                    t("service.requal." + s.requalification())));
            scansState.setText(s.patientScansAllowed() ? t("service.scans.allowed") : OutcomeText.scansHeld(text, s));
            transportOn.setDisable(s.transport());
            transportOff.setDisable(!s.transport());
        } catch (java.io.IOException e) {
            transportState.setText(t("service.store.error", e.getMessage()));
        }
    }

    // --- after-drive requalification ---------------------------------------------------------------

    final ListView<String> checklist = new ListView<>();
    final Label requalVerdict = new Label();
    final Button requalRun = new Button();

    private VBox requalification() {
        checklist.setId("service-checklist");
        requalVerdict.setId("service-requal-verdict");
        requalVerdict.setWrapText(true);
        requalRun.setText(t("service.requal.run"));
        requalRun.setId("service-requal-run");
        requalRun.setOnAction(e -> startRequalification());
        showPlan();
        VBox box = new VBox(8, new Label(t("service.bore.all")), requalRun, checklist, requalVerdict);
        box.setPadding(new Insets(10));
        return box;
    }

    private void showPlan() {
        try {
            checklist.getItems().setAll(Requalification.plan(bench.store()).stream().map(this::stepLine).toList());
        } catch (java.io.IOException e) {
            requalVerdict.setText(t("service.store.error", e.getMessage()));
        }
    }

    String stepLine(Requalification.Step s) {
        return t("service.requal.step", OutcomeText.title(text, s), t("service.check." + s.check()), ReportValues.text(s.key(), s.value()),
                ReportValues.text(s.key(), s.lastAccepted()), ReportValues.text(s.key(), s.first()), ReportValues.number(s.unitSeconds()))
                + OutcomeText.aside(text, OutcomeText.reason(text, s.why(), s.reason()));
    }

    private void startRequalification() {
        requalRun.setDisable(true);
        requalVerdict.setText("");
        Path out = bench.workDir().resolve("requalification-" + System.currentTimeMillis());
        List<String> lines = new ArrayList<>(checklist.getItems());
        Thread.ofPlatform().daemon().name("service-requalification").start(() -> {
            try {
                Requalification.Verdict v = Requalification.run(bench.calibrations().open(out), bench.store(), bench.mobile(), "service",
                        s -> Platform.runLater(() -> {
                            lines.set(CalibrationSuite.ALL.indexOf(s.routine()), stepLine(s));
                            checklist.getItems().setAll(lines);
                        }));
                bench.audit().record(v.ready() ? "mobile.requalified" : "mobile.requalification-failed", "calibration v" + v.storedVersion(),
                        Map.of("verdict", v.message()));
                Platform.runLater(() -> {
                    requalVerdict.setText(OutcomeText.verdict(text, v));
                    requalRun.setDisable(false);
                    refreshHistory();
                    checklist.getItems().setAll(lines); // the run's results, not the plan refreshHistory drew again
                    refreshTransport();
                });
            } catch (Exception e) {
                log.error("Requalification could not run", e);
                Platform.runLater(() -> {
                    requalVerdict.setText(t("service.run.error", e.getMessage()));
                    requalRun.setDisable(false);
                });
            }
        });
    }
}
