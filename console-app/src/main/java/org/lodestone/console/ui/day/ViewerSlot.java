package org.lodestone.console.ui.day;

import javafx.scene.Node;

import java.nio.file.Path;
import java.util.ResourceBundle;
import java.util.function.Function;

/**
 * Where the image viewer goes (org.lodestone.console.ui.viewer.ViewerPane, built by another engineer): the merge
 * wires {@code b -> ViewerSlot.of(new ViewerPane(b), ViewerPane::open)}. Until then the Viewer screen shows each
 * series' image itself.
 */
public interface ViewerSlot {
    Node node();

    void open(Path seriesDir, String title);

    /** Adapts a component with an {@code open(Path, String)} method. */
    interface Opener<N> {
        void open(N node, Path seriesDir, String title);
    }

    static <N extends Node> ViewerSlot of(N node, Opener<N> open) {
        return new ViewerSlot() {
            @Override
            public Node node() {
                return node;
            }

            @Override
            public void open(Path seriesDir, String title) {
                open.open(node, seriesDir, title);
            }
        };
    }

    Function<ResourceBundle, ViewerSlot> NONE = b -> null;
}
