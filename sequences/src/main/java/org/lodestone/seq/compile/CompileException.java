package org.lodestone.seq.compile;

/** A sequence that cannot become a device program; the message names the block and the reason. */
public class CompileException extends Exception {
    public CompileException(String message) {
        super(message);
    }
}
