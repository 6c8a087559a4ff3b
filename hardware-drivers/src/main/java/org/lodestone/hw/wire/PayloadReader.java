package org.lodestone.hw.wire;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Little-endian payload reader; running past the end is a {@link ProtocolException}, never an index error. */
public final class PayloadReader {
    private final ByteBuffer b;
    private final String what;

    public PayloadReader(byte[] payload, String what) {
        this.b = ByteBuffer.wrap(payload).order(ByteOrder.LITTLE_ENDIAN);
        this.what = what;
    }

    private void need(int n, String field) throws ProtocolException {
        if (b.remaining() < n) {
            throw new ProtocolException(what + ": payload ends before field '" + field + "' (offset " + b.position()
                    + ", needs " + n + " bytes, has " + b.remaining() + ")");
        }
    }

    public int u8(String field) throws ProtocolException {
        need(1, field);
        return b.get() & 0xFF;
    }

    public int u16(String field) throws ProtocolException {
        need(2, field);
        return b.getShort() & 0xFFFF;
    }

    public long u32(String field) throws ProtocolException {
        need(4, field);
        return Integer.toUnsignedLong(b.getInt());
    }

    /** A u32 that must fit a Java int and stay within a limit (counts, sizes). */
    public int count(String field, int max) throws ProtocolException {
        long v = u32(field);
        if (v > max) throw new ProtocolException(what + ": field '" + field + "' = " + v + " exceeds " + max);
        return (int) v;
    }

    public long u64(String field) throws ProtocolException {
        need(8, field);
        return b.getLong();
    }

    public float f32(String field) throws ProtocolException {
        need(4, field);
        return b.getFloat();
    }

    public double f64(String field) throws ProtocolException {
        need(8, field);
        return b.getDouble();
    }

    /** A finite double; NaN and infinities are protocol errors. */
    public double finite(String field) throws ProtocolException {
        double v = f64(field);
        if (!Double.isFinite(v)) throw new ProtocolException(what + ": field '" + field + "' is not finite");
        return v;
    }

    public String str(String field) throws ProtocolException {
        int n = u16(field);
        need(n, field);
        byte[] s = new byte[n];
        b.get(s);
        return new String(s, StandardCharsets.UTF_8);
    }

    public byte[] bytes(int n, String field) throws ProtocolException {
        need(n, field);
        byte[] s = new byte[n];
        b.get(s);
        return s;
    }

    public float[] floats(int n, String field) throws ProtocolException {
        if ((long) n * 4 > b.remaining()) need(n * 4, field);
        float[] f = new float[n];
        b.asFloatBuffer().get(f);
        b.position(b.position() + n * 4);
        return f;
    }

    public int remaining() {
        return b.remaining();
    }

    public void end() throws ProtocolException {
        if (b.remaining() != 0) throw new ProtocolException(what + ": " + b.remaining() + " unexpected trailing bytes");
    }
}
