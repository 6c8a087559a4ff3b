package org.lodestone.console.ui.day;

import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import org.lodestone.console.day.StatusLine;

/**
 * The status bar: one label per item (ids status-link, status-interlocks, …). A FlowPane, so on a narrow
 * screen (1024×600) the items wrap to a second row instead of being cut off.
 */
final class StatusBarView {
    private final DayContext day;
    private final FlowPane bar = new FlowPane(16, 2);

    StatusBarView(DayContext day) {
        this.day = day;
        bar.setId("status-bar");
        bar.getStyleClass().add("status-bar");
        day.watch(day.status, (o, was, now) -> render());
        render();
    }

    Node node() {
        return bar;
    }

    private void render() {
        bar.getChildren().clear();
        for (StatusLine.Item item : day.status.get().items(day.t())) {
            Label l = new Label(item.text());
            l.setId("status-" + item.id());
            l.getStyleClass().addAll("status-item", "level-" + item.level().name().toLowerCase(java.util.Locale.ROOT));
            bar.getChildren().add(l);
        }
    }
}
