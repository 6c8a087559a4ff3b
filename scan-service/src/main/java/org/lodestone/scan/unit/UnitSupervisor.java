package org.lodestone.scan.unit;

import org.lodestone.hw.session.DeviceException;
import org.lodestone.hw.session.ScannerSession;
import org.lodestone.hw.wire.Message.Capabilities;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Watches one unit, idle as well as during a scan: the session's heartbeats are answered by the
 * unit every period, so silence longer than {@link Timing#notRespondingAfterMs} means the unit
 * stalled or vanished and the state turns NOT_RESPONDING; when it answers again the state is
 * CONNECTED again. Once the session has given the link up (closed by the other end, or silent past
 * its give-up time, 15 s) it reconnects by itself at the same device path or TCP address (new link,
 * new HELLO, capabilities read again), retrying until the unit answers. Short outages are left to
 * the session, which holds and resumes a running scan across them.
 */
final class UnitSupervisor implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(UnitSupervisor.class);

    /**
     * @param periodMs             how often the unit is looked at
     * @param notRespondingAfterMs silence after which the unit is reported not responding
     * @param retryMs              wait between reconnection attempts
     */
    record Timing(long periodMs, long notRespondingAfterMs, long retryMs) {
        static final Timing DEFAULT = new Timing(100, 1000, 1000);
    }

    /** Opens a new, greeted session to the same unit. */
    @FunctionalInterface
    interface Reconnect {
        Connected open() throws IOException, DeviceException;
    }

    record Connected(ScannerSession session, Capabilities capabilities) {
    }

    private final UnitConnection unit;
    private final Reconnect reconnect;
    private final Timing timing;
    private final List<Consumer<UnitState>> listeners = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService thread;
    private volatile UnitState state = UnitState.CONNECTED;
    private long lastAttemptNanos;
    private int attempts;

    UnitSupervisor(UnitConnection unit, Reconnect reconnect, Timing timing) {
        this.unit = unit;
        this.reconnect = reconnect;
        this.timing = timing;
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon().name("unit-supervisor").unstarted(r));
    }

    UnitSupervisor start() {
        thread.scheduleWithFixedDelay(this::check, timing.periodMs(), timing.periodMs(), TimeUnit.MILLISECONDS);
        return this;
    }

    UnitState state() {
        return state;
    }

    void addListener(Consumer<UnitState> l) {
        listeners.add(l);
    }

    void removeListener(Consumer<UnitState> l) {
        listeners.remove(l);
    }

    private void check() {
        try {
            ScannerSession s = unit.session();
            long silent = s.silenceMs();
            boolean lost = s.isLost();
            set(lost || silent > timing.notRespondingAfterMs() ? UnitState.NOT_RESPONDING : UnitState.CONNECTED,
                    lost ? s.lostReason() : "no answer for " + silent + " ms");
            if (lost && System.nanoTime() - lastAttemptNanos > timing.retryMs() * 1_000_000) reconnect(s);
        } catch (RuntimeException e) {
            log.error("Unit supervision failed", e);
        }
    }

    /** Closes the old session first (one owner of the device at a time), then opens and greets a new one. */
    private void reconnect(ScannerSession old) {
        lastAttemptNanos = System.nanoTime();
        attempts++;
        old.close();
        try {
            Connected c = reconnect.open();
            unit.replaceSession(c.session(), c.capabilities());
            // the operator's line names no device; the log file keeps where
            log.warn("Unit connected again: {} ({})", c.capabilities().model(), c.capabilities().firmware());
            log.info("Reconnected on {} after {} attempt{}", unit.port(), attempts, attempts == 1 ? "" : "s");
            attempts = 0;
            set(UnitState.CONNECTED, "reconnected");
        } catch (IOException | DeviceException e) {
            // the log keeps each attempt; the window shows only the state
            if (attempts == 1) log.warn("Unit not answering; reconnecting by itself");
            if (attempts == 1) log.info("Reconnection attempt on {} failed: {}", unit.port(), e.getMessage());
            else log.debug("Reconnection attempt {} failed: {}", attempts, e.getMessage());
        }
    }

    private void set(UnitState next, String why) {
        if (state == next || state == UnitState.CLOSED) return;
        state = next;
        if (next == UnitState.NOT_RESPONDING) log.warn("Unit not responding: {}", why.contains("/") ? "link lost" : why);
        if (next == UnitState.NOT_RESPONDING) log.info("Unit not responding: {}", why);
        else log.info("Unit {}: {}", next.text().toLowerCase(java.util.Locale.ROOT), why);
        for (Consumer<UnitState> l : listeners) {
            try {
                l.accept(next);
            } catch (RuntimeException e) {
                log.error("Unit state listener failed", e);
            }
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
        try {
            thread.awaitTermination(6, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        set(UnitState.CLOSED, "closed");
    }
}
