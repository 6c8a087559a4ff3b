package org.lodestone.console.ui;

import javafx.util.StringConverter;

import java.util.function.Function;

/**
 * How a drop-down shows its items: the items stay the library's identifiers or values, the window shows each in its
 * own words. The drop-downs are not editable, so text never turns back into an item.
 */
public final class ShownAs {
    private ShownAs() {
    }

    public static <T> StringConverter<T> words(Function<T, String> words) {
        return new StringConverter<>() {
            @Override
            public String toString(T item) {
                return item == null ? "" : words.apply(item);
            }

            @Override
            public T fromString(String text) {
                return null; // not editable: nothing is typed
            }
        };
    }
}
