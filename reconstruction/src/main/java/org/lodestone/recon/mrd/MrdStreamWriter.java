package org.lodestone.recon.mrd;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Objects;

/**
 * Writes an MRD v1 (ISMRMRD protocol) stream to a file, byte-for-byte as ISMRMRD's ProtocolSerializer:
 * header message, one message per acquisition, close message.
 *
 * <p>Crash safety: every message is handed to the OS in a single {@code write} as soon as it is appended,
 * so if the console process dies, every acquisition appended so far is in the file and
 * {@link MrdStreamReader} recovers them (a power loss can still lose what the OS had not flushed;
 * {@code force} is called at most every {@code forceInterval} and on close, which bounds that window without
 * an fsync per readout). The file is created new; an existing file is never overwritten because raw data
 * is not reproducible. Methods are synchronized so several acquisition threads may share one writer.
 */
public final class MrdStreamWriter implements AutoCloseable {

    public static final Duration DEFAULT_FORCE_INTERVAL = Duration.ofMillis(500);

    private final Path path;
    private final FileChannel channel;
    private final long forceIntervalNanos;
    private long lastForceNanos;
    private long acquisitionsWritten;
    private boolean closed;
    private IOException failure;

    private MrdStreamWriter(Path path, FileChannel channel, Duration forceInterval) {
        this.path = path;
        this.channel = channel;
        this.forceIntervalNanos = forceInterval.toNanos();
        this.lastForceNanos = System.nanoTime();
    }

    /** Creates {@code path} (must not exist) and writes the header message. */
    public static MrdStreamWriter create(Path path, String xmlHeader) throws IOException {
        return create(path, xmlHeader, DEFAULT_FORCE_INTERVAL);
    }

    public static MrdStreamWriter create(Path path, String xmlHeader, Duration forceInterval) throws IOException {
        Objects.requireNonNull(xmlHeader, "xmlHeader");
        if (forceInterval.isNegative()) {
            throw new IllegalArgumentException("forceInterval must not be negative");
        }
        FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        MrdStreamWriter w = new MrdStreamWriter(path, ch, forceInterval);
        try {
            w.writeMessage(headerMessage(xmlHeader));
            ch.force(true); // the header is what makes the file identifiable; make it durable at once
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
        return w;
    }

    /** Appends one acquisition message and hands it to the OS before returning. */
    public synchronized void append(Acquisition acquisition) throws IOException {
        Objects.requireNonNull(acquisition, "acquisition");
        ensureWritable();
        writeMessage(acquisitionMessage(acquisition));
        acquisitionsWritten++;
        long now = System.nanoTime();
        if (now - lastForceNanos >= forceIntervalNanos) {
            channel.force(false);
            lastForceNanos = now;
        }
    }

    public synchronized long acquisitionsWritten() {
        return acquisitionsWritten;
    }

    public Path path() {
        return path;
    }

    /** Writes the close message, forces the file to disk and closes it. Idempotent. */
    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try (channel) {
            if (failure == null) {
                writeMessage(ByteBuffer.allocate(2).order(ByteOrder.LITTLE_ENDIAN)
                        .putShort((short) MrdMessageId.CLOSE).flip());
                channel.force(true);
            }
        }
    }

    static ByteBuffer headerMessage(String xml) {
        byte[] text = xml.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(2 + 4 + text.length).order(ByteOrder.LITTLE_ENDIAN)
                .putShort((short) MrdMessageId.HEADER)
                .putInt(text.length)
                .put(text)
                .flip();
    }

    static ByteBuffer acquisitionMessage(Acquisition a) {
        float[] traj = a.trajectory();
        float[] data = a.data();
        ByteBuffer b = ByteBuffer.allocate(2 + AcquisitionHeaderLayout.SIZE + 4 * (traj.length + data.length))
                .order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) MrdMessageId.ACQUISITION);
        AcquisitionHeaderLayout.put(a.header(), b);
        b.asFloatBuffer().put(traj).put(data);
        return b.position(b.capacity()).flip();
    }

    private void ensureWritable() throws IOException {
        if (closed) {
            throw new IllegalStateException("MRD writer for " + path + " is already closed");
        }
        if (failure != null) {
            throw new IOException("MRD writer for " + path + " failed earlier and stopped writing to keep the file "
                    + "readable: " + failure.getMessage(), failure);
        }
    }

    private void writeMessage(ByteBuffer message) throws IOException {
        try {
            // One write per message; a regular file channel writes it whole, the loop only guards short writes.
            do {
                channel.write(message);
            } while (message.hasRemaining());
        } catch (IOException e) {
            failure = e;
            throw new IOException("Cannot write MRD raw data to " + path + ": " + e.getMessage(), e);
        }
    }
}
