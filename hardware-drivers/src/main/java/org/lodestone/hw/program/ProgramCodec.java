package org.lodestone.hw.program;

import org.lodestone.hw.wire.PayloadReader;
import org.lodestone.hw.wire.PayloadWriter;
import org.lodestone.hw.wire.ProtocolException;

import java.util.ArrayList;
import java.util.List;

/**
 * Binary image of a {@link DeviceProgram}, as uploaded in UPLOAD_PROGRAM chunks:
 * "LDPG", u16 format version, u32 tickNs, u32 block count, then each block:
 * u64 duration, u8 event mask (1 RF, 2 Gx, 4 Gy, 8 Gz, 16 ADC), then the events present.
 * Format 2 added a kind byte per gradient (0 trapezoid, 1 sampled) and an optional RF phase
 * shape; format 1 images are refused (host and board are updated together).
 */
public final class ProgramCodec {
    private static final int MAGIC = 0x4750444C; // "LDPG" little-endian
    static final int FORMAT = 2;
    static final int GRADIENT_TRAPEZOID = 0;
    static final int GRADIENT_SAMPLED = 1;
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
                w.u8(r.isPhaseModulated() ? 1 : 0);
                if (r.isPhaseModulated()) for (float v : r.phaseShape()) w.f32(v);
            }
            for (GradientWaveform g : new GradientWaveform[] {b.gx(), b.gy(), b.gz()}) {
                switch (g) {
                    case null -> { }
                    case Trapezoid t -> w.u8(GRADIENT_TRAPEZOID).u64(t.delayTicks()).u64(t.riseTicks()).u64(t.flatTicks())
                            .u64(t.fallTicks()).f64(t.amplitudeHzPerM());
                    case SampledGradient s -> {
                        w.u8(GRADIENT_SAMPLED).u64(s.delayTicks()).u32(s.rasterTicks()).u32(s.points());
                        for (int i = 0; i < s.points(); i++) w.f32((float) s.point(i));
                    }
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
        if (format != FORMAT) {
            throw new ProtocolException("device program: unsupported format " + format + " (this unit reads format " + FORMAT + ")");
        }
        int tickNs = r.count("tickNs", 1_000_000);
        if (tickNs == 0) throw new ProtocolException("device program: tickNs is zero");
        int n = r.count("blockCount", MAX_BLOCKS);
        List<ProgramBlock> blocks = new ArrayList<>(Math.min(n, 1 << 16));
        try {
            for (int i = 0; i < n; i++) {
                String at = "block " + i + " ";
                long dur = r.u64(at + "duration");
                int mask = r.u8(at + "mask");
                if ((mask & ~31) != 0) throw new ProtocolException("device program: " + at + "has unknown event bits " + mask);
                RfPulse rf = null;
                if ((mask & 1) != 0) {
                    long delay = r.u64("rf delay");
                    double amp = r.finite("rf amplitude");
                    double ph = r.finite("rf phase");
                    double off = r.finite("rf frequency offset");
                    int dwell = r.count("rf dwell", Integer.MAX_VALUE);
                    int use = r.u8("rf use");
                    if (use >= RfPulse.Use.values().length) throw new ProtocolException("block " + i + ": bad RF use " + use);
                    int ns = r.count(at + "rf shape length", MAX_SHAPE);
                    float[] shape = r.floats(ns, at + "rf shape");
                    int hasPhase = r.u8(at + "rf phase flag");
                    if (hasPhase > 1) throw new ProtocolException("device program: " + at + "bad RF phase flag " + hasPhase);
                    float[] phase = hasPhase == 1 ? r.floats(ns, at + "rf phase shape") : null;
                    rf = new RfPulse(delay, amp, ph, off, dwell, shape, RfPulse.Use.values()[use], phase);
                }
                GradientWaveform[] g = new GradientWaveform[3];
                for (int axis = 0; axis < 3; axis++) {
                    if ((mask & (2 << axis)) == 0) continue;
                    String ga = at + "g" + "xyz".charAt(axis) + " ";
                    int kind = r.u8(ga + "kind");
                    g[axis] = switch (kind) {
                        case GRADIENT_TRAPEZOID -> new Trapezoid(r.u64(ga + "delay"), r.u64(ga + "rise"), r.u64(ga + "flat"),
                                r.u64(ga + "fall"), r.finite(ga + "amplitude"));
                        case GRADIENT_SAMPLED -> {
                            long delay = r.u64(ga + "delay");
                            int raster = r.count(ga + "raster", Integer.MAX_VALUE);
                            int points = r.count(ga + "points", MAX_SHAPE);
                            yield new SampledGradient(delay, raster, r.floats(points, ga + "points"));
                        }
                        default -> throw new ProtocolException("device program: " + ga + "has unknown kind " + kind);
                    };
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
            throw new ProtocolException("device program: block " + blocks.size() + ": " + e.getMessage());
        }
        r.end();
        return new DeviceProgram(tickNs, blocks);
    }
}
