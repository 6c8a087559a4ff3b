package org.lodestone.console.ui.day;

import javafx.scene.Node;
import javafx.scene.input.KeyCode;

import java.nio.file.Path;
import java.util.ResourceBundle;
import java.util.function.BiPredicate;
import java.util.function.Function;

/**
 * Where the image viewer goes (org.lodestone.console.ui.viewer.ViewerPane, built by another engineer): the merge
 * wires {@code b -> ViewerSlot.of(new ViewerPane(b), ViewerPane::open)}. Until then the Viewer screen shows each
 * series' image itself.
 */
public interface ViewerSlot {
    Node node();

    void open(Path seriesDir, String title);

    /** A key the window passes on while the viewer is shown (focus elsewhere); true when the viewer used it. */
    default boolean key(KeyCode code) {
        return false;
    }

    /** Adapts a component with an {@code open(Path, String)} method. */
    interface Opener<N> {
        void open(N node, Path seriesDir, String title);
    }

    static <N extends Node> ViewerSlot of(N node, Opener<N> open) {
        return of(node, open, (n, code) -> false);
    }

    /** As {@link #of(Node, Opener)}, with the component's key handling. */
    static <N extends Node> ViewerSlot of(N node, Opener<N> open, BiPredicate<N, KeyCode> key) {
        return new ViewerSlot() {
            @Override
            public Node node() {
                return node;
            }

            @Override
            public void open(Path seriesDir, String title) {
                open.open(node, seriesDir, title);
            }

            @Override
            public boolean key(KeyCode code) {
                return key.test(node, code);
            }
        };
    }

    Function<ResourceBundle, ViewerSlot> NONE = b -> null;
}
