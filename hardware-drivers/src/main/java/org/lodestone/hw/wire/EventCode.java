package org.lodestone.hw.wire;

/** Codes of device {@link Message.Event}s. */
public final class EventCode {
    public static final int INTERLOCK = 1;
    public static final int AMPLIFIER_FAULT = 2;
    public static final int FIFO_OVERRUN = 3;
    /** Heartbeats stopped: the device has gated RF and gradients off. */
    public static final int HEARTBEAT_LOST = 4;
    public static final int SCAN_STARTED = 5;
    /** A streamed program's next segment was not in memory when the playing one ended: gated off, scan ended. */
    public static final int PROGRAM_UNDERRUN = 6;

    private EventCode() {
    }

    public static String name(int code) {
        return switch (code) {
            case INTERLOCK -> "interlock";
            case AMPLIFIER_FAULT -> "amplifier fault";
            case FIFO_OVERRUN -> "FIFO overrun";
            case HEARTBEAT_LOST -> "heartbeat lost";
            case SCAN_STARTED -> "scan started";
            case PROGRAM_UNDERRUN -> "program underrun";
            default -> "event " + code;
        };
    }
}
