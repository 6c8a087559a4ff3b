package org.lodestone.workflow.store;

/** The database or a stored file could not be read or written; the message says which. */
public final class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreException(String message) {
        super(message);
    }
}
