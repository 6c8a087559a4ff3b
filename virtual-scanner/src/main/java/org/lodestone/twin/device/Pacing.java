package org.lodestone.twin.device;

/**
 * Where a playing program is in wall time: the origin of its timeline (moved on by each pause so pacing
 * continues where it stopped) and whether it is held, paused by lost heartbeats.
 */
final class Pacing {
    private final double speed;
    private long startNanos;
    private boolean paused;
    private long pausedAtNanos;

    Pacing(double speed) {
        this.speed = speed;
    }

    synchronized void begin() {
        startNanos = System.nanoTime();
    }

    synchronized void pause() {
        if (!paused) {
            pausedAtNanos = System.nanoTime();
            paused = true;
        }
    }

    /** True if it was paused. */
    synchronized boolean resume() {
        if (!paused) return false;
        startNanos += System.nanoTime() - pausedAtNanos;
        paused = false;
        return true;
    }

    synchronized boolean paused() {
        return paused;
    }

    synchronized long pausedForNanos() {
        return paused ? System.nanoTime() - pausedAtNanos : 0;
    }

    /** Nanoseconds until program time {@code programS} is due (≤ 0: due); at speed 0 everything is due. */
    synchronized long nanosUntil(double programS) {
        if (speed <= 0) return 0;
        return startNanos + (long) (programS / speed * 1e9) - System.nanoTime();
    }
}
