package org.lodestone.hw.wire;

/** Wire type codes. Host→device below 0x80, device→host from 0x80. */
public final class MessageType {
    public static final int HELLO = 0x01;
    public static final int UPLOAD_PROGRAM = 0x02;
    public static final int ARM = 0x03;
    public static final int START = 0x04;
    public static final int ABORT = 0x05;
    public static final int SET_FREQUENCY = 0x06;
    public static final int SET_SHIM = 0x07;
    public static final int SET_GAINS = 0x08;
    public static final int READ_SENSORS = 0x09;
    public static final int TUNE_COIL = 0x0A;
    public static final int HEARTBEAT = 0x0B;
    public static final int RESEND_LINES = 0x0C;
    public static final int RESUME = 0x0D;
    /** Directional-coupler sweep for coil tune and match (calibration). */
    public static final int MEASURE_REFLECTION = 0x10;
    /** Queues an uploaded program as the next segment of a streamed program. */
    public static final int STREAM_NEXT = 0x11;

    public static final int ACK = 0x80;
    public static final int CAPABILITIES = 0x81;
    public static final int NACK = 0x82;
    public static final int ACQ_DATA = 0x83;
    public static final int SENSORS = 0x84;
    public static final int EVENT = 0x85;
    public static final int DONE = 0x86;
    public static final int STATUS = 0x87;
    public static final int ACQ_FRAGMENT = 0x88;
    public static final int REFLECTION = 0x90;
    /** A segment of a streamed program has been played and its memory freed: room for the next. */
    public static final int SEGMENT_DONE = 0x91;

    private MessageType() {
    }
}
