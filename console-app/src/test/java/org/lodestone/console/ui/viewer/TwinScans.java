package org.lodestone.console.ui.viewer;

import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.image.Image;
import org.lodestone.console.cli.LodestoneCli;
import org.testfx.api.FxRobot;

import javax.imageio.ImageIO;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Real scan folders for the viewer and planning tests: bin/lodestone scan on a twin at full speed, small matrices. */
public final class TwinScans {
    public static final Path SCREENSHOTS = Path.of("target", "screenshots", "technician-day", "viewer");

    private TwinScans() {
    }

    /** Runs {@code protocol} with {@code params} (name=value) into {@code root/name} and returns that folder. */
    public static Path scan(Path root, String name, String protocol, String... params) throws Exception {
        LodestoneCli cli = new LodestoneCli(Files.createDirectories(root.resolve("home")));
        Path out = root.resolve(name);
        List<String> args = new ArrayList<>(List.of("scan", "--protocol", protocol, "--out", out.toString(), "--sim-speed", "0",
                "--sim-seed", "7"));
        for (String p : params) args.addAll(List.of("--param", p));
        LodestoneCli.Run run = cli.run(args.toArray(String[]::new));
        assertThat(run.exit()).as("scan %s: %s", protocol, run.output()).isZero();
        assertThat(out.resolve("images.nii")).isRegularFile();
        return out;
    }

    /** Saves what {@code node} shows as {@code SCREENSHOTS/name}.png. */
    public static void screenshot(FxRobot robot, Node node, String name) throws IOException {
        Image image = robot.capture(node).getImage();
        Files.createDirectories(SCREENSHOTS);
        ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", SCREENSHOTS.resolve(name + ".png").toFile());
    }
}
