package org.lodestone.hw.gpio;

/**
 * The unit armed for RF and gradients: while open, the interlocks are watched and the amplifier
 * enables and scanning lamp are up (they drop by themselves on a trip); {@link #close()} drops them.
 * A handle from {@link #withoutInterlocks} watches nothing: only for a unit run with no interlock
 * GPIO on the operator's explicit say-so ({@code --gpio none}).
 */
public final class Armed implements AutoCloseable {
    private final InterlockGuard guard;
    private final String note;
    /** Null for the handle that raised the enables; else the handle this one only looks through. */
    private final Armed holder;
    private boolean closed;

    private Armed(InterlockGuard guard, String note, Armed holder) {
        this.guard = guard;
        this.note = note;
        this.holder = holder;
    }

    static Armed by(InterlockGuard guard) {
        return new Armed(guard, "interlocks watched", null);
    }

    /** Armed with nothing watched; {@code why} says who allowed it (for the log and the record). */
    public static Armed withoutInterlocks(String why) {
        return new Armed(null, why, null);
    }

    /**
     * For one program inside this arming (e.g. each routine of a calibration run): refused when
     * this handle is no longer armed (an interlock tripped since, naming it); closing the view
     * leaves the enables to this handle.
     */
    public Armed view() throws ArmRefused {
        if (!isArmed()) {
            throw new ArmRefused(guard == null ? "the unit is no longer armed" : guard.blockingReason()
                    .or(() -> guard.events().isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(guard.events().getLast().detail()))
                    .map(why -> "disarmed by the interlock: " + why).orElse("the unit is no longer armed"));
        }
        return new Armed(guard, note, this);
    }

    /** True when interlock inputs are watched (false only for {@link #withoutInterlocks}). */
    public boolean interlocksWatched() {
        return guard != null;
    }

    /** Still armed: no trip since arming and not closed (always true without interlocks until closed). */
    public synchronized boolean isArmed() {
        return !closed && (holder == null || holder.isArmed()) && (guard == null || guard.isArmed());
    }

    /** "interlocks watched", or who allowed arming without them. */
    public String note() {
        return note;
    }

    /** Drops the enables and the lamp (idempotent). */
    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        if (guard != null && holder == null) guard.scanEnded();
    }
}
