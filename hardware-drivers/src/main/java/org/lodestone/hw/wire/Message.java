package org.lodestone.hw.wire;

import org.lodestone.hw.program.AdcCounters;

/**
 * The messages of the Lodestone sequencer protocol (docs/protocol.md). Host→device commands are
 * each answered by an {@link Ack} or {@link Nack} carrying the command's sequence number;
 * device→host data ({@link AcqData}, {@link Event}, {@link Done}) is unsolicited.
 */
public sealed interface Message {

    /** Wire type code of this message. */
    int type();

    // ---- host → device ----

    record Hello(int protocolVersion, String host) implements Message {
        public int type() { return MessageType.HELLO; }
    }

    /** One chunk of a device program; the whole program's CRC-32C lets the device check the assembly. */
    record UploadChunk(int programId, int totalBytes, int offset, long programCrc, byte[] chunk) implements Message {
        public int type() { return MessageType.UPLOAD_PROGRAM; }
    }

    record Arm(int programId) implements Message {
        public int type() { return MessageType.ARM; }
    }

    record Start(int programId) implements Message {
        public int type() { return MessageType.START; }
    }

    record Abort(String reason) implements Message {
        public int type() { return MessageType.ABORT; }
    }

    record SetFrequency(double hz) implements Message {
        public int type() { return MessageType.SET_FREQUENCY; }
    }

    /** Linear shim offsets through the gradient coils, in Hz/m per axis. */
    record SetShim(double x, double y, double z) implements Message {
        public int type() { return MessageType.SET_SHIM; }
    }

    record SetGains(double receiverGainDb, double transmitScale) implements Message {
        public int type() { return MessageType.SET_GAINS; }
    }

    record ReadSensors() implements Message {
        public int type() { return MessageType.READ_SENSORS; }
    }

    record TuneCoil(int tune, int match) implements Message {
        public int type() { return MessageType.TUNE_COIL; }
    }

    /**
     * Sweeps the directional coupler: a weak RF tone at startHz + k·stepHz (k &lt; count) into the coil,
     * the complex reflection coefficient measured at each. RF transmit is not used for this (the
     * coupler's own low-power source); answered by {@link Reflection} then ACK.
     */
    record MeasureReflection(double startHz, double stepHz, int count) implements Message {
        public static final int MAX_POINTS = 4096;

        public int type() { return MessageType.MEASURE_REFLECTION; }
    }

    record Heartbeat(long hostNanos) implements Message {
        public int type() { return MessageType.HEARTBEAT; }
    }

    /**
     * Asks the device to send again lines [from, from+count) from its line buffer; with a fragment
     * index (not {@link #ALL_FRAGMENTS}) only that fragment of line {@code from}.
     */
    record ResendLines(long fromCounter, int count, int fragment) implements Message {
        public static final int ALL_FRAGMENTS = 0xFFFF;

        public ResendLines(long fromCounter, int count) {
            this(fromCounter, count, ALL_FRAGMENTS);
        }

        public int type() { return MessageType.RESEND_LINES; }
    }

    /** Continue a program the device paused (it pauses, gated, when heartbeats stop). */
    record Resume(int programId) implements Message {
        public int type() { return MessageType.RESUME; }
    }

    // ---- device → host ----

    /**
     * Streaming a program larger than the board's memory: segment {@code segment} (1, 2, …) of the program
     * started as {@code programId} is the uploaded program {@code segmentProgramId}; {@code last} closes the stream.
     */
    record StreamNext(int programId, int segment, int segmentProgramId, boolean last) implements Message {
        public int type() { return MessageType.STREAM_NEXT; }
    }

    record Ack(long ackedSeq) implements Message {
        public int type() { return MessageType.ACK; }
    }

    record Nack(long nackedSeq, int code, String reason) implements Message {
        public int type() { return MessageType.NACK; }
    }

    record Capabilities(String firmware, String model, double fieldTesla, double nominalLarmorHz,
                        int tickNs, int gradientRasterTicks, int rfRasterTicks, int blockRasterTicks,
                        double maxGradientHzPerM, double maxSlewHzPerMPerS, double maxB1Hz,
                        int receiveChannels, int minDwellNs, int maxDwellNs, int maxSamplesPerAdc,
                        int programMemoryBytes, int lineBufferLines, int heartbeatTimeoutMs) implements Message {
        public int type() { return MessageType.CAPABILITIES; }

        /** What a program for this board must fit (the compiler's unit profile is made from it). */
        public org.lodestone.hw.program.BoardLimits limits() {
            return new org.lodestone.hw.program.BoardLimits(model, nominalLarmorHz, tickNs, gradientRasterTicks, rfRasterTicks,
                    blockRasterTicks, maxGradientHzPerM, maxSlewHzPerMPerS, maxB1Hz, receiveChannels, minDwellNs, maxDwellNs,
                    maxSamplesPerAdc, programMemoryBytes);
        }
    }

    /**
     * One ADC readout: the device's running line counter, its MRD counters, and samples for each
     * channel as interleaved re,im float32, channel-major.
     */
    record AcqData(long scanCounter, long deviceTimeUs, AdcCounters counters, long flags, int channels,
                   int samples, int dwellNs, double centreFrequencyHz, float[] data) implements Message {
        public int type() { return MessageType.ACQ_DATA; }
    }

    /**
     * A piece of one ADC line: lines travel in fragments of at most ~1 KiB of samples so that on a
     * noisy line a damaged frame costs one small resend, not a whole readout. {@code floatOffset}
     * places {@code data} in the line's interleaved, channel-major sample array.
     */
    record AcqFragment(long scanCounter, int fragment, int fragments, long deviceTimeUs, AdcCounters counters,
                       long flags, int channels, int samples, int dwellNs, double centreFrequencyHz, int floatOffset,
                       float[] data) implements Message {
        public int type() { return MessageType.ACQ_FRAGMENT; }
    }

    record Sensors(double magnetTemperatureC, double ambientTemperatureC, double forwardRfPowerW,
                   int interlockBits) implements Message {
        public int type() { return MessageType.SENSORS; }
    }

    /** The answer to {@link MeasureReflection}: Γ per frequency as interleaved re,im float32 (2·count values). */
    record Reflection(double startHz, double stepHz, int count, float[] gamma) implements Message {
        public int type() { return MessageType.REFLECTION; }

        public double frequencyHz(int k) {
            return startHz + k * stepHz;
        }

        public double magnitude(int k) {
            return Math.hypot(gamma[2 * k], gamma[2 * k + 1]);
        }
    }

    record Event(int code, long deviceTimeUs, String detail) implements Message {
        public int type() { return MessageType.EVENT; }
    }

    /**
     * The device's answer to each HEARTBEAT: its state and how far the program got, so the host
     * notices a lost DONE or lost last lines without waiting for anything else.
     */
    record Status(long heartbeatSeq, int state, int programId, long linesAcquired, int doneStatus,
                  int interlockBits) implements Message {
        public int type() { return MessageType.STATUS; }

        public static final int IDLE = 0;
        public static final int ARMED = 1;
        public static final int SCANNING = 2;
        /** Gated and holding its place after heartbeats stopped; RESUME continues, a timeout aborts. */
        public static final int PAUSED = 3;
        /** The last program ended; doneStatus says how. */
        public static final int DONE = 4;
    }

    /** Segment {@code segment} (0, 1, …) of streamed program {@code programId} has been played and its memory freed. */
    record SegmentDone(int programId, int segment, int segmentProgramId, long adcWindowsPlayed) implements Message {
        public int type() { return MessageType.SEGMENT_DONE; }
    }

    record Done(int programId, long linesAcquired, int status) implements Message {
        public int type() { return MessageType.DONE; }

        public static final int COMPLETE = 0;
        public static final int ABORTED = 1;
        public static final int FAULT = 2;
    }
}
