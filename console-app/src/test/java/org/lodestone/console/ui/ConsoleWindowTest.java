package org.lodestone.console.ui;

import org.lodestone.console.unit.Units;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextField;
import javafx.scene.image.ImageView;
import javafx.scene.image.WritableImage;
import javafx.scene.robot.Robot;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.lodestone.scan.unit.UnitConnection;
import org.lodestone.twin.launch.TwinOptions;
import org.lodestone.seq.protocol.Protocol;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The operator window on a real X server (Xvfb) against a virtual scanner child process: edit
 * parameters, see invalid ones refused, run a scan to the end and check, on a screen capture
 * from the X server, that the reconstructed image is shown.
 *
 * <p>The forked test JVM gets {@code DISPLAY} from surefire (console-app/pom.xml); this test
 * starts Xvfb on that display when nothing listens there yet.
 */
class ConsoleWindowTest {
    private static final Path TARGET = Path.of("target").toAbsolutePath();
    private static final Path SCREENSHOT = TARGET.resolve("ui-screenshot.png");
    private static final Path EXAMS = TARGET.resolve("ui-exams");

    static {
        // Logs of this test (and of the virtual scanner child) go under target/, not ~/.lodestone
        // (surefire sets it too; this covers running the test from an IDE).
        if (System.getProperty("lodestone.data") == null) System.setProperty("lodestone.data", TARGET.resolve("test-data").toString());
    }

    private static Process xvfb;
    private static volatile boolean toolkitStarted;
    private static ConsoleWindow window;

    @BeforeAll
    static void startDisplayAndToolkit() throws Exception {
        String display = System.getenv("DISPLAY");
        if (display == null || !display.matches(":\\d+(\\.\\d+)?")) {
            fail("DISPLAY must be a local display like :94 (set by surefire in console-app/pom.xml); it is " + display);
        }
        String number = display.substring(1).replaceAll("\\..*", "");
        Path socket = Path.of("/tmp/.X11-unix/X" + number);
        if (!Files.exists(socket)) {
            Path xvfbBin = Stream.of("/usr/bin/Xvfb", "/usr/local/bin/Xvfb").map(Path::of).filter(Files::isExecutable)
                    .findFirst().orElse(null);
            if (xvfbBin == null) fail("Xvfb is not installed (apt-get install xvfb); the UI test needs an X server on " + display);
            Files.createDirectories(TARGET);
            // -terminate: the server ends by itself when its last client (this JVM) disconnects. Killing it
            // from here instead would race the toolkit's shutdown, and Xlib exits the JVM on a lost display.
            xvfb = new ProcessBuilder(xvfbBin.toString(), ":" + number, "-screen", "0", "1280x1024x24", "-nolisten", "tcp",
                    "-terminate")
                    .redirectErrorStream(true).redirectOutput(TARGET.resolve("xvfb.log").toFile()).start();
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (!Files.exists(socket)) {
                if (!xvfb.isAlive()) fail("Xvfb on " + display + " exited with " + xvfb.exitValue() + "; see target/xvfb.log");
                if (System.nanoTime() > end) fail("Xvfb did not open " + socket + " within 15 s; see target/xvfb.log");
                Thread.sleep(50);
            }
        }
        CountDownLatch up = new CountDownLatch(1);
        Platform.startup(up::countDown);
        Platform.setImplicitExit(false);
        assertThat(up.await(30, TimeUnit.SECONDS)).as("JavaFX toolkit started").isTrue();
        toolkitStarted = true;
    }

    @AfterEach
    void closeWindow() throws Exception {
        if (window != null) {
            ConsoleWindow w = window;
            window = null;
            fx(() -> {
                w.close();
                return null;
            });
            assertThat(w.closedLatch().await(30, TimeUnit.SECONDS)).as("window released the unit").isTrue();
        }
    }

    @AfterAll
    static void stopEverything() throws Exception {
        // Each test closed its window. An Xvfb started here ends with this JVM's display connection
        // (-terminate); only one the toolkit never connected to is stopped here.
        if (toolkitStarted) {
            Platform.exit();
        } else if (xvfb != null) {
            xvfb.destroy();
            if (!xvfb.waitFor(5, TimeUnit.SECONDS)) xvfb.destroyForcibly();
        }
    }

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void scanFromTheWindowShowsTheReconstructedImage() throws Exception {
        deleteRecursively(EXAMS);
        openConnected(EXAMS, 0.0);

        @SuppressWarnings("unchecked")
        ComboBox<Protocol> protocol = lookup("#protocol", ComboBox.class);
        Button start = lookup("#start", Button.class);
        Button abort = lookup("#abort", Button.class);
        ProgressBar progress = lookup("#progress", ProgressBar.class);
        ImageView image = lookup("#image", ImageView.class);
        Label message = lookup("#message", Label.class);
        Label validation = lookup("#validation", Label.class);
        fx(() -> {
            protocol.getSelectionModel().select(protocol.getItems().stream().filter(p -> p.name().equals("se2d")).findFirst().orElseThrow());
            return null;
        });
        TextField matrix = lookup("#param-matrix", TextField.class);
        TextField te = lookup("#param-te", TextField.class);
        assertThat(fx(start::isDisabled)).as("Start with the defaults").isFalse();
        assertThat(fx(abort::isDisabled)).as("Abort while idle").isTrue();

        // A value out of its own range: refused, with the reason, and Start disabled.
        fx(() -> {
            matrix.setText("7");
            return null;
        });
        assertThat(fx(start::isDisabled)).as("Start with matrix 7").isTrue();
        assertThat(fx(validation::getText)).contains("Matrix must be between 32 and 512");
        assertThat(fx(validation::getStyle)).contains("#c62828");
        // A value the protocol refuses in combination: TE below the minimum the sequence allows.
        fx(() -> {
            matrix.setText("128");
            te.setText("1");
            return null;
        });
        assertThat(fx(start::isDisabled)).as("Start with TE 1 ms").isTrue();
        assertThat(fx(validation::getText)).containsIgnoringCase("TE");
        String teRefusal = fx(validation::getText);
        // Not a number.
        fx(() -> {
            te.setText("abc");
            return null;
        });
        assertThat(fx(start::isDisabled)).isTrue();
        assertThat(fx(validation::getText)).contains("'abc' is not a number");

        // A valid TE: the plan is shown, Start enabled.
        fx(() -> {
            te.setText("25");
            return null;
        });
        assertThat(fx(start::isDisabled)).as("Start with TE 25 ms").isFalse();
        assertThat(fx(validation::getText)).contains("Scan time").contains("min TE").contains("min TR");

        AtomicBoolean abortWasEnabled = new AtomicBoolean();
        fx(() -> {
            abort.disableProperty().addListener((obs, was, now) -> {
                if (!now) abortWasEnabled.set(true);
            });
            start.fire();
            return null;
        });
        assertThat(fx(start::isDisabled)).as("Start while scanning").isTrue();
        waitFor("the scan to end", 180, () -> !fxUnchecked(message::getText).isEmpty());
        String result = fx(message::getText);
        assertThat(result).as("result message").startsWith("Scan complete: 128 of 128 lines");
        assertThat(abortWasEnabled).as("Abort was enabled while scanning").isTrue();
        assertThat(fx(abort::isDisabled)).isTrue();
        assertThat(fx(start::isDisabled)).isFalse();
        assertThat(fx(progress::getProgress)).isEqualTo(1.0);
        assertThat(fx(image::getImage)).as("the image view's image").isNotNull();
        assertThat(fx(() -> image.getImage().getWidth())).isGreaterThan(0);
        try (Stream<Path> exams = Files.list(EXAMS)) {
            Path exam = exams.findFirst().orElseThrow();
            assertThat(exam.getFileName().toString()).endsWith("_se2d");
            assertThat(exam.resolve("raw.mrd")).exists();
            assertThat(exam.resolve("preview.png")).exists();
            assertThat(exam.resolve("scan.json")).content().contains("\"te\" : 25.0");
        }

        // A real capture from the X server of the window's area; then the image view's part of it.
        // Rendering is asynchronous: capture again (bounded) until the image has reached the screen.
        BufferedImage screen = null;
        int x0 = 0, y0 = 0, w = 0, h = 0;
        double[] stats = {0, 0};
        for (int attempt = 0; attempt < 20 && stats[1] <= 15; attempt++) {
            Thread.sleep(250);
            Object[] shot = fx(() -> {
                Stage s = window.stage();
                WritableImage capture = new Robot().getScreenCapture(null, s.getX(), s.getY(), s.getWidth(), s.getHeight(), false);
                Bounds b = image.localToScreen(image.getBoundsInLocal());
                return new Object[] {SwingFXUtils.fromFXImage(capture, null), b.getMinX() - s.getX(), b.getMinY() - s.getY(), b.getWidth(), b.getHeight()};
            });
            screen = (BufferedImage) shot[0];
            x0 = (int) Math.round((double) shot[1]);
            y0 = (int) Math.round((double) shot[2]);
            w = (int) Math.round((double) shot[3]);
            h = (int) Math.round((double) shot[4]);
            stats = luminanceStats(screen, x0, y0, w, h);
        }
        ImageIO.write(screen, "png", SCREENSHOT.toFile());
        assertThat(w).as("image view width on screen").isGreaterThan(200);
        System.out.printf("UI test: TE refusal '%s'; result '%s'; image view at (%d,%d) %dx%d on screen, mean %.1f, std %.1f; screenshot %s%n",
                teRefusal, result.lines().findFirst().orElse(""), x0, y0, w, h, stats[0], stats[1], SCREENSHOT);
        assertThat(stats[1]).as("pixel std in the image view's region of the screen capture").isGreaterThan(15);
    }

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void abortButtonAndClosingTheWindowStopARunningScan() throws Exception {
        Path exams = TARGET.resolve("ui-exams-abort");
        deleteRecursively(exams);
        openConnected(exams, 1.0); // real time: 128 lines of TR 500 ms, long enough to stop halfway
        Button start = lookup("#start", Button.class);
        Button abort = lookup("#abort", Button.class);
        Label message = lookup("#message", Label.class);
        Label progressText = lookup("#progress-text", Label.class);

        fx(() -> {
            start.fire();
            return null;
        });
        waitFor("some lines", 60, () -> fxUnchecked(progressText::getText).matches("[1-9]\\d*/128 lines, \\d\\d:\\d\\d remaining"));
        assertThat(fx(abort::isDisabled)).as("Abort while scanning").isFalse();
        fx(() -> {
            abort.fire();
            return null;
        });
        waitFor("the aborted scan to end", 60, () -> !fxUnchecked(message::getText).isEmpty());
        assertThat(fx(message::getText)).startsWith("Scan aborted by the operator after");
        assertThat(fx(message::getStyle)).contains("#e65100");
        assertThat(fx(start::isDisabled)).isFalse();
        assertThat(fx(abort::isDisabled)).isTrue();

        // Start again, then close the window while it runs: the scan is aborted and the unit released.
        fx(() -> {
            message.setText("");
            start.fire();
            return null;
        });
        waitFor("some lines of the second scan", 60, () -> fxUnchecked(progressText::getText).matches("[1-9]\\d*/128 lines.*"));
        ConsoleWindow w = window;
        window = null;
        fx(() -> {
            w.close();
            return null;
        });
        assertThat(w.closedLatch().await(30, TimeUnit.SECONDS)).as("closing released the unit").isTrue();
        try (Stream<Path> s = Files.list(exams)) {
            var folders = s.sorted().toList();
            assertThat(folders).hasSize(2);
            for (Path exam : folders) assertThat(exam.resolve("scan.json")).content().contains("\"status\" : \"aborted\"");
        }
    }

    /** Shows a window on a virtual scanner at the given pace and waits until it is connected. */
    private static void openConnected(Path exams, double simSpeed) throws Exception {
        ConsoleWindow.Config config = new ConsoleWindow.Config("ui-test", exams,
                () -> Units.open(null, TwinOptions.defaults().withSeed(1).withSpeed(simSpeed)));
        fx(() -> {
            window = new ConsoleWindow(config);
            window.show(new Stage());
            return null;
        });
        Label status = lookup("#status", Label.class);
        waitFor("the connection", 90, () -> {
            String s = fxUnchecked(status::getText);
            if (s.startsWith("Not connected")) fail("the console could not connect: " + s);
            return s.startsWith("Connected to");
        });
        assertThat(fx(status::getText)).endsWith("(virtual)");
    }

    /** Mean and standard deviation of the luminance (0..255) in a region of the capture. */
    private static double[] luminanceStats(BufferedImage img, int x0, int y0, int w, int h) {
        double sum = 0, sq = 0;
        long n = 0;
        for (int y = Math.max(0, y0); y < Math.min(img.getHeight(), y0 + h); y++) {
            for (int x = Math.max(0, x0); x < Math.min(img.getWidth(), x0 + w); x++) {
                int rgb = img.getRGB(x, y);
                double l = 0.299 * ((rgb >> 16) & 0xff) + 0.587 * ((rgb >> 8) & 0xff) + 0.114 * (rgb & 0xff);
                sum += l;
                sq += l * l;
                n++;
            }
        }
        assertThat(n).as("pixels in the image view's region").isGreaterThan(0);
        double mean = sum / n;
        return new double[] {mean, Math.sqrt(Math.max(0, sq / n - mean * mean))};
    }

    private static <T extends Node> T lookup(String selector, Class<T> type) throws Exception {
        Node n = fx(() -> window.scene().lookup(selector));
        assertThat(n).as(selector).isInstanceOf(type);
        return type.cast(n);
    }

    private static <T> T fx(Callable<T> c) throws Exception {
        if (Platform.isFxApplicationThread()) return c.call();
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(c.call());
            } catch (Throwable t) {
                f.completeExceptionally(t);
            }
        });
        return f.get(30, TimeUnit.SECONDS);
    }

    private static <T> T fxUnchecked(Callable<T> c) {
        try {
            return fx(c);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void waitFor(String what, int seconds, BooleanSupplier cond) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!cond.getAsBoolean()) {
            if (System.nanoTime() > end) fail("timed out after " + seconds + " s waiting for " + what + "; the window shows " + windowState());
            Thread.sleep(100);
        }
    }

    /** The stage, progress, message and status texts, for a failure message. */
    private static String windowState() {
        try {
            return fx(() -> {
                if (window == null) return "no window";
                StringBuilder sb = new StringBuilder();
                for (String id : new String[] {"#stage", "#progress-text", "#message", "#status"}) {
                    Node n = window.scene().lookup(id);
                    if (n instanceof Label l) sb.append(id).append("='").append(l.getText()).append("' ");
                }
                return sb.toString().trim();
            });
        } catch (Exception e) {
            return "(unknown: " + e + ")";
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }
}
