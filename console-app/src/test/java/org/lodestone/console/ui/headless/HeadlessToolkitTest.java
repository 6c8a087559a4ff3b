package org.lodestone.console.ui.headless;

import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The headless UI set-up itself: the tagged tests run on Monocle's headless platform (console-app/pom.xml,
 * execution {@code headless-ui}), where a click reaches a control and a snapshot has the scene's size.
 * Every window test builds on this; when it fails, read its message before the others'.
 */
@Tag("headless-ui")
@ExtendWith(ApplicationExtension.class)
class HeadlessToolkitTest {
    private Label shown;

    @Start
    void start(Stage stage) {
        shown = new Label("idle");
        Button go = new Button("Go");
        go.setId("go");
        go.setOnAction(e -> shown.setText("clicked"));
        stage.setScene(new Scene(new VBox(go, shown), 320, 200));
        stage.show();
    }

    @Test
    void aClickReachesTheButtonOnTheHeadlessPlatform(FxRobot robot) {
        assertThat(System.getProperty("glass.platform")).as("the headless-ui execution runs on Monocle").isEqualTo("Monocle");
        robot.clickOn("#go");
        assertThat(shown.getText()).isEqualTo("clicked");
        assertThat(robot.capture(shown.getScene().getRoot()).getImage().getWidth()).isBetween(320.0, 324.0); // a capture adds a pixel of border each side
    }
}
