package org.lodestone.console.ui.viewer;

import org.junit.jupiter.api.Test;
import org.lodestone.console.viewing.WindowPreset;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;

import static org.assertj.core.api.Assertions.assertThat;

/** Every text the viewer and the planning pane ask for is there in English and in Simplified Chinese. */
class ViewerTextsTest {

    @Test
    void everyKeyIsInBothLanguages() {
        List<String> keys = new ArrayList<>(List.of("viewer.series", "viewer.mip", "viewer.cine", "viewer.reset", "viewer.compare",
                "viewer.preset.prompt", "viewer.slice", "viewer.info", "viewer.distance", "viewer.angle", "viewer.roi",
                "viewer.error.open", "viewer.mpr.needsVolume", "planning.slices", "planning.gap", "planning.fov",
                "planning.thickness", "planning.summary", "planning.plane.0", "planning.plane.1", "planning.plane.2",
                "planning.error.open", "planning.hint"));
        for (ViewerTool t : ViewerTool.values()) keys.add(t.key());
        for (ViewerLayout l : ViewerLayout.values()) keys.add(l.key());
        for (WindowPreset p : WindowPreset.ALL) keys.add("viewer.preset." + p.key());
        ResourceBundle en = ResourceBundle.getBundle("org.lodestone.console.ui.messages", Locale.ROOT);
        ResourceBundle zh = ResourceBundle.getBundle("org.lodestone.console.ui.messages", Locale.SIMPLIFIED_CHINESE);
        for (String k : keys) {
            assertThat(en.containsKey(k)).as("English %s", k).isTrue();
            assertThat(zh.getString(k)).as("Chinese %s", k).isNotEqualTo(en.getString(k));
        }
    }
}
