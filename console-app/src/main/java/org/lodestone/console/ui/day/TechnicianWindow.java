package org.lodestone.console.ui.day;

import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import javafx.util.Duration;
import org.lodestone.calibration.store.CalibrationStore;
import org.lodestone.console.day.Texts;
import org.lodestone.scan.unit.UnitConnection;
import org.lodestone.workflow.WorkflowHome;

import java.util.Locale;
import java.util.ResourceBundle;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;

/**
 * The technician's window: a header (user, language, lock), the day's areas as tabs, and the status bar that is
 * always visible. A thin shell: every decision is in org.lodestone.console.day; the screens only show and ask.
 * Switching the language rebuilds the screens from the shared {@link DayContext}, so nothing of the day is lost.
 */
public final class TechnicianWindow {
    /** Opens the unit; called on a background thread. */
    @FunctionalInterface
    public interface Connector {
        UnitConnection open() throws Exception;
    }

    /**
     * @param risName the worklist server among the DICOM destinations (null: none)
     * @param pacsName the default destination to send to (null: the first)
     * @param alsoHears who else hears each scan's events (telemetry; null: nobody)
     */
    public record Config(WorkflowHome home, Connector connector, CalibrationStore calibration, String aeTitle, String risName,
                         String pacsName, java.time.Duration idleLock, Locale locale,
                         Function<ResourceBundle, PlanningSlot> planning, Function<ResourceBundle, ViewerSlot> viewer,
                         org.lodestone.scan.ScanListener alsoHears) {
        /** Without anyone else hearing the scans (no telemetry). */
        public Config(WorkflowHome home, Connector connector, CalibrationStore calibration, String aeTitle, String risName,
                      String pacsName, java.time.Duration idleLock, Locale locale,
                      Function<ResourceBundle, PlanningSlot> planning, Function<ResourceBundle, ViewerSlot> viewer) {
            this(home, connector, calibration, aeTitle, risName, pacsName, idleLock, locale, planning, viewer, null);
        }

        public Config {
            // who else hears each scan's events (telemetry), as the window does
            if (alsoHears == null) alsoHears = org.lodestone.scan.ScanListener.NONE;
            if (idleLock == null) idleLock = java.time.Duration.ofMinutes(10);
            if (locale == null) locale = Locale.ENGLISH;
            // the graphical planning and the image viewer components; a test may pass its own (NONE: planes only)
            if (planning == null) planning = b -> PlanningSlot.of(new org.lodestone.console.ui.planning.PlanningPane(b),
                    org.lodestone.console.ui.planning.PlanningPane::showLocalizer, org.lodestone.console.ui.planning.PlanningPane::planProperty);
            if (viewer == null) viewer = b -> ViewerSlot.of(new org.lodestone.console.ui.viewer.ViewerPane(b),
                    org.lodestone.console.ui.viewer.ViewerPane::open, org.lodestone.console.ui.viewer.ViewerPane::keyPressed);
        }
    }

    public static final String[] TAB_IDS = {"patients", "protocols", "planning", "scan", "viewer", "send", "service"};

    private final DayContext day;
    private final CountDownLatch closed = new CountDownLatch(1);
    private final StackPane root = new StackPane();
    private Stage stage;
    private TabPane tabs;
    private Timeline ticker;
    private LoginPane login;
    private ViewerScreen viewerScreen;

    public TechnicianWindow(Config config) {
        this.day = new DayContext(config);
    }

    public DayContext day() {
        return day;
    }

    public CountDownLatch closedLatch() {
        return closed;
    }

    public Stage stage() {
        return stage;
    }

    /** Builds the scene into the stage, shows it, starts connecting and asks who is there. */
    public void show(Stage s, double width, double height) {
        this.stage = s;
        Scene scene = new Scene(root, width, height);
        scene.getStylesheets().add(TechnicianWindow.class.getResource("/org/lodestone/console/ui/technician.css").toExternalForm());
        s.setScene(scene);
        s.setMinWidth(1024);
        s.setMinHeight(600);
        s.setOnCloseRequest(e -> close());
        scene.addEventFilter(javafx.scene.input.InputEvent.ANY, e -> day.session.touch());
        shortcuts(scene);
        // the image keys reach the viewer wherever the focus is on its tab (it is often on the tab header or a list)
        scene.addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            Tab shown = tabs.getSelectionModel().getSelectedItem();
            if (shown != null && "tab-viewer".equals(shown.getId()) && !login.isVisible() && viewerScreen.passKey(e, scene.getFocusOwner())) {
                e.consume();
            }
        });
        rebuild();
        day.texts.addListener((o, was, now) -> rebuild());
        s.show();
        day.connect();
        ticker = new Timeline(new KeyFrame(Duration.seconds(3), e -> tick()));
        ticker.setCycleCount(Timeline.INDEFINITE);
        ticker.play();
        day.housekeeping();
    }

    private void tick() {
        if (day.session.checkIdle() && !login.isVisible()) login.showLocked();
        day.housekeeping();
    }

    /** F5 Start, Esc Abort (only while scanning), Ctrl+1…7 the areas, Ctrl+L lock. */
    private void shortcuts(Scene scene) {
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.L, KeyCombination.SHORTCUT_DOWN), this::lock);
        for (int i = 0; i < TAB_IDS.length; i++) {
            int n = i;
            scene.getAccelerators().put(new KeyCodeCombination(KeyCode.getKeyCode(String.valueOf(i + 1)), KeyCombination.SHORTCUT_DOWN),
                    () -> tabs.getSelectionModel().select(n));
        }
    }

    private void rebuild() {
        Texts t = day.t();
        day.dropScreenListeners();
        int selected = tabs == null ? 0 : tabs.getSelectionModel().getSelectedIndex();
        if (stage != null) stage.setTitle(t.get("app.title"));
        ScanScreen scanScreen = new ScanScreen(day);
        tabs = new TabPane(
                tab("patients", t.get("tab.patients"), new PatientsScreen(day, () -> tabs.getSelectionModel().select(1)).node()),
                tab("protocols", t.get("tab.protocols"), new ProtocolsScreen(day).node()),
                tab("planning", t.get("tab.planning"), new PlanningScreen(day).node()),
                tab("scan", t.get("tab.scan"), scanScreen.node()),
                tab("viewer", t.get("tab.viewer"), (viewerScreen = new ViewerScreen(day)).node()),
                tab("send", t.get("tab.send"), new SendScreen(day).node()),
                serviceTab(t));
        tabs.setId("areas");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.getSelectionModel().select(selected);
        installScanKeys(scanScreen);

        Label who = new Label();
        who.setId("who");
        who.setText(day.session.user().map(a -> t.get("login.welcome", a.name(), t.role(a.role()))).orElse(""));
        Button language = new Button(t.get("app.language"));
        language.setId("language");
        language.setOnAction(e -> day.texts.set(Texts.of(day.t().locale().getLanguage().equals("zh") ? Locale.ENGLISH : Texts.CHINESE)));
        Button switchUser = new Button(t.get("app.switchUser"));
        switchUser.setId("switch-user");
        switchUser.setOnAction(e -> {
            day.session.switchUser();
            login.showLogin();
        });
        Button lockButton = new Button(t.get("app.lock"));
        lockButton.setId("lock");
        lockButton.setOnAction(e -> lock());
        Label title = new Label(t.get("app.title"));
        title.getStyleClass().add("app-title");
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox header = new HBox(12, title, gap, who, language, switchUser, lockButton);
        header.getStyleClass().add("header");
        header.setAlignment(Pos.CENTER_LEFT);
        header.setPadding(new Insets(4, 12, 4, 12));

        BorderPane frame = new BorderPane(tabs);
        frame.setTop(header);
        frame.setBottom(new StatusBarView(day).node());
        boolean wasLocked = login == null || login.isVisible();
        login = new LoginPane(day, () -> {
            who.setText(day.session.user().map(a -> t.get("login.welcome", a.name(), t.role(a.role()))).orElse(""));
            day.status.set(day.status.get().withUser(day.session.user().map(a -> a.name()).orElse(null)));
        });
        root.getChildren().setAll(frame, login.node());
        if (wasLocked || day.session.locked()) login.showFor(day.session);
        else login.hide();
    }

    private void installScanKeys(ScanScreen scanScreen) {
        Scene scene = root.getScene();
        if (scene == null) return;
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.F5), scanScreen::startIfAllowed);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.ESCAPE), scanScreen::abortIfRunning);
    }

    /** The service bench, built when a service user first opens it (calibration wizards, history, mobile unit). */
    private Tab serviceTab(Texts t) {
        Tab tab = tab("service", t.get("tab.service"), new Label(t.get("tab.service.role")));
        tab.setOnSelectionChanged(e -> {
            boolean service = day.session.user().map(a -> a.role().mayService()).orElse(false);
            if (!tab.isSelected()) return;
            if (!service) tab.setContent(new Label(t.get("tab.service.role")));
            else if (!(tab.getContent() instanceof org.lodestone.console.ui.service.ServiceBenchPane))
                tab.setContent(new org.lodestone.console.ui.service.ServiceBenchPane(t.bundle(), day.serviceBench(),
                        day::unitSensors, day::unitLinkStatistics, org.lodestone.console.ui.service.WindowDiagnostics.of(day)));
        });
        return tab;
    }

    private static Tab tab(String id, String text, javafx.scene.Node content) {
        Tab tab = new Tab(text, content);
        tab.setId("tab-" + id);
        return tab;
    }

    private void lock() {
        if (day.session.user().isEmpty()) return;
        day.session.lock();
        login.showLocked();
    }

    public TabPane tabs() {
        return tabs;
    }

    /** Aborts a running scan, releases the unit and the database; the latch counts down once done. */
    public void close() {
        if (ticker != null) ticker.stop();
        if (stage != null) stage.hide();
        Thread.ofPlatform().name("console-close").start(() -> {
            try {
                day.close();
            } finally {
                closed.countDown();
            }
        });
    }
}
