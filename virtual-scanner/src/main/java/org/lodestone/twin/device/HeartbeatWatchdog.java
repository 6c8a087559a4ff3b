package org.lodestone.twin.device;

import org.lodestone.hw.wire.EventCode;
import org.lodestone.hw.wire.Message.Event;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.function.Supplier;

/**
 * The board's heartbeat watchdog: while RF or gradients are up or a program plays, heartbeat silence longer
 * than the window gates them off and pauses the scan; a paused scan not resumed within the resume window aborts.
 */
final class HeartbeatWatchdog {
    private static final Logger log = LoggerFactory.getLogger(HeartbeatWatchdog.class);

    private final long timeoutNanos;
    private final long resumeWindowMs;
    private final Amplifiers amplifiers;
    private final HostLink link;
    private final TwinClock clock;
    private final Supplier<ProgramPlayer> currentScan;
    private volatile long lastHeartbeatNanos = System.nanoTime();
    /** Silence is counted from here at the earliest: a scan (re)started just now has not missed anything. */
    private volatile long watchStartNanos;
    private volatile long lastGateLatencyMs = -1;

    HeartbeatWatchdog(int timeoutMs, long resumeWindowMs, Amplifiers amplifiers, HostLink link, TwinClock clock,
                      Supplier<ProgramPlayer> currentScan) {
        this.timeoutNanos = timeoutMs * 1_000_000L;
        this.resumeWindowMs = resumeWindowMs;
        this.amplifiers = amplifiers;
        this.link = link;
        this.clock = clock;
        this.currentScan = currentScan;
    }

    void heartbeat() {
        lastHeartbeatNanos = System.nanoTime();
    }

    void restartWindow() {
        watchStartNanos = System.nanoTime();
    }

    long lastGateLatencyMs() {
        return lastGateLatencyMs;
    }

    /** One look, every few milliseconds. */
    void check() {
        ProgramPlayer s = currentScan.get();
        boolean running = s != null && s.isAlive() && !s.stopping() && !s.finished();
        if (!(amplifiers.anyEnabled() || running)) return;
        long now = System.nanoTime();
        long silentNs = now - Math.max(lastHeartbeatNanos, watchStartNanos);
        if (running && s.paused()) {
            if (s.pausedForNanos() > resumeWindowMs * 1_000_000L) {
                s.abort("heartbeat lost for longer than the " + resumeWindowMs + " ms resume window", true);
            }
            return;
        }
        if (silentNs > timeoutNanos) {
            amplifiers.gateOff();
            long ms = silentNs / 1_000_000;
            lastGateLatencyMs = ms;
            if (running) {
                // Safe and resumable: the program holds its place; the host resumes it or the window runs out.
                s.pause();
                log.warn("{} heartbeat lost: no HEARTBEAT for {} ms (limit {} ms); RF and gradients gated off, scan paused",
                        Instant.now(), ms, timeoutNanos / 1_000_000);
                link.send(new Event(EventCode.HEARTBEAT_LOST, clock.deviceTimeUs(), "no heartbeat for " + ms
                        + " ms; RF and gradients gated off, scan paused"));
            } else {
                log.warn("{} heartbeat lost: no HEARTBEAT for {} ms (limit {} ms); RF and gradients gated off",
                        Instant.now(), ms, timeoutNanos / 1_000_000);
            }
        }
    }
}
