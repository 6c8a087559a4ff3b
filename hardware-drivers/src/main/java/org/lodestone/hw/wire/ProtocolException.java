package org.lodestone.hw.wire;

/** The one error type the wire layer lets escape: a frame or message that breaks the protocol. */
public class ProtocolException extends Exception {
    public ProtocolException(String message) {
        super(message);
    }

    public ProtocolException(String message, Throwable cause) {
        super(message, cause);
    }
}
