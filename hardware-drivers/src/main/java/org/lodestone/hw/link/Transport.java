package org.lodestone.hw.link;

import java.io.Closeable;
import java.io.IOException;

/** A byte pipe to the device (or, on the device side, to the host). */
public interface Transport extends Closeable {
    /**
     * Reads what is available, waiting at most a short poll interval.
     * @return bytes read, 0 if none arrived in time, -1 if the link is closed for good
     */
    int read(byte[] buf, int off, int len) throws IOException;

    void write(byte[] buf, int off, int len) throws IOException;

    default void write(byte[] buf) throws IOException {
        write(buf, 0, buf.length);
    }

    /** What this is connected to, for messages to people. */
    String describe();

    @Override
    void close();
}
