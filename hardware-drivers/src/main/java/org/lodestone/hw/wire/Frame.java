package org.lodestone.hw.wire;

/**
 * One frame on the wire: a message type, the sender's sequence number and an opaque payload.
 * The byte layout (sync, version, header check, CRC-32C) is {@link FrameCodec}'s business.
 */
public record Frame(int type, long seq, byte[] payload) {
    public Frame {
        if (type < 0 || type > 0xFF) throw new IllegalArgumentException("frame type out of range: " + type);
        if (seq < 0 || seq > 0xFFFF_FFFFL) throw new IllegalArgumentException("sequence number out of range: " + seq);
        if (payload.length > FrameCodec.MAX_PAYLOAD) {
            throw new IllegalArgumentException("payload of " + payload.length + " bytes exceeds " + FrameCodec.MAX_PAYLOAD);
        }
    }
}
