package org.lodestone.console.ui.planning;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.lodestone.console.planning.LocalizerImages;
import org.lodestone.console.planning.SlicePlan;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * Graphical slice planning: the localizer's planes side by side with the slice group drawn on each; drag to move,
 * handles to rotate and resize; slice count, gap, field of view and thickness in spinners. The plan is
 * {@link #planProperty()}; {@link SlicePlan#toParameters} writes it to a protocol.
 */
public final class PlanningPane extends BorderPane {
    private static final Logger log = LoggerFactory.getLogger(PlanningPane.class);
    private static final double TOUCH = 40;

    private final ResourceBundle messages;
    private final ObjectProperty<SlicePlan> plan = new SimpleObjectProperty<>(
            SlicePlan.axial(200, 5).withSlices(5, 1));
    private final HBox planes = new HBox(4);
    private final List<PlaneCanvas> canvases = new ArrayList<>();
    private final Label summary = new Label();
    private final Label status = new Label();
    private final Spinner<Integer> slices = new Spinner<>(1, 64, 5);
    private final Spinner<Double> gap = new Spinner<>(0.0, 100.0, 1.0, 0.5);
    private final Spinner<Double> fov = new Spinner<>(20.0, 400.0, 200.0, 5);
    private final Spinner<Double> thickness = new Spinner<>(0.5, 30.0, 5.0, 0.5);
    private boolean syncing;

    public PlanningPane(ResourceBundle messages) {
        this.messages = messages;
        getStyleClass().add("planning-pane");
        planes.setStyle("-fx-background-color: black;");
        setCenter(planes);
        slices.setId("planning-slices");
        gap.setId("planning-gap");
        fov.setId("planning-fov");
        thickness.setId("planning-thickness");
        FlowPane controls = new FlowPane(8, 6);
        controls.setAlignment(Pos.CENTER_LEFT);
        controls.getChildren().addAll(field("planning.slices", slices), field("planning.gap", gap), field("planning.fov", fov),
                field("planning.thickness", thickness));
        summary.setId("planning-summary");
        status.setId("planning-status");
        status.setWrapText(true);
        Label hint = new Label(messages.getString("planning.hint"));
        hint.setWrapText(true);
        VBox bottom = new VBox(4, controls, summary, hint, status);
        bottom.setPadding(new Insets(6));
        setBottom(bottom);
        slices.valueProperty().addListener((o, a, n) -> edit(p -> p.withSlices(n, p.gapMm())));
        gap.valueProperty().addListener((o, a, n) -> edit(p -> p.withSlices(p.sliceCount(), n)));
        fov.valueProperty().addListener((o, a, n) -> edit(p -> p.withFov(n)));
        thickness.valueProperty().addListener((o, a, n) -> edit(p -> p.withSlab(n * p.sliceCount() + p.gapMm() * (p.sliceCount() - 1))));
        plan.addListener((o, a, p) -> showPlan(p));
        showPlan(plan.get());
        setMinSize(0, 0);
    }

    /** The planned slice group; setting it redraws every plane. */
    public ObjectProperty<SlicePlan> planProperty() {
        return plan;
    }

    /** Shows the localizer scan in {@code localizerDir} (its planes side by side). */
    public void showLocalizer(Path localizerDir) {
        planes.getChildren().clear();
        canvases.clear();
        try {
            int i = 0;
            for (LocalizerImages.View v : LocalizerImages.read(localizerDir)) {
                PlaneCanvas c = new PlaneCanvas(v, plan, messages.getString("planning.plane." + planeName(v, i++)));
                c.setId("planning-plane-" + (i - 1));
                HBox.setHgrow(c, Priority.ALWAYS);
                c.setPrefSize(10, 10);
                canvases.add(c);
                planes.getChildren().add(c);
            }
            status.setText("");
        } catch (Exception e) {
            log.warn("localizer {} could not be shown", localizerDir, e);
            status.setText(messages.getString("planning.error.open"));
        }
    }

    /** The planes on screen, in the localizer's slice order. */
    public List<PlaneCanvas> planes() {
        return List.copyOf(canvases);
    }

    public Label summaryLabel() {
        return summary;
    }

    public Label statusLabel() {
        return status;
    }

    private static int planeName(LocalizerImages.View v, int index) {
        var n = v.plane().normal();
        double ax = Math.abs(n.x()), ay = Math.abs(n.y()), az = Math.abs(n.z());
        if (az >= ax && az >= ay) return 0;
        return ay >= ax ? 1 : 2;
    }

    private void edit(java.util.function.UnaryOperator<SlicePlan> change) {
        if (!syncing) plan.set(change.apply(plan.get()));
    }

    private void showPlan(SlicePlan p) {
        syncing = true;
        try {
            slices.getValueFactory().setValue(p.sliceCount());
            gap.getValueFactory().setValue(p.gapMm());
            fov.getValueFactory().setValue(p.fovMm());
            thickness.getValueFactory().setValue(p.sliceThicknessMm());
        } finally {
            syncing = false;
        }
        Locale locale = messages.getLocale() == null || messages.getLocale().toString().isEmpty() ? Locale.getDefault() : messages.getLocale();
        var c = p.centre();
        summary.setText(MessageFormat.format(messages.getString("planning.summary"),
                String.format(locale, "(%.1f, %.1f, %.1f)", c.x(), c.y(), c.z()), String.format(locale, "%.1f", p.tiltReadDeg()),
                String.format(locale, "%.1f", p.tiltPhaseDeg()), String.format(locale, "%.1f", p.slabThicknessMm())));
    }

    private VBox field(String key, Spinner<?> spinner) {
        spinner.setEditable(true);
        spinner.setMinHeight(TOUCH);
        spinner.setPrefWidth(110);
        Label l = new Label(messages.getString(key));
        l.setLabelFor(spinner);
        return new VBox(2, l, spinner);
    }
}
