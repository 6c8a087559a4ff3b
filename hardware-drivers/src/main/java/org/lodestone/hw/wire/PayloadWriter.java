package org.lodestone.hw.wire;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Little-endian payload builder over a growable array. A link reuses one for every frame it sends
 * ({@link #reset}), so streaming lines allocates no intermediate buffers.
 */
public final class PayloadWriter {
    private static final VarHandle LE_INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LE_LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private byte[] buf;
    private int size;

    public PayloadWriter() {
        this(64);
    }

    public PayloadWriter(int initialCapacity) {
        buf = new byte[Math.max(16, initialCapacity)];
    }

    private int claim(int n) {
        int at = size;
        if (at + n > buf.length) buf = Arrays.copyOf(buf, Math.max(buf.length * 2, at + n));
        size = at + n;
        return at;
    }

    public PayloadWriter u8(int v) {
        int at = claim(1); // claim first: it may replace buf
        buf[at] = (byte) v;
        return this;
    }

    public PayloadWriter u16(int v) {
        int at = claim(2);
        buf[at] = (byte) v;
        buf[at + 1] = (byte) (v >>> 8);
        return this;
    }

    public PayloadWriter u32(long v) {
        int at = claim(4);
        LE_INT.set(buf, at, (int) v);
        return this;
    }

    public PayloadWriter u64(long v) {
        int at = claim(8);
        LE_LONG.set(buf, at, v);
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
        return bytes(b);
    }

    /** Samples in bulk, straight into the buffer: one bulk copy (fast even before the JIT has compiled anything). */
    public PayloadWriter floats(float[] f) {
        int at = claim(f.length * 4);
        java.nio.ByteBuffer.wrap(buf, at, f.length * 4).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().put(f);
        return this;
    }

    public PayloadWriter bytes(byte[] b) {
        int at = claim(b.length);
        System.arraycopy(b, 0, buf, at, b.length);
        return this;
    }

    /** Room for {@code n} bytes the caller fills in later (a frame header); returns where they start. */
    public int skip(int n) {
        return claim(n);
    }

    public int size() {
        return size;
    }

    /** The backing array, valid up to {@link #size}, until the next write. */
    public byte[] array() {
        return buf;
    }

    /** Empties the writer, keeping its buffer unless it grew past {@code keepAtMost} bytes. */
    public void reset(int keepAtMost) {
        size = 0;
        if (buf.length > keepAtMost) buf = new byte[keepAtMost];
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }
}
