package org.lodestone.hw.link;

import org.lodestone.hw.wire.Frame;
import org.lodestone.hw.wire.FrameCodec;
import org.lodestone.hw.wire.FrameDecoder;
import org.lodestone.hw.wire.Message;
import org.lodestone.hw.wire.MessageCodec;
import org.lodestone.hw.wire.PayloadWriter;
import org.lodestone.hw.wire.ProtocolException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;

/**
 * Messages over a {@link Transport}: numbers outgoing frames, decodes incoming ones on a reader
 * thread and hands them to a {@link Handler}. Used alike by the host session and the device.
 */
public final class FramedLink implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(FramedLink.class);

    public interface Handler {
        void onMessage(long seq, Message message);

        /** The transport closed or failed; no more messages will come. */
        void onClosed(String reason);
    }

    private final Transport transport;
    private final Handler handler;
    private final String name;
    private final FrameDecoder decoder = new FrameDecoder();
    private final Thread reader;
    private long nextSeq = 1;
    /**
     * Frames are encoded into this one buffer (under the send lock) and written from it: a line's fragments cost
     * no intermediate arrays. It keeps up to a few lines' worth between sends; a program upload may grow it once.
     */
    private final PayloadWriter out = new PayloadWriter(KEEP_OUT_BUFFER);
    private static final int KEEP_OUT_BUFFER = 64 * 1024;
    private volatile long lastReceiveNanos = System.nanoTime();
    private volatile boolean closing;
    private volatile long malformed;

    public FramedLink(Transport transport, Handler handler, String name) {
        this.transport = transport;
        this.handler = handler;
        this.name = name;
        this.reader = Thread.ofPlatform().daemon().name(name + "-reader").unstarted(this::readLoop);
    }

    public FramedLink start() {
        reader.start();
        return this;
    }

    /** Sends a message with the next sequence number and returns that number. */
    public long send(Message m) throws IOException {
        return send(m, seq -> { });
    }

    /**
     * Sends a message; {@code beforeWrite} learns its sequence number before the first byte leaves,
     * so a reply that arrives at once finds whoever waits for it already registered.
     */
    public synchronized long send(Message m, java.util.function.LongConsumer beforeWrite) throws IOException {
        long seq = nextSeq;
        nextSeq = (nextSeq + 1) & 0xFFFF_FFFFL;
        beforeWrite.accept(seq);
        out.reset(KEEP_OUT_BUFFER);
        append(m, seq);
        transport.write(out.array(), 0, out.size());
        return seq;
    }

    /**
     * Sends messages with consecutive sequence numbers in one transport write: a line's fragments
     * leave as one block instead of many small writes, which is what a serial line is slow at.
     * @return the sequence number of the first
     */
    public synchronized long sendAll(java.util.List<? extends Message> ms) throws IOException {
        long first = nextSeq;
        out.reset(KEEP_OUT_BUFFER);
        for (Message m : ms) {
            append(m, nextSeq);
            nextSeq = (nextSeq + 1) & 0xFFFF_FFFFL;
        }
        transport.write(out.array(), 0, out.size());
        return first;
    }

    /** Encodes one frame at the end of {@link #out}: header room, payload written in place, then sealed. */
    private void append(Message m, long seq) {
        int at = out.skip(FrameCodec.HEADER_BYTES);
        MessageCodec.write(m, out);
        int length = out.size() - at - FrameCodec.HEADER_BYTES;
        out.skip(FrameCodec.TRAILER_BYTES);
        FrameCodec.seal(out.array(), at, m.type(), seq, length);
    }

    /** Sends a message again under the sequence number it first had (the receiver executes it once). */
    public synchronized void resend(Message m, long seq) throws IOException {
        out.reset(KEEP_OUT_BUFFER);
        append(m, seq);
        transport.write(out.array(), 0, out.size());
    }

    public long nanosSinceLastReceive() {
        return System.nanoTime() - lastReceiveNanos;
    }

    public long malformedFrames() {
        return malformed;
    }

    public FrameDecoder decoderStats() {
        return decoder;
    }

    public String describe() {
        return transport.describe();
    }

    private void readLoop() {
        byte[] buf = new byte[65536];
        String reason = "closed";
        try {
            while (!closing) {
                int n = transport.read(buf, 0, buf.length);
                if (n < 0) {
                    reason = "closed by the other end"; // which link: the handler's log says (operators are not shown device paths)
                    break;
                }
                if (n == 0) continue;
                decoder.feed(buf, 0, n);
                Frame f;
                while ((f = decoder.poll()) != null) {
                    lastReceiveNanos = System.nanoTime();
                    Message m;
                    try {
                        m = MessageCodec.decode(f);
                    } catch (ProtocolException e) {
                        malformed++;
                        log.warn("{}: dropped malformed message: {}", name, e.getMessage());
                        continue;
                    }
                    handler.onMessage(f.seq(), m);
                }
            }
        } catch (IOException e) {
            reason = e.getMessage();
        } catch (RuntimeException e) {
            log.error("{}: reader stopped by an unexpected error", name, e);
            reason = "internal error (the log has the detail)";
        }
        if (!closing) handler.onClosed(reason);
    }

    @Override
    public void close() {
        closing = true;
        transport.close();
        try {
            reader.join(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
