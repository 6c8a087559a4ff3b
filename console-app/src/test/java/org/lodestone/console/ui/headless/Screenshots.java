package org.lodestone.console.ui.headless;

import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import javax.imageio.ImageIO;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A headless UI test's screenshots: what a node shows, as a PNG in one folder under target/screenshots. */
public record Screenshots(Path dir) {
    public static Screenshots under(String folder) {
        return new Screenshots(Path.of("target/screenshots").resolve(folder));
    }

    /** Writes {@code node} as {@code name} (".png" added when missing), after pending FX events. */
    public void take(FxRobot robot, Node node, String name) throws IOException {
        WaitForAsyncUtils.waitForFxEvents();
        var image = robot.capture(node).getImage();
        Files.createDirectories(dir);
        ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", dir.resolve(name.endsWith(".png") ? name : name + ".png").toFile());
    }
}
