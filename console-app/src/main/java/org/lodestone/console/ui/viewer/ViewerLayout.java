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
        return "viewer.layout." + name().toLowerCase().replace("_by_", "By").replace("_", "");
    }
}
