package org.lodestone.console.ui;

import org.lodestone.console.unit.Units;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.Region;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.util.StringConverter;
import org.lodestone.scan.ScanException;
import org.lodestone.calibration.store.CalibrationStore;
import org.lodestone.scan.ScanProgress;
import org.lodestone.scan.ScanRequest;
import org.lodestone.scan.ScanResult;
import org.lodestone.scan.ScanService;
import org.lodestone.scan.ScanStatus;
import org.lodestone.scan.unit.UnitConnection;
import org.lodestone.recon.image.ImageVolume;
import org.lodestone.recon.image.PngPreview;
import org.lodestone.seq.limits.UnitProfile;
import org.lodestone.seq.protocol.BuiltProtocol;
import org.lodestone.seq.protocol.ParameterException;
import org.lodestone.seq.protocol.ParameterSpec;
import org.lodestone.seq.protocol.Protocol;
import org.lodestone.seq.protocol.ProtocolLibrary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The operator window: pick a protocol, edit its parameters (checked as they are typed), start
 * and abort a scan, watch its progress and see the image. A thin skin over {@link ScanService};
 * every method here runs on the FX thread unless it says otherwise.
 */
public final class ConsoleWindow {
    private static final Logger log = LoggerFactory.getLogger(ConsoleWindow.class);
    private static final String RED = "-fx-text-fill: #c62828;";
    private static final String ORANGE = "-fx-text-fill: #e65100;";
    private static final String GREEN = "-fx-text-fill: #2e7d32;";
    private static final String FIELD_ERROR = "-fx-border-color: #c62828; -fx-border-width: 1.5;";
    private static final double IMAGE_SIZE = 512;

    /** Opens the unit; called on a background thread. */
    @FunctionalInterface
    public interface Connector {
        UnitConnection open() throws Exception;
    }

    /**
     * Who operates, where exams go, how the unit is reached, the calibration profile the
     * prescan applies (null: none, each scan measures its frequency), and who else hears each
     * scan's events (telemetry; ScanListener.NONE: nobody).
     */
    public record Config(String operator, Path dataRoot, Connector connector, CalibrationStore calibration,
                         org.lodestone.scan.ScanListener alsoHears) {
        public Config(String operator, Path dataRoot, Connector connector) {
            this(operator, dataRoot, connector, null);
        }

        public Config(String operator, Path dataRoot, Connector connector, CalibrationStore calibration) {
            this(operator, dataRoot, connector, calibration, org.lodestone.scan.ScanListener.NONE);
        }
    }

    private final Config config;
    private final CountDownLatch closed = new CountDownLatch(1);

    private final ComboBox<Protocol> protocolBox = new ComboBox<>();
    private final GridPane form = new GridPane();
    private final Map<String, TextField> fields = new LinkedHashMap<>();
    private final Label validation = new Label();
    private final Button start = new Button("Start");
    private final Button abort = new Button("Abort");
    private final ProgressBar progress = new ProgressBar(0);
    private final Label progressText = new Label("");
    private final Label stage = new Label("Idle");
    private final ImageView image = new ImageView();
    private final Label message = new Label("");
    private final Label status = new Label("");

    private final AtomicReference<UnitConnection> opened = new AtomicReference<>();
    private Thread connectThread;
    private Stage window;
    private volatile ScanService service;
    private volatile Thread scanThread;
    private boolean planValid;
    private boolean closing;

    public ConsoleWindow(Config config) {
        this.config = config;
    }

    /** Builds the scene into the stage, shows it and starts connecting in the background. */
    public void show(Stage stage) {
        this.window = stage;
        stage.setTitle("Lodestone console — " + config.operator());
        stage.setScene(new Scene(buildRoot(), 1120, 720));
        stage.setOnCloseRequest(e -> close());
        stage.show();
        connect();
    }

    /** Counted down once the window is closed and the unit released. Any thread. */
    public CountDownLatch closedLatch() {
        return closed;
    }

    public Scene scene() {
        return window.getScene();
    }

    public Stage stage() {
        return window;
    }

    // ---------------------------------------------------------------- layout

    private BorderPane buildRoot() {
        protocolBox.setId("protocol");
        protocolBox.getItems().setAll(ProtocolLibrary.all());
        StringConverter<Protocol> titles = new StringConverter<>() {
            @Override
            public String toString(Protocol p) {
                return p == null ? "" : p.title();
            }

            @Override
            public Protocol fromString(String s) {
                return ProtocolLibrary.all().stream().filter(p -> p.title().equals(s)).findFirst().orElse(null);
            }
        };
        protocolBox.setConverter(titles);
        protocolBox.setButtonCell(new ListCell<>() {
            @Override
            protected void updateItem(Protocol p, boolean empty) {
                super.updateItem(p, empty);
                setText(empty || p == null ? "" : p.title());
            }
        });
        protocolBox.setMaxWidth(Double.MAX_VALUE);
        protocolBox.valueProperty().addListener((obs, was, now) -> rebuildForm(now));

        form.setId("form");
        form.setHgap(8);
        form.setVgap(6);
        for (int i = 0; i < 4; i++) {
            ColumnConstraints c = new ColumnConstraints();
            if (i != 1) c.setMinWidth(Region.USE_PREF_SIZE); // labels, units and ranges are never cut short
            form.getColumnConstraints().add(c);
        }

        validation.setId("validation");
        validation.setWrapText(true);
        validation.setMaxWidth(380);

        start.setId("start");
        start.setDefaultButton(true);
        start.setDisable(true);
        start.setOnAction(e -> startScan());
        abort.setId("abort");
        abort.setDisable(true);
        abort.setOnAction(e -> abortScan());
        HBox buttons = new HBox(8, start, abort);
        start.setPrefWidth(100);
        abort.setPrefWidth(100);

        Label protoLabel = new Label("Protocol");
        protoLabel.setStyle("-fx-font-weight: bold;");
        VBox left = new VBox(10, protoLabel, protocolBox, form, validation, buttons);
        left.setPadding(new Insets(12));
        left.setPrefWidth(480);
        left.setMinWidth(460);

        progress.setId("progress");
        progress.setMaxWidth(Double.MAX_VALUE);
        progressText.setId("progress-text");
        stage.setId("stage");
        image.setId("image");
        image.setFitWidth(IMAGE_SIZE);
        image.setFitHeight(IMAGE_SIZE);
        image.setPreserveRatio(true);
        image.setSmooth(true);
        Label noImage = new Label("No image yet");
        noImage.setStyle("-fx-text-fill: #78909c;");
        noImage.visibleProperty().bind(image.imageProperty().isNull());
        StackPane imageFrame = new StackPane(noImage, image);
        imageFrame.setId("image-frame");
        imageFrame.setMinSize(IMAGE_SIZE, IMAGE_SIZE);
        imageFrame.setPrefSize(IMAGE_SIZE, IMAGE_SIZE);
        imageFrame.setMaxSize(IMAGE_SIZE, IMAGE_SIZE);
        imageFrame.setStyle("-fx-background-color: black;");
        message.setId("message");
        message.setWrapText(true);
        message.setMaxWidth(IMAGE_SIZE + 100);
        HBox progressRow = new HBox(10, progress, progressText);
        progressRow.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(progress, Priority.ALWAYS);
        VBox right = new VBox(8, stage, progressRow, imageFrame, message);
        right.setPadding(new Insets(12));

        status.setId("status");
        HBox statusBar = new HBox(status);
        statusBar.setPadding(new Insets(4, 12, 4, 12));
        statusBar.setStyle("-fx-background-color: #eceff1; -fx-border-color: #cfd8dc; -fx-border-width: 1 0 0 0;");

        BorderPane root = new BorderPane();
        root.setLeft(left);
        root.setCenter(right);
        root.setBottom(statusBar);
        protocolBox.getSelectionModel().selectFirst();
        return root;
    }

    private void rebuildForm(Protocol p) {
        form.getChildren().clear();
        fields.clear();
        if (p == null) return;
        int row = 0;
        for (ParameterSpec spec : p.parameters()) {
            Label label = new Label(spec.label());
            TextField field = new TextField(ParameterForm.format(spec.defaultValue()));
            field.setId("param-" + spec.name());
            field.setPrefColumnCount(7);
            if (spec.help() != null && !spec.help().isBlank()) {
                Tooltip tip = new Tooltip(spec.help());
                field.setTooltip(tip);
                label.setTooltip(tip);
            }
            field.textProperty().addListener((obs, was, now) -> revalidate());
            Label unitLabel = new Label(spec.unit());
            Label hint = new Label(ParameterForm.rangeHint(spec));
            hint.setStyle("-fx-text-fill: #607d8b;");
            form.addRow(row++, label, field, unitLabel, hint);
            fields.put(spec.name(), field);
        }
        revalidate();
    }

    // ---------------------------------------------------------------- planning

    private Map<String, String> texts() {
        Map<String, String> t = new LinkedHashMap<>();
        fields.forEach((name, f) -> t.put(name, f.getText()));
        return t;
    }

    /** Checks the form as it stands: each field, then the protocol as a whole for the unit (or the planning profile). */
    private void revalidate() {
        Protocol p = protocolBox.getValue();
        fields.values().forEach(f -> f.setStyle(""));
        if (p == null) {
            setPlan(false, "Choose a protocol", RED);
            return;
        }
        ParameterForm.Parsed parsed = ParameterForm.parse(p.parameters(), texts());
        if (!parsed.valid()) {
            parsed.errors().keySet().forEach(n -> fields.get(n).setStyle(FIELD_ERROR));
            setPlan(false, parsed.reasons(), RED);
            return;
        }
        try {
            BuiltProtocol built = plan(p, parsed.values());
            String summary = ConsoleText.planSummary(built.derived(), built.scanTimeSeconds());
            if (service == null) summary += "\n(planned for no unit in particular until connected)";
            setPlan(true, summary, "");
        } catch (ParameterException e) {
            markField(e.parameter());
            setPlan(false, e.getMessage(), RED);
        } catch (ScanException e) {
            setPlan(false, e.getMessage(), RED);
        } catch (RuntimeException e) {
            log.warn("Planning failed", e);
            setPlan(false, "Cannot plan this protocol: " + ConsoleText.reason(e), RED);
        }
    }

    private BuiltProtocol plan(Protocol p, Map<String, Double> values) throws ParameterException, ScanException {
        if (service != null) return service.plan(p.name(), values);
        return p.build(values, UnitProfile.PLANNING);
    }

    private void markField(String name) {
        TextField f = name == null ? null : fields.get(name);
        if (f != null) f.setStyle(FIELD_ERROR);
    }

    private void setPlan(boolean valid, String text, String style) {
        planValid = valid;
        validation.setText(text);
        validation.setStyle(style);
        updateButtons();
    }

    private boolean scanning() {
        return scanThread != null;
    }

    private void updateButtons() {
        start.setDisable(!planValid || service == null || scanning() || closing);
        abort.setDisable(!scanning() || closing);
        protocolBox.setDisable(scanning());
        form.setDisable(scanning());
    }

    // ---------------------------------------------------------------- connection

    private void connect() {
        status.setText("Connecting…");
        status.setStyle("");
        connectThread = Thread.ofPlatform().daemon().name("unit-connect").start(() -> {
            try {
                UnitConnection u = config.connector().open();
                opened.set(u);
                Platform.runLater(() -> connected(u));
            } catch (Exception e) {
                String why = ConsoleText.reason(e);
                log.warn("Connection failed: {}", why);
                log.debug("Connection failure", e);
                Platform.runLater(() -> {
                    status.setText("Not connected: " + why);
                    status.setStyle(RED);
                });
            }
        });
    }

    private void connected(UnitConnection u) {
        if (closing) return; // the closing thread releases it
        service = config.calibration() == null ? new ScanService(u) : new ScanService(u, config.calibration());
        status.setText(ConsoleText.connected(u.capabilities().model(), u.port(), u.isVirtual()));
        status.setStyle("");
        // the unit's supervisor: "Unit not responding" while it is silent, the unit's line again once it is back
        u.addStateListener(st -> Platform.runLater(() -> {
            boolean up = st == org.lodestone.scan.unit.UnitState.CONNECTED;
            status.setText(up ? ConsoleText.connected(u.capabilities().model(), u.port(), u.isVirtual()) : st.text());
            status.setStyle(up ? "" : RED);
        }));
        revalidate();
    }

    // ---------------------------------------------------------------- scanning

    private void startScan() {
        Protocol p = protocolBox.getValue();
        if (p == null || service == null || scanning()) return;
        ParameterForm.Parsed parsed = ParameterForm.parse(p.parameters(), texts());
        if (!parsed.valid()) {
            revalidate();
            return;
        }
        Path out = ConsoleText.examFolder(config.dataRoot(), LocalDateTime.now(), p.name());
        ScanRequest req = new ScanRequest(p.name(), parsed.values(), out, config.operator());
        ScanService svc = service;
        message.setText("");
        message.setStyle("");
        image.setImage(null);
        progress.setProgress(0);
        progressText.setText("");
        stage.setText("Starting");
        FxProgress fx = new FxProgress();
        scanThread = Thread.ofPlatform().name("scan").unstarted(() -> {
            ScanResult r = null;
            String failure = null;
            try {
                // alsoHears: a headless service (telemetry) hears the scan as the window does
                r = svc.run(req, e -> {
                    fx.on(e);
                    config.alsoHears().on(e);
                });
            } catch (ScanException e) {
                failure = "Scan could not start: " + e.getMessage();
            } catch (RuntimeException | Error e) {
                // Whatever ends the scan thread, the window must leave the scanning state.
                log.error("Scan failed", e);
                failure = "Scan failed: " + ConsoleText.reason(e);
            }
            ScanResult result = r;
            String fail = failure;
            Platform.runLater(() -> scanEnded(result, fail));
        });
        updateButtons();
        scanThread.start();
    }

    private void abortScan() {
        if (!scanning() || service == null) return;
        ScanService svc = service;
        abort.setDisable(true);
        stage.setText("Aborting");
        // abort() writes to the unit: keep it off the FX thread.
        Thread.ofPlatform().daemon().name("scan-abort").start(() -> svc.abort(config.operator()));
    }

    private void scanEnded(ScanResult r, String failure) {
        scanThread = null;
        if (failure != null) {
            stage.setText("Idle");
            message.setText(failure);
            message.setStyle(RED);
        } else {
            stage.setText(switch (r.status()) {
                case COMPLETE -> "Done";
                case ABORTED -> "Aborted";
                case INTERRUPTED -> "Interrupted";
                case FAILED -> "Failed";
            });
            progress.setProgress(ConsoleText.fraction(r.linesReceived(), r.linesExpected()));
            progressText.setText(r.linesReceived() + "/" + r.linesExpected() + " lines");
            String text = r.message();
            if (!Double.isNaN(r.snr())) text += String.format("%nSNR estimate %.1f · %s", r.snr(), r.outDir());
            else text += "\n" + r.outDir();
            message.setText(text);
            message.setStyle(r.status() == ScanStatus.COMPLETE ? GREEN : r.status() == ScanStatus.ABORTED ? ORANGE : RED);
            if (r.image() != null && image.getImage() == null) showImage(r.image());
        }
        updateButtons();
    }

    private void showImage(ImageVolume volume) {
        image.setImage(SwingFXUtils.toFXImage(PngPreview.render(volume, 0), null));
    }

    /** Hands the scan thread's reports to the FX thread, keeping only the latest line count. */
    private final class FxProgress implements ScanProgress {
        private final AtomicReference<long[]> lastLines = new AtomicReference<>();
        private final AtomicReference<Double> lastRemaining = new AtomicReference<>();
        private final AtomicBoolean linesPending = new AtomicBoolean();

        @Override
        public void stage(String what) {
            Platform.runLater(() -> stage.setText(what));
        }

        @Override
        public void lines(long received, long expected, double secondsRemaining) {
            lastLines.set(new long[] {received, expected});
            lastRemaining.set(secondsRemaining);
            if (linesPending.compareAndSet(false, true)) {
                Platform.runLater(() -> {
                    linesPending.set(false);
                    long[] l = lastLines.get();
                    progress.setProgress(ConsoleText.fraction(l[0], l[1]));
                    progressText.setText(ConsoleText.progress(l[0], l[1], lastRemaining.get()));
                });
            }
        }

        @Override
        public void image(ImageVolume volume) {
            var rendered = PngPreview.render(volume, 0);
            Platform.runLater(() -> image.setImage(SwingFXUtils.toFXImage(rendered, null)));
        }
    }

    // ---------------------------------------------------------------- closing

    /**
     * For a JVM shutdown (Ctrl-C, SIGTERM) while the window is open: stop a running scan and release
     * the unit (and a virtual scanner's child processes) now. Any thread; does nothing once released.
     */
    public void releaseNow() {
        ScanService svc = service;
        Thread scan = scanThread;
        if (svc != null && scan != null) {
            svc.abort(config.operator() + " (console shut down)");
            try {
                scan.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        UnitConnection u = opened.getAndSet(null);
        if (u != null) u.close();
    }

    /** Aborts a running scan, releases the unit and closes the window; the latch counts down when all is released. */
    public void close() {
        if (closing) return;
        closing = true;
        updateButtons();
        Thread scan = scanThread;
        Thread connecting = connectThread;
        ScanService svc = service;
        String operator = config.operator();
        Thread.ofPlatform().name("console-close").start(() -> {
            try {
                if (scan != null && svc != null) {
                    svc.abort(operator + " (window closed)");
                    scan.join(15_000);
                }
                // A connection still being opened is released as soon as it is there.
                if (connecting != null) connecting.join(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                UnitConnection u = opened.getAndSet(null);
                if (u != null) {
                    try {
                        u.close();
                    } catch (RuntimeException e) {
                        log.warn("Closing the unit connection failed: {}", e.getMessage());
                    }
                }
                closed.countDown();
            }
        });
        if (window != null) window.hide();
    }
}
