package org.lodestone.recon.mrd;

import java.io.IOException;

/**
 * The bytes are not a valid MRD (ISMRMRD v1) stream. The message names the message index (0-based,
 * counting every message including the header) and the byte offset where that message starts, so an
 * operator or engineer can locate the damage without a stack trace.
 */
public final class MrdFormatException extends IOException {

    private final int messageIndex;
    private final long byteOffset;

    public MrdFormatException(int messageIndex, long byteOffset, String problem) {
        super("MRD stream message #" + messageIndex + " at byte offset " + byteOffset + ": " + problem);
        this.messageIndex = messageIndex;
        this.byteOffset = byteOffset;
    }

    public int messageIndex() {
        return messageIndex;
    }

    public long byteOffset() {
        return byteOffset;
    }
}
