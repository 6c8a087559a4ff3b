package org.lodestone.console.ui;

import javafx.application.Platform;
import javafx.stage.Stage;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Starts the JavaFX toolkit from the command line (JavaFX is on the class path, so no
 * {@code Application} subclass), shows the operator window and returns once it is closed and the
 * unit released.
 */
public final class ConsoleLauncher {
    private ConsoleLauncher() {
    }

    /** Blocks until the operator closes the window. */
    public static void run(ConsoleWindow.Config config) throws InterruptedException {
        String display = System.getenv("DISPLAY");
        String wayland = System.getenv("WAYLAND_DISPLAY");
        if (System.getProperty("os.name", "").toLowerCase().contains("linux")
                && (display == null || display.isBlank()) && (wayland == null || wayland.isBlank())) {
            throw new IllegalStateException("the console window needs a graphical session, and DISPLAY is not set "
                    + "(for scans without a window use: lodestone scan)");
        }
        CompletableFuture<ConsoleWindow> shown = new CompletableFuture<>();
        try {
            Platform.startup(() -> {
                try {
                    ConsoleWindow w = new ConsoleWindow(config);
                    w.show(new Stage());
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
            ConsoleWindow w = shown.get();
            hook = new Thread(w::releaseNow, "console-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            w.closedLatch().await();
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot open the console window: " + ConsoleText.reason(e.getCause()));
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
