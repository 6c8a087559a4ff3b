package org.lodestone.console.viewing;

/** Which of {@code count} slices is shown: scrolling stops at the ends, cine wraps round. */
public record SliceCursor(int index, int count) {

    public SliceCursor {
        if (count < 1 || index < 0 || index >= count) throw new IllegalArgumentException("slice " + index + " of " + count);
    }

    public static SliceCursor middleOf(int count) {
        return new SliceCursor(count / 2, count);
    }

    public SliceCursor scrolled(int delta) {
        return new SliceCursor(Math.clamp((long) index + delta, 0, count - 1), count);
    }

    public SliceCursor nextInCine() {
        return new SliceCursor((index + 1) % count, count);
    }
}
