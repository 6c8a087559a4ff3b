package org.lodestone.console.ui.viewer;

/** How the viewer arranges its images. */
public enum ViewerLayout {
    /** One slice of the selected series. */
    SINGLE,
    /** Consecutive slices of the selected series in a 3 × 3 grid. */
    GRID,
    /** The three orthogonal planes of a 3D series (or their maximum intensity projections). */
    MPR,
    /** The selected series beside the one chosen to compare with. */
    SIDE_BY_SIDE;

    String key() {
        return switch (this) {
            case SINGLE -> "viewer.layout.single";
            case GRID -> "viewer.layout.grid";
            case MPR -> "viewer.layout.mpr";
            case SIDE_BY_SIDE -> "viewer.layout.sideBySide";
        };
    }
}
