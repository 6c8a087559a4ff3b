package org.lodestone.console.ui.day;

import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;

import java.util.function.Function;

/** List rows that show one line of text per item (and nothing in the empty rows below the last). */
final class TextCells {
    private TextCells() {
    }

    static <T> void show(ListView<T> list, Function<T, String> text) {
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(T item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : text.apply(item));
            }
        });
    }
}
