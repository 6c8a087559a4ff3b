package org.lodestone.console.ui;

import javafx.application.Platform;
import javafx.geometry.Rectangle2D;
import javafx.stage.Screen;
import javafx.stage.Stage;
import org.lodestone.console.day.OperatorText;
import org.lodestone.console.ui.day.TechnicianWindow;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Starts the JavaFX toolkit from the command line (JavaFX is on the class path, so no
 * {@code Application} subclass), shows the technician's window and returns once it is closed and the
 * unit released.
 */
public final class ConsoleLauncher {
    private ConsoleLauncher() {
    }

    /** Blocks until the operator closes the window. */
    public static void run(TechnicianWindow.Config config) throws InterruptedException {
        String display = System.getenv("DISPLAY");
        String wayland = System.getenv("WAYLAND_DISPLAY");
        if (System.getProperty("os.name", "").toLowerCase().contains("linux")
                && (display == null || display.isBlank()) && (wayland == null || wayland.isBlank())) {
            throw new IllegalStateException("the console window needs a graphical session, and DISPLAY is not set "
                    + "(for scans without a window use: lodestone scan)");
        }
        CompletableFuture<TechnicianWindow> shown = new CompletableFuture<>();
        try {
            Platform.startup(() -> {
                try {
                    TechnicianWindow w = new TechnicianWindow(config);
                    // The whole screen up to 1280×800 (a panel PC's 1024×600 included); larger screens get room to spare.
                    Rectangle2D screen = Screen.getPrimary().getVisualBounds();
                    w.show(new Stage(), Math.max(1024, Math.min(1280, screen.getWidth())), Math.max(600, Math.min(800, screen.getHeight())));
                    shown.complete(w);
                } catch (RuntimeException e) {
                    shown.completeExceptionally(e);
                }
            });
        } catch (UnsupportedOperationException e) {
            throw new IllegalStateException("cannot open the console window: " + e.getMessage());
        }
        Thread hook = null;
        try {
            TechnicianWindow w = shown.get();
            hook = new Thread(() -> w.day().close(), "console-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            w.closedLatch().await();
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot open the console window: " + OperatorText.reason(e.getCause()));
        } finally {
            if (hook != null) {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException ignored) {
                    // already shutting down: the hook does its work
                }
            }
            Platform.exit();
        }
    }
}
