package org.lodestone.dicom.net;

/**
 * A DICOM exchange that did not succeed, with a sentence an operator can act on. {@code permanent} failures
 * (the peer refuses this kind of object or our AE title for good) are not retried automatically.
 */
public final class NetworkFailure extends Exception {
    /** What went wrong, as far as the operator is concerned. */
    public enum Kind { UNREACHABLE, TIMEOUT, REFUSED, AE_TITLE_REFUSED, ABORTED, REJECTED_OBJECT, NOT_SUPPORTED }

    private final Kind kind;

    public NetworkFailure(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    /** True when resending will not help until someone changes a setting on either side. */
    public boolean permanent() {
        return kind == Kind.AE_TITLE_REFUSED || kind == Kind.REJECTED_OBJECT || kind == Kind.NOT_SUPPORTED;
    }
}
