package org.lodestone.console.ui.viewer;

/** What a drag on an image does. */
public enum ViewerTool {
    WINDOW, PAN, ZOOM, DISTANCE, ANGLE, ROI;

    /** Message key of the tool's button. */
    String key() {
        return "viewer.tool." + name().toLowerCase();
    }
}
