package org.lodestone.hw.session;

/** The device refused a command, did not answer, or the link is gone. The message is for people. */
public class DeviceException extends Exception {
    public DeviceException(String message) {
        super(message);
    }
}
