package org.lodestone.console.ui.viewer;

import org.lodestone.console.ui.ShownAs;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.lodestone.console.viewing.DisplayOrientation;
import org.lodestone.console.viewing.MprPlane;
import org.lodestone.console.viewing.Series;
import org.lodestone.console.viewing.SliceCursor;
import org.lodestone.console.viewing.SliceImage;
import org.lodestone.console.viewing.WindowLevel;
import org.lodestone.console.viewing.WindowPreset;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.ResourceBundle;

/**
 * The image viewer: a series browser, window/level by dragging and by presets, zoom and pan, slice scroll (wheel,
 * arrow and page keys) and cine, a 3 × 3 slice grid, three-plane MPR and MIP of 3D series, distance, angle and ROI,
 * and two series side by side. Opening a folder adds its series to the browser and shows it. Every image is turned
 * the way radiographers read its plane ({@link DisplayOrientation}) in one step before it reaches a viewport, which
 * letters its edges.
 */
public final class ViewerPane extends BorderPane {
    private static final Logger log = LoggerFactory.getLogger(ViewerPane.class);
    static final double TOUCH = 40;
    private static final int GRID = 3;

    private final ResourceBundle messages;
    private final ObservableList<Series> series = FXCollections.observableArrayList();
    private final ListView<Series> browser = new ListView<>(series);
    private final ComboBox<Series> compare = new ComboBox<>(series);
    private final ToggleGroup tools = new ToggleGroup();
    private final ToggleGroup layouts = new ToggleGroup();
    private final ToggleButton mip;
    private final ToggleButton cine;
    private final ComboBox<WindowPreset> presets;
    private final Label status = new Label();
    private final StackPane stage = new StackPane();
    private final List<ImageViewport> viewports = new ArrayList<>();
    private final Timeline cineTimer;
    private ViewerTool tool = ViewerTool.WINDOW;
    private ViewerLayout layout = ViewerLayout.SINGLE;
    private Series shown;
    private SliceCursor cursor;
    private final int[] mprVoxel = new int[3];
    private WindowLevel window;

    public ViewerPane(ResourceBundle messages) {
        this.messages = messages;
        getStyleClass().add("viewer-pane");
        browser.setId("viewer-series");
        browser.setPrefWidth(180);
        browser.setFixedCellSize(TOUCH);
        browser.getSelectionModel().selectedItemProperty().addListener((o, a, s) -> {
            if (s != null && s != shown) show(s);
        });
        Label browserTitle = new Label(messages.getString("viewer.series"));
        VBox left = new VBox(6, browserTitle, browser);
        VBox.setVgrow(browser, Priority.ALWAYS);
        left.setPadding(new Insets(6));
        setLeft(left);

        FlowPane bar = new FlowPane(6, 6);
        bar.setPadding(new Insets(6));
        bar.getChildren().addAll(choices(tools, ViewerTool.values(), tool, ViewerTool::key, "viewer-tool-", t -> tool = t));
        presets = touch(new ComboBox<>(FXCollections.observableArrayList(WindowPreset.ALL)), "viewer-presets");
        presets.setPromptText(messages.getString("viewer.preset.prompt"));
        presets.setConverter(ShownAs.words(p -> messages.getString("viewer.preset." + p.key())));
        presets.setOnAction(e -> {
            if (presets.getValue() != null) applyPreset(presets.getValue());
        });
        bar.getChildren().add(presets);
        bar.getChildren().addAll(choices(layouts, ViewerLayout.values(), layout, ViewerLayout::key, "viewer-layout-", this::setLayout));
        mip = touch(new ToggleButton(messages.getString("viewer.mip")), "viewer-mip");
        mip.setOnAction(e -> rebuild());
        cine = touch(new ToggleButton(messages.getString("viewer.cine")), "viewer-cine");
        cineTimer = new Timeline(new KeyFrame(Duration.millis(125), e -> cineStep()));
        cineTimer.setCycleCount(Timeline.INDEFINITE);
        cine.selectedProperty().addListener((o, a, on) -> {
            if (on) cineTimer.play();
            else cineTimer.stop();
        });
        Button reset = touch(new Button(messages.getString("viewer.reset")), "viewer-reset");
        reset.setOnAction(e -> viewports.forEach(ImageViewport::resetView));
        compare.setId("viewer-compare");
        compare.setMinHeight(TOUCH);
        compare.setPromptText(messages.getString("viewer.compare"));
        compare.setOnAction(e -> {
            if (layout == ViewerLayout.SIDE_BY_SIDE) rebuild();
        });
        bar.getChildren().addAll(mip, cine, reset, compare);
        setTop(bar);
        stage.setStyle("-fx-background-color: black;");
        setCenter(stage);
        status.setId("viewer-status");
        status.setWrapText(true);
        status.setPadding(new Insets(4, 8, 4, 8));
        setBottom(status);
        addEventFilter(KeyEvent.KEY_PRESSED, this::key);
        setMinSize(0, 0);
    }

    /** Adds the series in {@code seriesDir} (a scan's output folder) to the browser and shows it. */
    public void open(Path seriesDir, String title) {
        try {
            Series s = Series.open(seriesDir, title);
            series.removeIf(old -> old.folder().equals(seriesDir));
            series.add(s);
            browser.getSelectionModel().select(s);
            status.setText("");
        } catch (IOException | RuntimeException e) {
            log.warn("series {} ({}) could not be opened", title, seriesDir, e);
            status.setText(MessageFormat.format(messages.getString("viewer.error.open"), title));
        }
    }

    /** Series in the browser, in the order opened. */
    public List<Series> series() {
        return List.copyOf(series);
    }

    /** The images on screen now (one, nine, three or two). */
    public List<ImageViewport> viewports() {
        return List.copyOf(viewports);
    }

    public SliceCursor cursor() {
        return cursor;
    }

    public ViewerLayout layoutShown() {
        return layout;
    }

    public Label statusLabel() {
        return status;
    }

    public void setLayout(ViewerLayout l) {
        layout = l;
        for (var t : layouts.getToggles()) t.setSelected(t.getUserData() == l);
        rebuild();
    }

    public void setTool(ViewerTool t) {
        for (var b : tools.getToggles()) b.setSelected(b.getUserData() == t);
        tool = t;
    }

    /** Moves the slice shown by {@code delta} (stops at the first and last). */
    public void scroll(int delta) {
        if (cursor == null) return;
        cursor = cursor.scrolled(delta * (layout == ViewerLayout.GRID ? GRID * GRID : 1));
        refresh();
    }

    /** A wheel notch over viewport {@code index}: in MPR it moves that plane's slice, elsewhere the series' slice. */
    void scrollIn(int index, int delta) {
        if (layout != ViewerLayout.MPR || index == 0 || shown == null) {
            scroll(delta);
            return;
        }
        MprPlane plane = MprPlane.values()[index];
        int axis = plane == MprPlane.ALONG_READ ? 1 : 0;
        mprVoxel[axis] = Math.clamp(mprVoxel[axis] + delta, 0, plane.sliceCount(shown.volume()) - 1);
        refresh();
    }

    /** The voxel the three MPR planes pass through (x, y, z). */
    public int[] mprVoxel() {
        return mprVoxel.clone();
    }

    public void applyPreset(WindowPreset preset) {
        if (viewports.isEmpty()) return;
        viewports.getFirst().applyPreset(preset);
    }

    private void show(Series s) {
        shown = s;
        cursor = SliceCursor.middleOf(s.volume().nz());
        mprVoxel[0] = s.volume().nx() / 2;
        mprVoxel[1] = s.volume().ny() / 2;
        mprVoxel[2] = s.volume().nz() / 2;
        window = null;
        if (compare.getValue() == null || compare.getValue() == s) compare.setValue(series.size() > 1 ? series.get(series.size() - 2) : s);
        rebuild();
    }

    /** New viewports for the layout, then their images. */
    private void rebuild() {
        viewports.clear();
        stage.getChildren().clear();
        status.setText("");
        if (shown == null) return;
        if ((layout == ViewerLayout.MPR || mip.isSelected()) && shown.volume().nz() < 2) {
            status.setText(MessageFormat.format(messages.getString("viewer.mpr.needsVolume"), shown.volume().nz()));
        }
        int count = switch (layout) {
            case SINGLE -> 1;
            case GRID -> GRID * GRID;
            case MPR -> 3;
            case SIDE_BY_SIDE -> 2;
        };
        GridPane grid = new GridPane();
        grid.setHgap(2);
        grid.setVgap(2);
        int columns = layout == ViewerLayout.GRID ? GRID : count;
        for (int i = 0; i < count; i++) {
            ImageViewport v = new ImageViewport(messages, () -> tool);
            v.setId("viewer-image-" + i);
            int index = i;
            v.setOnSliceStep(d -> scrollIn(index, d));
            v.setOnWindowChanged(w -> windowChanged(index, w));
            GridPane.setHgrow(v, Priority.ALWAYS);
            GridPane.setVgrow(v, Priority.ALWAYS);
            v.setPrefSize(10, 10);
            grid.add(v, i % columns, i / columns);
            viewports.add(v);
        }
        stage.getChildren().add(grid);
        refresh();
    }

    /** The images for the cursor, in every viewport. */
    private void refresh() {
        if (shown == null || viewports.isEmpty()) return;
        var v = shown.volume();
        int n = v.nz();
        switch (layout) {
            case SINGLE -> show(viewports.getFirst(), MprPlane.ACQUIRED, cursor.index(), sliceText(cursor.index(), n));
            case GRID -> {
                int first = Math.max(0, Math.min(cursor.index() - GRID * GRID / 2, n - GRID * GRID));
                for (int i = 0; i < viewports.size(); i++) {
                    int z = first + i;
                    if (z < n) show(viewports.get(i), MprPlane.ACQUIRED, z, sliceText(z, n));
                }
            }
            case MPR -> {
                mprVoxel[2] = cursor.index();
                MprPlane[] planes = MprPlane.values();
                for (int i = 0; i < 3; i++) {
                    int s = planes[i].sliceThrough(mprVoxel);
                    show(viewports.get(i), planes[i], s, mip.isSelected() ? messages.getString("viewer.mip")
                            : sliceText(s, planes[i].sliceCount(v)));
                }
            }
            case SIDE_BY_SIDE -> {
                show(viewports.get(0), MprPlane.ACQUIRED, cursor.index(), shown.title() + " · " + sliceText(cursor.index(), n));
                Series other = compare.getValue() == null ? shown : compare.getValue();
                var ov = other.volume();
                int oz = Math.min(ov.nz() - 1, (int) Math.round((double) cursor.index() / Math.max(1, n - 1) * (ov.nz() - 1)));
                DisplayOrientation turned = MprPlane.ACQUIRED.displayOrientation(ov);
                viewports.get(1).show(turned.apply(MprPlane.ACQUIRED.slice(ov, oz).isotropic()), other.title() + " · " + sliceText(oz, ov.nz()), turned);
            }
        }
        if (window == null) {
            window = WindowPreset.AUTO.applyTo(viewports.getFirst().image());
        }
        for (int i = 0; i < viewports.size(); i++) {
            ImageViewport vp = viewports.get(i);
            if (vp.image() == null) continue;
            // the compared series keeps a window of its own: its intensities need not match
            vp.setWindow(layout == ViewerLayout.SIDE_BY_SIDE && i == 1 ? WindowPreset.AUTO.applyTo(vp.image()) : window);
        }
    }

    /** Slice {@code index} of {@code plane} (or its MIP) on {@code vp}, turned for display in one step, with its letters. */
    private void show(ImageViewport vp, MprPlane plane, int index, String label) {
        var v = shown.volume();
        SliceImage img = mip.isSelected() && v.nz() > 1 ? plane.maximumIntensityProjection(v) : plane.slice(v, index);
        DisplayOrientation turned = plane.displayOrientation(v);
        vp.show(turned.apply(img.isotropic()), label, turned);
    }

    private void windowChanged(int index, WindowLevel w) {
        if (layout == ViewerLayout.SIDE_BY_SIDE && index == 1) return;
        window = w;
        for (int i = 0; i < viewports.size(); i++) {
            if (i != index && !(layout == ViewerLayout.SIDE_BY_SIDE && i == 1)) viewports.get(i).setWindow(w);
        }
    }

    private String sliceText(int index, int count) {
        return MessageFormat.format(messages.getString("viewer.slice"), index + 1, count);
    }

    private void cineStep() {
        if (cursor == null) return;
        cursor = cursor.nextInCine();
        refresh();
    }

    private void key(KeyEvent e) {
        if (!e.isShortcutDown() && !e.isAltDown() && keyPressed(e.getCode())) e.consume();
    }

    /**
     * A key meant for the images: arrows and page keys scroll, Home/End go to the first/last slice, +/− zoom,
     * C starts or stops cine, 1–4 apply the presets in the order of the preset list. The window sends its keys here
     * wherever the focus is (unless a text field is being edited), so it returns whether the key was one of these.
     */
    public boolean keyPressed(KeyCode code) {
        switch (code) {
            case UP, PAGE_UP -> scroll(code == KeyCode.PAGE_UP ? -5 : -1);
            case DOWN, PAGE_DOWN -> scroll(code == KeyCode.PAGE_DOWN ? 5 : 1);
            case HOME -> scroll(-100_000);
            case END -> scroll(100_000);
            case PLUS, ADD, EQUALS -> viewports.forEach(v -> v.zoomBy(1.25));
            case MINUS, SUBTRACT -> viewports.forEach(v -> v.zoomBy(0.8));
            case C -> cine.setSelected(!cine.isSelected());
            case DIGIT1, DIGIT2, DIGIT3, DIGIT4, NUMPAD1, NUMPAD2, NUMPAD3, NUMPAD4 -> {
                WindowPreset p = WindowPreset.ALL.get(Integer.parseInt(code.getName().replaceAll("\\D", "")) - 1);
                if (p.equals(presets.getValue())) applyPreset(p); // the box's action runs only on a change
                else presets.setValue(p); // its action applies it, and the box shows which
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    /**
     * One toggle button per value (ids {@code idPrefix + name}), one always selected: choosing one tells
     * {@code chosen}; clicking the selected one again keeps it.
     */
    private <E extends Enum<E>> List<ToggleButton> choices(ToggleGroup group, E[] values, E selected,
                                                         java.util.function.Function<E, String> key, String idPrefix,
                                                         java.util.function.Consumer<E> chosen) {
        List<ToggleButton> buttons = new ArrayList<>();
        for (E v : values) {
            ToggleButton b = touch(new ToggleButton(messages.getString(key.apply(v))), idPrefix + v.name().toLowerCase());
            b.setToggleGroup(group);
            b.setUserData(v);
            b.setSelected(v == selected);
            buttons.add(b);
        }
        group.selectedToggleProperty().addListener((o, a, t) -> {
            if (t == null) a.setSelected(true);
            else chosen.accept(values[0].getDeclaringClass().cast(t.getUserData()));
        });
        return buttons;
    }

    private static <T extends Control> T touch(T c, String id) {
        c.setId(id);
        c.setMinHeight(TOUCH);
        c.setMinWidth(TOUCH);
        return c;
    }

    /** Stops the cine timer (when the pane is taken off screen). */
    public void stop() {
        cine.setSelected(false);
    }

    Node stageNode() {
        return stage;
    }
}
