package org.lodestone.hw.wire;

import org.lodestone.hw.program.AdcCounters;
import org.lodestone.hw.wire.Message.*;

/** Messages to frame payloads and back. Anything malformed is a {@link ProtocolException}. */
public final class MessageCodec {
    /** Upper bound on samples × channels in one ACQ_DATA so a corrupt count cannot allocate wildly. */
    static final int MAX_ACQ_FLOATS = FrameCodec.MAX_PAYLOAD / 4;

    private MessageCodec() {
    }

    public static Frame toFrame(Message m, long seq) {
        return new Frame(m.type(), seq, payload(m));
    }

    public static byte[] payload(Message m) {
        PayloadWriter w = new PayloadWriter();
        write(m, w);
        return w.toByteArray();
    }

    /** Appends the message's payload to {@code w} (a link encodes frames in place this way). */
    public static void write(Message m, PayloadWriter w) {
        switch (m) {
            case Hello h -> w.u16(h.protocolVersion()).str(h.host());
            case UploadChunk u -> w.u32(u.programId()).u32(u.totalBytes()).u32(u.offset()).u32(u.programCrc())
                    .u32(u.chunk().length).bytes(u.chunk());
            case Arm a -> w.u32(a.programId());
            case Start s -> w.u32(s.programId());
            case Abort a -> w.str(a.reason());
            case SetFrequency f -> w.f64(f.hz());
            case SetShim s -> w.f64(s.x()).f64(s.y()).f64(s.z());
            case SetGains g -> w.f64(g.receiverGainDb()).f64(g.transmitScale());
            case ReadSensors r -> { }
            case TuneCoil t -> w.u16(t.tune()).u16(t.match());
            case MeasureReflection x -> w.f64(x.startHz()).f64(x.stepHz()).u32(x.count());
            case Reflection x -> w.f64(x.startHz()).f64(x.stepHz()).u32(x.count()).floats(x.gamma());
            case Heartbeat h -> w.u64(h.hostNanos());
            case ResendLines r -> w.u32(r.fromCounter()).u32(r.count()).u16(r.fragment());
            case Resume r -> w.u32(r.programId());
            case StreamNext n -> w.u32(n.programId()).u32(n.segment()).u32(n.segmentProgramId()).u8(n.last() ? 1 : 0);
            case SegmentDone d -> w.u32(d.programId()).u32(d.segment()).u32(d.segmentProgramId()).u32(d.adcWindowsPlayed());
            case Status s -> w.u32(s.heartbeatSeq()).u8(s.state()).u32(s.programId()).u32(s.linesAcquired())
                    .u8(s.doneStatus()).u32(s.interlockBits());
            case Ack a -> w.u32(a.ackedSeq());
            case Nack n -> w.u32(n.nackedSeq()).u16(n.code()).str(n.reason());
            case Capabilities c -> w.str(c.firmware()).str(c.model()).f64(c.fieldTesla()).f64(c.nominalLarmorHz())
                    .u32(c.tickNs()).u32(c.gradientRasterTicks()).u32(c.rfRasterTicks()).u32(c.blockRasterTicks())
                    .f64(c.maxGradientHzPerM()).f64(c.maxSlewHzPerMPerS()).f64(c.maxB1Hz())
                    .u16(c.receiveChannels()).u32(c.minDwellNs()).u32(c.maxDwellNs()).u32(c.maxSamplesPerAdc())
                    .u32(c.programMemoryBytes()).u32(c.lineBufferLines()).u32(c.heartbeatTimeoutMs());
            case AcqData d -> {
                w.u32(d.scanCounter());
                new LineHeader(d.deviceTimeUs(), d.counters(), d.flags(), d.channels(), d.samples(), d.dwellNs(),
                        d.centreFrequencyHz()).write(w);
                w.floats(d.data());
            }
            case AcqFragment d -> {
                w.u32(d.scanCounter()).u16(d.fragment()).u16(d.fragments());
                new LineHeader(d.deviceTimeUs(), d.counters(), d.flags(), d.channels(), d.samples(), d.dwellNs(),
                        d.centreFrequencyHz()).write(w);
                w.u32(d.floatOffset()).u32(d.data().length).floats(d.data());
            }
            case Sensors s -> w.f64(s.magnetTemperatureC()).f64(s.ambientTemperatureC()).f64(s.forwardRfPowerW())
                    .u32(s.interlockBits());
            case Event e -> w.u16(e.code()).u64(e.deviceTimeUs()).str(e.detail());
            case Done d -> w.u32(d.programId()).u32(d.linesAcquired()).u8(d.status());
        }
    }

    public static Message decode(Frame f) throws ProtocolException {
        String what = typeName(f.type()) + " #" + f.seq();
        PayloadReader r = new PayloadReader(f.payload(), what);
        Message m = switch (f.type()) {
            case MessageType.HELLO -> new Hello(r.u16("protocolVersion"), r.str("host"));
            case MessageType.UPLOAD_PROGRAM -> {
                int id = r.count("programId", Integer.MAX_VALUE);
                int total = r.count("totalBytes", Integer.MAX_VALUE);
                int off = r.count("offset", Integer.MAX_VALUE);
                long crc = r.u32("programCrc");
                int n = r.count("chunkLength", FrameCodec.MAX_PAYLOAD);
                if ((long) off + n > total) throw new ProtocolException(what + ": chunk runs past the program's end");
                yield new UploadChunk(id, total, off, crc, r.bytes(n, "chunk"));
            }
            case MessageType.ARM -> new Arm(r.count("programId", Integer.MAX_VALUE));
            case MessageType.START -> new Start(r.count("programId", Integer.MAX_VALUE));
            case MessageType.ABORT -> new Abort(r.str("reason"));
            case MessageType.SET_FREQUENCY -> new SetFrequency(r.finite("hz"));
            case MessageType.SET_SHIM -> new SetShim(r.finite("x"), r.finite("y"), r.finite("z"));
            case MessageType.SET_GAINS -> new SetGains(r.finite("receiverGainDb"), r.finite("transmitScale"));
            case MessageType.READ_SENSORS -> new ReadSensors();
            case MessageType.TUNE_COIL -> new TuneCoil(r.u16("tune"), r.u16("match"));
            case MessageType.MEASURE_REFLECTION -> new MeasureReflection(r.finite("startHz"), r.finite("stepHz"),
                    r.count("count", MeasureReflection.MAX_POINTS));
            case MessageType.REFLECTION -> {
                double start = r.finite("startHz"), step = r.finite("stepHz");
                int n = r.count("count", MeasureReflection.MAX_POINTS);
                yield new Reflection(start, step, n, r.floats(2 * n, "gamma"));
            }
            case MessageType.HEARTBEAT -> new Heartbeat(r.u64("hostNanos"));
            case MessageType.RESEND_LINES -> new ResendLines(r.u32("fromCounter"), r.count("count", 1 << 20), r.u16("fragment"));
            case MessageType.RESUME -> new Resume(r.count("programId", Integer.MAX_VALUE));
            case MessageType.STREAM_NEXT -> {
                int id = r.count("programId", Integer.MAX_VALUE);
                int segment = r.count("segment", Integer.MAX_VALUE);
                int segmentId = r.count("segmentProgramId", Integer.MAX_VALUE);
                int last = r.u8("last");
                if (last > 1) throw new ProtocolException(what + ": last flag " + last + " (0 or 1)");
                yield new StreamNext(id, segment, segmentId, last == 1);
            }
            case MessageType.SEGMENT_DONE -> new SegmentDone(r.count("programId", Integer.MAX_VALUE), r.count("segment", Integer.MAX_VALUE),
                    r.count("segmentProgramId", Integer.MAX_VALUE), r.u32("adcWindowsPlayed"));
            case MessageType.STATUS -> new Status(r.u32("heartbeatSeq"), r.u8("state"), r.count("programId", Integer.MAX_VALUE),
                    r.u32("linesAcquired"), r.u8("doneStatus"), r.count("interlockBits", Integer.MAX_VALUE));
            case MessageType.ACK -> new Ack(r.u32("ackedSeq"));
            case MessageType.NACK -> new Nack(r.u32("nackedSeq"), r.u16("code"), r.str("reason"));
            case MessageType.CAPABILITIES -> new Capabilities(r.str("firmware"), r.str("model"), r.finite("fieldTesla"),
                    r.finite("nominalLarmorHz"), r.count("tickNs", 1_000_000), r.count("gradientRasterTicks", 1_000_000),
                    r.count("rfRasterTicks", 1_000_000), r.count("blockRasterTicks", 1_000_000),
                    r.finite("maxGradientHzPerM"), r.finite("maxSlewHzPerMPerS"), r.finite("maxB1Hz"),
                    r.u16("receiveChannels"), r.count("minDwellNs", Integer.MAX_VALUE),
                    r.count("maxDwellNs", Integer.MAX_VALUE), r.count("maxSamplesPerAdc", 65535),
                    r.count("programMemoryBytes", Integer.MAX_VALUE), r.count("lineBufferLines", Integer.MAX_VALUE),
                    r.count("heartbeatTimeoutMs", 3_600_000));
            case MessageType.ACQ_DATA -> {
                long counter = r.u32("scanCounter");
                LineHeader h = LineHeader.read(r);
                long floats = h.floats();
                if (floats > MAX_ACQ_FLOATS) throw new ProtocolException(what + ": " + h.channels() + " channels × " + h.samples() + " samples is too large");
                yield new AcqData(counter, h.deviceTimeUs(), h.counters(), h.flags(), h.channels(), h.samples(), h.dwellNs(),
                        h.centreFrequencyHz(), r.floats((int) floats, "samples"));
            }
            case MessageType.ACQ_FRAGMENT -> {
                long counter = r.u32("scanCounter");
                int frag = r.u16("fragment");
                int frags = r.u16("fragments");
                LineHeader h = LineHeader.read(r);
                long total = h.floats();
                int off = r.count("floatOffset", Integer.MAX_VALUE);
                int n = r.count("floatCount", MAX_ACQ_FLOATS);
                if (frags == 0 || frag >= frags) throw new ProtocolException(what + ": fragment " + frag + " of " + frags);
                if (total > (long) MAX_ACQ_FLOATS * 64 || off + (long) n > total) {
                    throw new ProtocolException(what + ": samples " + off + "+" + n + " outside a line of " + total);
                }
                yield new AcqFragment(counter, frag, frags, h.deviceTimeUs(), h.counters(), h.flags(), h.channels(), h.samples(),
                        h.dwellNs(), h.centreFrequencyHz(), off, r.floats(n, "samples"));
            }
            case MessageType.SENSORS -> new Sensors(r.f64("magnetTemperatureC"), r.f64("ambientTemperatureC"),
                    r.f64("forwardRfPowerW"), r.count("interlockBits", Integer.MAX_VALUE));
            case MessageType.EVENT -> new Event(r.u16("code"), r.u64("deviceTimeUs"), r.str("detail"));
            case MessageType.DONE -> new Done(r.count("programId", Integer.MAX_VALUE), r.u32("linesAcquired"), r.u8("status"));
            default -> throw new ProtocolException("unknown message type 0x" + Integer.toHexString(f.type()) + " (seq " + f.seq() + ")");
        };
        r.end();
        return m;
    }

    /** What ACQ_DATA and ACQ_FRAGMENT both say about their line, in the same byte layout. */
    private record LineHeader(long deviceTimeUs, AdcCounters counters, long flags, int channels, int samples, int dwellNs,
                              double centreFrequencyHz) {
        void write(PayloadWriter w) {
            w.u64(deviceTimeUs);
            w.u16(counters.line()).u16(counters.partition()).u16(counters.average()).u16(counters.slice())
                    .u16(counters.contrast()).u16(counters.phase()).u16(counters.repetition()).u16(counters.set())
                    .u16(counters.segment());
            w.u64(flags).u16(channels).u16(samples).u32(dwellNs).f64(centreFrequencyHz);
        }

        static LineHeader read(PayloadReader r) throws ProtocolException {
            return new LineHeader(r.u64("deviceTimeUs"), new AdcCounters(r.u16("line"), r.u16("partition"), r.u16("average"), r.u16("slice"),
                    r.u16("contrast"), r.u16("phase"), r.u16("repetition"), r.u16("set"), r.u16("segment")), r.u64("flags"), r.u16("channels"),
                    r.u16("samples"), r.count("dwellNs", Integer.MAX_VALUE), r.finite("centreFrequencyHz"));
        }

        long floats() {
            return 2L * channels * samples;
        }
    }

    public static String typeName(int type) {
        return switch (type) {
            case MessageType.HELLO -> "HELLO";
            case MessageType.UPLOAD_PROGRAM -> "UPLOAD_PROGRAM";
            case MessageType.ARM -> "ARM";
            case MessageType.START -> "START";
            case MessageType.ABORT -> "ABORT";
            case MessageType.SET_FREQUENCY -> "SET_FREQUENCY";
            case MessageType.SET_SHIM -> "SET_SHIM";
            case MessageType.SET_GAINS -> "SET_GAINS";
            case MessageType.READ_SENSORS -> "READ_SENSORS";
            case MessageType.TUNE_COIL -> "TUNE_COIL";
            case MessageType.HEARTBEAT -> "HEARTBEAT";
            case MessageType.RESEND_LINES -> "RESEND_LINES";
            case MessageType.RESUME -> "RESUME";
            case MessageType.STREAM_NEXT -> "STREAM_NEXT";
            case MessageType.SEGMENT_DONE -> "SEGMENT_DONE";
            case MessageType.STATUS -> "STATUS";
            case MessageType.ACQ_FRAGMENT -> "ACQ_FRAGMENT";
            case MessageType.MEASURE_REFLECTION -> "MEASURE_REFLECTION";
            case MessageType.REFLECTION -> "REFLECTION";
            case MessageType.ACK -> "ACK";
            case MessageType.CAPABILITIES -> "CAPABILITIES";
            case MessageType.NACK -> "NACK";
            case MessageType.ACQ_DATA -> "ACQ_DATA";
            case MessageType.SENSORS -> "SENSORS";
            case MessageType.EVENT -> "EVENT";
            case MessageType.DONE -> "DONE";
            default -> "type 0x" + Integer.toHexString(type);
        };
    }
}
