package org.lodestone.hw.wire;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32C;

/**
 * Frame layout, little-endian (docs/protocol.md):
 * <pre>
 *  0  u8  sync0 = 0xA5
 *  1  u8  sync1 = 0x4C
 *  2  u8  version
 *  3  u8  type
 *  4  u32 sequence number
 *  8  u32 payload length (at most MAX_PAYLOAD)
 * 12  u16 header check: low 16 bits of CRC-32C over bytes 2..11
 * 14  ... payload
 *  n  u32 CRC-32C of the payload
 * </pre>
 * The header has its own check so that a corrupted length is caught before the decoder waits
 * for bytes that will never come.
 */
public final class FrameCodec {
    public static final int SYNC0 = 0xA5;
    public static final int SYNC1 = 0x4C;
    public static final int VERSION = 1;
    public static final int HEADER_BYTES = 14;
    public static final int TRAILER_BYTES = 4;
    public static final int MAX_PAYLOAD = 256 * 1024;

    private FrameCodec() {
    }

    public static byte[] encode(Frame frame) {
        byte[] out = new byte[encodedLength(frame)];
        encode(frame, out, 0);
        return out;
    }

    public static int encodedLength(Frame frame) {
        return HEADER_BYTES + frame.payload().length + TRAILER_BYTES;
    }

    /** Writes the frame into {@code out} at {@code off} (room for {@link #encodedLength}); returns the offset after it. */
    public static int encode(Frame frame, byte[] out, int off) {
        byte[] p = frame.payload();
        ByteBuffer b = ByteBuffer.wrap(out, off, encodedLength(frame)).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) SYNC0).put((byte) SYNC1).put((byte) VERSION).put((byte) frame.type());
        b.putInt((int) frame.seq()).putInt(p.length);
        b.putShort((short) headerCheck(out, off));
        b.put(p);
        b.putInt((int) crc(p, 0, p.length));
        return b.position();
    }

    /**
     * Completes a frame whose payload already sits at {@code frameStart + HEADER_BYTES} (room left for the header
     * before it and the CRC after it): writes header, header check and CRC in place, so a sender need not copy
     * the payload. The same bytes as {@link #encode(Frame, byte[], int)}; returns the offset after the frame.
     */
    public static int seal(byte[] buf, int frameStart, int type, long seq, int payloadLength) {
        new Frame(type, seq, EMPTY); // the same range checks as a Frame
        if (payloadLength > MAX_PAYLOAD) {
            throw new IllegalArgumentException("payload of " + payloadLength + " bytes exceeds " + MAX_PAYLOAD);
        }
        ByteBuffer b = ByteBuffer.wrap(buf).order(ByteOrder.LITTLE_ENDIAN);
        buf[frameStart] = (byte) SYNC0;
        buf[frameStart + 1] = (byte) SYNC1;
        buf[frameStart + 2] = (byte) VERSION;
        buf[frameStart + 3] = (byte) type;
        b.putInt(frameStart + 4, (int) seq).putInt(frameStart + 8, payloadLength);
        b.putShort(frameStart + 12, (short) headerCheck(buf, frameStart));
        int payloadAt = frameStart + HEADER_BYTES;
        b.putInt(payloadAt + payloadLength, (int) crc(buf, payloadAt, payloadLength));
        return payloadAt + payloadLength + TRAILER_BYTES;
    }

    private static final byte[] EMPTY = new byte[0];

    static int headerCheck(byte[] buf, int frameStart) {
        return (int) (crc(buf, frameStart + 2, 10) & 0xFFFF);
    }

    static long crc(byte[] buf, int off, int len) {
        CRC32C c = new CRC32C();
        c.update(buf, off, len);
        return c.getValue();
    }
}
