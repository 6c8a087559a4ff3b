package org.lodestone.scan;

/** A scan that could not start; the message is for the operator. */
public class ScanException extends Exception {
    public ScanException(String message) {
        super(message);
    }
}
