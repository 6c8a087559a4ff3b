package org.lodestone.recon.cartesian;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Reconstructs each 2D slice as soon as its last line is in: listens to a {@link KSpaceBuffer} and runs
 * FFT + RSS on one background thread (so the acquisition thread never waits for an FFT), then hands the
 * magnitude image to {@code sink} on that thread. Close it to stop; pending slices are finished first.
 */
public final class StreamingRecon implements AutoCloseable {

    /** A finished slice, {@code nx × ny} magnitude, x fastest. */
    public record SliceImage(int slice, int contrast, int nx, int ny, float[] magnitude) {
        public SliceImage {
            magnitude = magnitude.clone();
        }

        @Override
        public float[] magnitude() {
            return magnitude.clone();
        }
    }

    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "slice-recon");
        t.setDaemon(true);
        return t;
    });

    /** Used only on the worker thread (one thread: no pool), so its plans are reused slice after slice. */
    private final RssReconstructor rss = new RssReconstructor(1);

    public StreamingRecon(KSpaceBuffer buffer, Consumer<SliceImage> sink) {
        buffer.addSliceReadyListener((b, slice, contrast) -> worker.execute(() -> sink.accept(new SliceImage(slice,
                contrast, b.nx(), b.ny(), CartesianRecon2D.reconstructSlice(b, slice, contrast, rss)))));
    }

    @Override
    public void close() throws InterruptedException {
        worker.shutdown();
        if (!worker.awaitTermination(30, TimeUnit.SECONDS)) {
            worker.shutdownNow();
        }
        rss.close();
    }
}
