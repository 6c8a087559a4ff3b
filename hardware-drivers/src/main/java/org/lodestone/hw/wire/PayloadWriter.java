package org.lodestone.hw.wire;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Little-endian payload builder. */
public final class PayloadWriter {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(64);

    public PayloadWriter u8(int v) {
        out.write(v & 0xFF);
        return this;
    }

    public PayloadWriter u16(int v) {
        out.write(v & 0xFF);
        out.write((v >>> 8) & 0xFF);
        return this;
    }

    public PayloadWriter u32(long v) {
        for (int i = 0; i < 4; i++) out.write((int) (v >>> (8 * i)) & 0xFF);
        return this;
    }

    public PayloadWriter u64(long v) {
        for (int i = 0; i < 8; i++) out.write((int) (v >>> (8 * i)) & 0xFF);
        return this;
    }

    public PayloadWriter f32(float v) {
        return u32(Float.floatToRawIntBits(v));
    }

    public PayloadWriter f64(double v) {
        return u64(Double.doubleToRawLongBits(v));
    }

    public PayloadWriter str(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        u16(b.length);
        out.write(b, 0, b.length);
        return this;
    }

    /** Samples in bulk: one little-endian buffer copy instead of a write per byte. */
    public PayloadWriter floats(float[] f) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(f.length * 4).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(f);
        out.write(b.array(), 0, b.capacity());
        return this;
    }

    public PayloadWriter bytes(byte[] b) {
        out.write(b, 0, b.length);
        return this;
    }

    public byte[] toByteArray() {
        return out.toByteArray();
    }
}
