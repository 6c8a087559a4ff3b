package org.lodestone.console.ui.day;

import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.lodestone.console.day.Texts;

/**
 * The localizer's three planes side by side (axial, coronal, sagittal), and below them the graphical planning
 * component once merged ({@link PlanningSlot}), which gets the localizer's series folder.
 */
final class PlanningScreen {
    private static final String[] PLANES = {"axial", "coronal", "sagittal"};
    private final DayContext day;
    private final Texts t;

    PlanningScreen(DayContext day) {
        this.day = day;
        this.t = day.t();
    }

    /** "Apply to the next scan": the plan written into the next queued scan's position, orientation and tilts. */
    private Node applyPlan(PlanningSlot slot) {
        javafx.scene.control.Button apply = new javafx.scene.control.Button(t.get("planning.apply"));
        apply.setId("plan-apply");
        Label said = new Label();
        said.setId("plan-applied");
        said.setWrapText(true);
        apply.setOnAction(e -> {
            var exam = day.exam.get();
            var plan = slot.plan().getValue();
            var by = day.session.user();
            if (exam == null || plan == null || by.isEmpty()) {
                said.setText(t.get("planning.apply.none"));
                return;
            }
            var queue = new org.lodestone.console.day.ExamQueue(day.workflow.exams(), day.workflow.audit(), exam.studyUid());
            if (queue.items().isEmpty()) {
                said.setText(t.get("planning.apply.none"));
                return;
            }
            try {
                var item = queue.replan(by.get(), 1, plan);
                said.setText(t.get("planning.apply.done", t.protocolTitle(item.protocol(), item.title())));
                day.examVersion.set(day.examVersion.get() + 1);
            } catch (RuntimeException ex) {
                said.setText(org.lodestone.console.day.OperatorText.reason(ex));
            }
        });
        HBox row = new HBox(12, apply, said);
        row.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        return row;
    }

    Node node() {
        HBox planes = new HBox(8);
        planes.setId("localizer-planes");
        Label none = new Label(t.get("planning.noLocalizer"));
        none.setId("localizer-missing");
        Runnable draw = () -> {
            planes.getChildren().clear();
            for (int i = 0; i < day.scan.localizerPlanes.size() && i < 3; i++) {
                ImageView v = new ImageView(day.scan.localizerPlanes.get(i));
                v.setId("localizer-" + PLANES[i]);
                v.setFitWidth(280);
                v.setFitHeight(280);
                v.setPreserveRatio(true);
                planes.getChildren().add(new VBox(4, new Label(t.get("planning.plane." + PLANES[i])), v));
            }
            none.setVisible(day.scan.localizerPlanes.isEmpty());
            none.setManaged(none.isVisible());
        };
        day.watch(day.scan.localizerPlanes, (ListChangeListener<javafx.scene.image.Image>) c -> draw.run());
        draw.run();
        VBox page = new VBox(10, PatientsScreen.heading(t.get("planning.localizer")), none, planes);
        PlanningSlot slot = day.config.planning().apply(t.bundle());
        if (slot != null) {
            // the planning component draws the three planes itself, with the slice group on them
            planes.setVisible(false);
            planes.setManaged(false);
            javafx.scene.layout.VBox.setVgrow(slot.node(), javafx.scene.layout.Priority.ALWAYS);
            page.getChildren().add(slot.node());
            if (day.scan.localizerDir.get() != null) slot.showLocalizer(day.scan.localizerDir.get());
            day.watch(day.scan.localizerDir, (o, was, dir) -> { if (dir != null) slot.showLocalizer(dir); });
            if (slot.plan() != null) page.getChildren().add(applyPlan(slot));
        }
        page.setPadding(new Insets(12));
        return page;
    }
}
