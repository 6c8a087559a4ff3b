package org.lodestone.hw.program;

import org.lodestone.hw.wire.AdcCounters;
import org.lodestone.hw.wire.PayloadReader;
import org.lodestone.hw.wire.PayloadWriter;
import org.lodestone.hw.wire.ProtocolException;

import java.util.ArrayList;
import java.util.List;

/**
 * Binary image of a {@link DeviceProgram}, as uploaded in UPLOAD_PROGRAM chunks:
 * "LDPG", u16 format version, u32 tickNs, u32 block count, then each block:
 * u64 duration, u8 event mask (1 RF, 2 Gx, 4 Gy, 8 Gz, 16 ADC), then the events present.
 */
public final class ProgramCodec {
    private static final int MAGIC = 0x4750444C; // "LDPG" little-endian
    private static final int FORMAT = 1;
    private static final int MAX_BLOCKS = 50_000_000;
    private static final int MAX_SHAPE = 1 << 20;

    private ProgramCodec() {
    }

    public static byte[] encode(DeviceProgram p) {
        PayloadWriter w = new PayloadWriter();
        w.u32(MAGIC).u16(FORMAT).u32(p.tickNs()).u32(p.blocks().size());
        for (ProgramBlock b : p.blocks()) {
            int mask = (b.rf() != null ? 1 : 0) | (b.gx() != null ? 2 : 0) | (b.gy() != null ? 4 : 0)
                    | (b.gz() != null ? 8 : 0) | (b.adc() != null ? 16 : 0);
            w.u64(b.durationTicks()).u8(mask);
            if (b.rf() != null) {
                RfPulse r = b.rf();
                w.u64(r.delayTicks()).f64(r.amplitudeHz()).f64(r.phaseRad()).f64(r.frequencyOffsetHz())
                        .u32(r.dwellTicks()).u8(r.use().ordinal()).u32(r.shape().length);
                for (float v : r.shape()) w.f32(v);
            }
            for (Trapezoid g : new Trapezoid[] {b.gx(), b.gy(), b.gz()}) {
                if (g != null) {
                    w.u64(g.delayTicks()).u64(g.riseTicks()).u64(g.flatTicks()).u64(g.fallTicks()).f64(g.amplitudeHzPerM());
                }
            }
            if (b.adc() != null) {
                AdcWindow a = b.adc();
                AdcCounters c = a.counters();
                w.u64(a.delayTicks()).u32(a.samples()).u32(a.dwellNs()).f64(a.phaseRad()).f64(a.frequencyOffsetHz())
                        .u16(c.line()).u16(c.partition()).u16(c.average()).u16(c.slice()).u16(c.contrast())
                        .u16(c.phase()).u16(c.repetition()).u16(c.set()).u16(c.segment()).u64(a.flags());
            }
        }
        return w.toByteArray();
    }

    public static DeviceProgram decode(byte[] bytes) throws ProtocolException {
        PayloadReader r = new PayloadReader(bytes, "device program");
        if (r.u32("magic") != MAGIC) throw new ProtocolException("device program: bad magic");
        int format = r.u16("format");
        if (format != FORMAT) throw new ProtocolException("device program: unsupported format " + format);
        int tickNs = r.count("tickNs", 1_000_000);
        if (tickNs == 0) throw new ProtocolException("device program: tickNs is zero");
        int n = r.count("blockCount", MAX_BLOCKS);
        List<ProgramBlock> blocks = new ArrayList<>(Math.min(n, 1 << 16));
        try {
            for (int i = 0; i < n; i++) {
                long dur = r.u64("block " + i + " duration");
                int mask = r.u8("block " + i + " mask");
                RfPulse rf = null;
                if ((mask & 1) != 0) {
                    long delay = r.u64("rf delay");
                    double amp = r.finite("rf amplitude");
                    double ph = r.finite("rf phase");
                    double off = r.finite("rf frequency offset");
                    int dwell = r.count("rf dwell", Integer.MAX_VALUE);
                    int use = r.u8("rf use");
                    if (use >= RfPulse.Use.values().length) throw new ProtocolException("block " + i + ": bad RF use " + use);
                    int ns = r.count("rf shape length", MAX_SHAPE);
                    rf = new RfPulse(delay, amp, ph, off, dwell, r.floats(ns, "rf shape"), RfPulse.Use.values()[use]);
                }
                Trapezoid[] g = new Trapezoid[3];
                for (int axis = 0; axis < 3; axis++) {
                    if ((mask & (2 << axis)) != 0) {
                        g[axis] = new Trapezoid(r.u64("grad delay"), r.u64("grad rise"), r.u64("grad flat"),
                                r.u64("grad fall"), r.finite("grad amplitude"));
                    }
                }
                AdcWindow adc = null;
                if ((mask & 16) != 0) {
                    long delay = r.u64("adc delay");
                    int samples = r.count("adc samples", 65535);
                    int dwell = r.count("adc dwell", Integer.MAX_VALUE);
                    double ph = r.finite("adc phase");
                    double off = r.finite("adc frequency offset");
                    AdcCounters c = new AdcCounters(r.u16("line"), r.u16("partition"), r.u16("average"), r.u16("slice"),
                            r.u16("contrast"), r.u16("phase"), r.u16("repetition"), r.u16("set"), r.u16("segment"));
                    adc = new AdcWindow(delay, samples, dwell, ph, off, c, r.u64("adc flags"));
                }
                blocks.add(new ProgramBlock(dur, rf, g[0], g[1], g[2], adc));
            }
        } catch (IllegalArgumentException e) {
            throw new ProtocolException("device program: " + e.getMessage());
        }
        r.end();
        return new DeviceProgram(tickNs, blocks);
    }
}
