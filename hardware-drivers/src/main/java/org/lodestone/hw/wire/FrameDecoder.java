package org.lodestone.hw.wire;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Queue;

/**
 * Streaming frame decoder. Bytes go in as they arrive; whole, checked frames come out.
 * Garbage, broken headers and CRC failures are skipped by resynchronising on the next sync
 * word, and counted: the link layer above decides what a lost frame means.
 * Memory is bounded by one maximum frame plus one read buffer.
 */
public final class FrameDecoder {
    private byte[] buf = new byte[8192];
    private int start;
    private int end;
    private final Queue<Frame> ready = new ArrayDeque<>();
    private long framesDecoded;
    private long bytesSkipped;
    private long crcErrors;
    private long headerErrors;

    public void feed(byte[] data, int off, int len) {
        ensureRoom(len);
        System.arraycopy(data, off, buf, end, len);
        end += len;
        scan();
    }

    /** The next complete frame, or null if none is ready. */
    public Frame poll() {
        return ready.poll();
    }

    public long framesDecoded() {
        return framesDecoded;
    }

    public long bytesSkipped() {
        return bytesSkipped;
    }

    public long crcErrors() {
        return crcErrors;
    }

    public long headerErrors() {
        return headerErrors;
    }

    /** Bytes held waiting for the rest of a frame. */
    public int buffered() {
        return end - start;
    }

    private void scan() {
        while (end - start >= FrameCodec.HEADER_BYTES) {
            if ((buf[start] & 0xFF) != FrameCodec.SYNC0 || (buf[start + 1] & 0xFF) != FrameCodec.SYNC1) {
                skip(1);
                continue;
            }
            ByteBuffer h = ByteBuffer.wrap(buf, start, FrameCodec.HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
            int version = buf[start + 2] & 0xFF;
            int type = buf[start + 3] & 0xFF;
            long seq = Integer.toUnsignedLong(h.getInt(start + 4));
            long length = Integer.toUnsignedLong(h.getInt(start + 8));
            int check = h.getShort(start + 12) & 0xFFFF;
            if (check != FrameCodec.headerCheck(buf, start) || version != FrameCodec.VERSION
                    || length > FrameCodec.MAX_PAYLOAD) {
                headerErrors++;
                skip(1);
                continue;
            }
            int total = FrameCodec.HEADER_BYTES + (int) length + FrameCodec.TRAILER_BYTES;
            if (end - start < total) {
                return; // wait for the rest
            }
            int payloadAt = start + FrameCodec.HEADER_BYTES;
            long expected = Integer.toUnsignedLong(
                    ByteBuffer.wrap(buf, payloadAt + (int) length, 4).order(ByteOrder.LITTLE_ENDIAN).getInt(payloadAt + (int) length));
            if (FrameCodec.crc(buf, payloadAt, (int) length) != expected) {
                crcErrors++;
                skip(1);
                continue;
            }
            ready.add(new Frame(type, seq, Arrays.copyOfRange(buf, payloadAt, payloadAt + (int) length)));
            framesDecoded++;
            start += total;
        }
        compactIfEmpty();
    }

    private void skip(int n) {
        start += n;
        bytesSkipped += n;
    }

    private void compactIfEmpty() {
        if (start == end) {
            start = 0;
            end = 0;
        }
    }

    private void ensureRoom(int len) {
        if (end + len <= buf.length) return;
        int live = end - start;
        if (live + len > buf.length) {
            int cap = Math.max(buf.length * 2, live + len);
            byte[] bigger = new byte[cap];
            System.arraycopy(buf, start, bigger, 0, live);
            buf = bigger;
        } else {
            System.arraycopy(buf, start, buf, 0, live);
        }
        start = 0;
        end = live;
    }
}
