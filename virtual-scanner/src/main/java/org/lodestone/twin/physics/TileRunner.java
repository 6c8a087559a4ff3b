package org.lodestone.twin.physics;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * Runs a block's operations over the tiles on the model's threads. ADC sums are reduced per tile and then
 * over tiles in a fixed order, so the result does not depend on the number of threads.
 */
final class TileRunner {
    private final ScannerModel model;
    private final IsochromatGrid grid;
    private final TransformReadout transform;

    TileRunner(ScannerModel model, IsochromatGrid grid, TransformReadout transform) {
        this.model = model;
        this.grid = grid;
        this.transform = transform;
    }

    /** A block's operations in order; a TRANSFORM window is summed by {@link TransformReadout} between the rest. */
    void run(List<SpinOp> ops) {
        List<SpinOp> chunk = new ArrayList<>(ops.size());
        for (SpinOp op : ops) {
            if (op instanceof SpinOp.Adc a && a.mode() == SpinOp.AdcMode.TRANSFORM) {
                runTiles(chunk);
                chunk.clear();
                transform.sum(a, this);
            } else {
                chunk.add(op);
            }
        }
        runTiles(chunk);
    }

    void runTiles(List<SpinOp> ops) {
        if (ops.isEmpty()) return;
        int threads = model.threads();
        if (threads == 1 || grid.tileFrom.length < 2) {
            new TileKernels(grid, transform, 0, 1, ops).call();
            return;
        }
        List<Callable<Void>> tasks = new ArrayList<>(threads);
        for (int k = 0; k < threads; k++) tasks.add(new TileKernels(grid, transform, k, threads, List.copyOf(ops)));
        invoke(tasks);
    }

    /** Runs the tasks on the model's pool, or here one after another with one thread. */
    void invokeAll(List<Callable<Void>> tasks) {
        if (model.threads() == 1) {
            for (Callable<Void> task : tasks) {
                try {
                    task.call();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        } else {
            invoke(tasks);
        }
    }

    private void invoke(List<Callable<Void>> tasks) {
        try {
            for (Future<Void> f : model.pool().invokeAll(tasks)) f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("simulation interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("simulation failed: " + e.getCause(), e.getCause());
        }
    }
}
