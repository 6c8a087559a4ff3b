package org.lodestone.remote.recon;

/** Remote reconstruction did not give an image; the message is the reason scan.json records. */
public final class RemoteReconException extends Exception {
    public RemoteReconException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
