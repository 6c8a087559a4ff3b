package org.lodestone.twin.device;

/**
 * Twin time. At speed > 0 it is wall time since start × speed. At speed 0 it advances only by
 * program time, so scripted events and the magnet temperature are reproducible run to run.
 * Also the board's own microsecond clock, stamped on events and lines.
 */
final class TwinClock {
    private final double speed;
    private final long startNanos = System.nanoTime();
    private double idleBase;
    private double scanStart = Double.NaN;
    private double scanProgram;

    TwinClock(double speed) {
        this.speed = speed;
    }

    synchronized double now() {
        if (speed > 0) return (System.nanoTime() - startNanos) * 1e-9 * speed;
        return Double.isNaN(scanStart) ? idleBase : scanStart + scanProgram;
    }

    synchronized double scanStarted() {
        scanStart = now();
        scanProgram = 0;
        return scanStart;
    }

    synchronized void scanAt(double programS) {
        scanProgram = programS;
    }

    synchronized void scanEnded() {
        if (speed == 0 && !Double.isNaN(scanStart)) idleBase = scanStart + scanProgram;
        scanStart = Double.NaN;
    }

    /** The board's clock: microseconds since power-on. */
    long deviceTimeUs() {
        return (System.nanoTime() - startNanos) / 1000;
    }
}
