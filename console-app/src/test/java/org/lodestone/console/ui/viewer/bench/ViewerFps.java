package org.lodestone.console.ui.viewer.bench;

import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.lodestone.console.ui.viewer.ImageViewport;
import org.lodestone.console.ui.viewer.ViewerTool;
import org.lodestone.console.viewing.SliceImage;
import org.lodestone.console.viewing.WindowLevel;

import java.util.Locale;
import java.util.ResourceBundle;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Window/level re-render rate of the viewer on a 512² slice, headless (Monocle, software pipeline): what a drag
 * costs per step. Prints (a) re-renders per second (window → grey pixels → WritableImage → canvas) and (b) frames
 * per second including rasterising the scene (a snapshot per frame, as a pulse would). Nothing is asserted.
 * Usage: ViewerFps [frames] (default 300); console-app/bench/viewer-fps.sh runs it.
 */
public final class ViewerFps {
    private ViewerFps() {
    }

    public static void main(String[] args) throws Exception {
        int frames = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        System.setProperty("glass.platform", "Monocle");
        System.setProperty("monocle.platform", "Headless");
        System.setProperty("prism.order", "sw");
        System.setProperty("prism.text", "t2k");
        CompletableFuture<Void> started = new CompletableFuture<>();
        Platform.startup(() -> started.complete(null));
        started.get(30, TimeUnit.SECONDS);
        SliceImage slice = phantom(512);
        ResourceBundle messages = ResourceBundle.getBundle("org.lodestone.console.ui.messages", Locale.ROOT);
        CompletableFuture<ImageViewport> shown = new CompletableFuture<>();
        Platform.runLater(() -> {
            ImageViewport vp = new ImageViewport(messages, () -> ViewerTool.WINDOW);
            Stage stage = new Stage();
            stage.setScene(new Scene(vp, 600, 600));
            stage.show();
            vp.show(slice, "bench");
            shown.complete(vp);
        });
        ImageViewport vp = shown.get(30, TimeUnit.SECONDS);
        double rendersPerS = onFx(() -> {
            for (int i = 0; i < frames / 10; i++) vp.setWindow(new WindowLevel(500 + i, 800)); // warm-up
            long t0 = System.nanoTime();
            for (int i = 0; i < frames; i++) vp.setWindow(new WindowLevel(500 + (i % 200), 600 + 2 * (i % 150)));
            return frames / ((System.nanoTime() - t0) / 1e9);
        });
        double framesPerS = onFx(() -> {
            vp.snapshot(null, null);
            long t0 = System.nanoTime();
            int n = Math.max(20, frames / 5);
            for (int i = 0; i < n; i++) {
                vp.setWindow(new WindowLevel(500 + (i % 200), 600 + 2 * (i % 150)));
                vp.snapshot(null, null);
            }
            return n / ((System.nanoTime() - t0) / 1e9);
        });
        System.out.printf(Locale.ROOT, "viewer W/L on a 512x512 slice, 600x600 view, headless software pipeline:%n");
        System.out.printf(Locale.ROOT, "  re-render (LUT + WritableImage + canvas): %.1f per second%n", rendersPerS);
        System.out.printf(Locale.ROOT, "  frames including scene rasterisation:     %.1f per second%n", framesPerS);
        Platform.exit();
    }

    private static double onFx(java.util.concurrent.Callable<Double> work) throws Exception {
        CompletableFuture<Double> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(work.call());
            } catch (Exception e) {
                f.completeExceptionally(e);
            }
        });
        return f.get(10, TimeUnit.MINUTES);
    }

    /** A bright ellipse in noise, values 0..1000. */
    private static SliceImage phantom(int n) {
        float[] v = new float[n * n];
        SplittableRandom random = new SplittableRandom(3);
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                double u = (x - n / 2.0) / (0.35 * n), w = (y - n / 2.0) / (0.45 * n);
                v[y * n + x] = (float) ((u * u + w * w <= 1 ? 800 : 20) + 40 * random.nextGaussian());
            }
        }
        return new SliceImage(n, n, v, 0.5, 0.5);
    }
}
