package org.lodestone.console.ui.day;

import javafx.scene.Node;

import java.nio.file.Path;
import java.util.ResourceBundle;
import java.util.function.Function;

/**
 * Where the graphical planning component goes (org.lodestone.console.ui.planning.PlanningPane, built by another
 * engineer): the merge wires {@code b -> PlanningSlot.of(new PlanningPane(b), PlanningPane::showLocalizer)}.
 * Until then the window shows the localizer's planes alone.
 */
public interface PlanningSlot {
    Node node();

    void showLocalizer(Path localizerDir);

    /** The plan drawn on the localizer (null: the component does not plan). */
    default javafx.beans.value.ObservableValue<org.lodestone.console.planning.SlicePlan> plan() {
        return null;
    }

    /** A component that also plans. */
    static <N extends Node> PlanningSlot of(N node, java.util.function.BiConsumer<N, Path> show,
                                            java.util.function.Function<N, javafx.beans.value.ObservableValue<org.lodestone.console.planning.SlicePlan>> plan) {
        PlanningSlot base = of(node, show);
        return new PlanningSlot() {
            @Override
            public Node node() {
                return node;
            }

            @Override
            public void showLocalizer(Path dir) {
                base.showLocalizer(dir);
            }

            @Override
            public javafx.beans.value.ObservableValue<org.lodestone.console.planning.SlicePlan> plan() {
                return plan.apply(node);
            }
        };
    }

    static <N extends Node> PlanningSlot of(N node, java.util.function.BiConsumer<N, Path> show) {
        return new PlanningSlot() {
            @Override
            public Node node() {
                return node;
            }

            @Override
            public void showLocalizer(Path dir) {
                show.accept(node, dir);
            }
        };
    }

    /** No planning component: nothing more than the localizer planes. */
    Function<ResourceBundle, PlanningSlot> NONE = b -> null;
}
