package org.lodestone.console.ui.day;

import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBoxBase;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.TableView;
import javafx.scene.control.TextInputControl;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.lodestone.console.day.Texts;
import org.lodestone.workflow.exam.Series;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The exam's series; the chosen one opens in the viewer component ({@link ViewerSlot}: W/L, zoom, scroll, cine,
 * grid, MPR/MIP, measurements), or, with no component, its preview image is shown here.
 */
final class ViewerScreen {
    private final DayContext day;
    private final Texts t;
    private final ObservableList<Series> series = FXCollections.observableArrayList();
    /** Keys a focused list or box uses itself: they stay there. */
    private static final java.util.Set<KeyCode> NAVIGATION = java.util.EnumSet.of(KeyCode.UP, KeyCode.DOWN, KeyCode.PAGE_UP,
            KeyCode.PAGE_DOWN, KeyCode.HOME, KeyCode.END, KeyCode.LEFT, KeyCode.RIGHT);
    private ViewerSlot slot;

    ViewerScreen(DayContext day) {
        this.day = day;
        this.t = day.t();
    }

    Node node() {
        ListView<Series> list = new ListView<>(series);
        list.setId("exam-series"); // the ViewerPane has its own "viewer-series" browser
        list.setPrefWidth(300);
        TextCells.show(list, s -> t.get("view.seriesEntry", s.number(), t.protocolTitle(s.protocol(), s.protocol()),
                t.get("view.status." + s.status().name())));
        Label empty = new Label(t.get("view.empty"));
        list.setPlaceholder(empty);
        slot = day.config.viewer().apply(t.bundle());
        ImageView preview = new ImageView();
        preview.setId("viewer-image");
        preview.setFitWidth(420);
        preview.setFitHeight(420);
        preview.setPreserveRatio(true);
        list.getSelectionModel().selectedItemProperty().addListener((o, was, s) -> {
            if (s == null || s.rawPath() == null) return;
            Path dir = Path.of(s.rawPath()).getParent();
            if (slot != null) {
                slot.open(dir, s.number() + ". " + t.protocolTitle(s.protocol(), s.protocol()));
                slot.node().requestFocus(); // the series chosen, the keys are for its images
            }
            Path png = dir.resolve("preview.png");
            preview.setImage(Files.exists(png) ? new Image(png.toUri().toString()) : null);
        });
        Runnable refresh = () -> {
            var e = day.exam.get();
            series.setAll(e == null ? java.util.List.of() : day.workflow.exams().get(e.studyUid()).orElse(e).series().stream()
                    .filter(s -> s.rawPath() != null && Files.exists(Path.of(s.rawPath()).getParent().resolve("preview.png"))).toList());
        };
        day.watch(day.examVersion, (o, was, now) -> refresh.run());
        refresh.run();
        Node viewer = slot != null ? slot.node() : preview;
        HBox page = new HBox(12, new VBox(8, PatientsScreen.heading(t.get("view.series")), list), viewer);
        HBox.setHgrow(viewer, Priority.ALWAYS); // the images take the room the series list leaves
        page.setPadding(new Insets(12));
        return page;
    }

    /**
     * Passes a key pressed while this screen is shown to the viewer when the focus is elsewhere (the tab header,
     * a button, the series list): the viewer's keys work wherever the focus is, except while text is being typed
     * and for the keys a focused list or box moves with. Returns whether the viewer used it.
     */
    boolean passKey(KeyEvent e, Node focus) {
        if (slot == null || e.isShortcutDown() || e.isAltDown() || e.isMetaDown()) return false;
        for (Node n = focus; n != null; n = n.getParent()) {
            if (n == slot.node()) return false; // the viewer hears its own keys
        }
        if (focus instanceof TextInputControl) return false;
        boolean navigates = focus instanceof ListView<?> || focus instanceof ComboBoxBase<?> || focus instanceof TableView<?>
                || focus instanceof ChoiceBox<?> || focus instanceof Spinner<?> || focus instanceof Slider;
        if (navigates && NAVIGATION.contains(e.getCode())) return false;
        return slot.key(e.getCode());
    }
}
