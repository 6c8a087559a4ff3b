package org.lodestone.console.ui.day;

import javafx.beans.value.ObservableValue;
import javafx.scene.Node;
import org.lodestone.console.planning.SlicePlan;

import java.nio.file.Path;
import java.util.ResourceBundle;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Where the graphical planning component goes (by default org.lodestone.console.ui.planning.PlanningPane, see
 * {@link TechnicianWindow.Config}): it is shown the localizer's series folder and, when it plans, offers the plan
 * drawn on it, which the Planning screen writes into the next queued scan.
 */
public interface PlanningSlot {
    Node node();

    void showLocalizer(Path localizerDir);

    /** The plan drawn on the localizer (null: the component does not plan). */
    default ObservableValue<SlicePlan> plan() {
        return null;
    }

    /** A component that shows the localizer and, through {@code plan}, the plan drawn on it. */
    static <N extends Node> PlanningSlot of(N node, BiConsumer<N, Path> show, Function<N, ObservableValue<SlicePlan>> plan) {
        return new PlanningSlot() {
            @Override
            public Node node() {
                return node;
            }

            @Override
            public void showLocalizer(Path dir) {
                show.accept(node, dir);
            }

            @Override
            public ObservableValue<SlicePlan> plan() {
                return plan.apply(node);
            }
        };
    }

    /** A component that shows the localizer but does not plan. */
    static <N extends Node> PlanningSlot of(N node, BiConsumer<N, Path> show) {
        return of(node, show, n -> null);
    }

    /** No planning component: nothing more than the localizer planes. */
    Function<ResourceBundle, PlanningSlot> NONE = b -> null;
}
