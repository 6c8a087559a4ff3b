package org.lodestone.recon.mrd;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an MRD v1 (ISMRMRD protocol) stream: optional header message, acquisitions, close message.
 *
 * <p>A stream that simply stops (writer killed, disk full, copy interrupted) is not an error: every complete
 * acquisition is returned with {@code complete == false} and a readable {@code problem}. Bytes that cannot be
 * MRD (unknown message id, implausible lengths, wrong header version) are named by message index and byte
 * offset: after the XML header they end the read like a truncation ({@code problem} says where, every
 * acquisition before them is kept); before it they raise {@link MrdFormatException}. Image, waveform and text messages are not supported and are reported as
 * such.
 */
public final class MrdStreamReader {

    /** Upper bound for the XML header; a larger length field means the bytes are not an MRD header. */
    public static final int MAX_XML_BYTES = 64 << 20;

    /**
     * @param xml          the XML header text, or {@code null} if the stream has no header message
     * @param acquisitions every complete acquisition, in file order
     * @param complete     true if the close message was reached
     * @param problem      {@code null} if everything was read cleanly, otherwise a sentence for the operator log
     */
    public record Result(String xml, List<Acquisition> acquisitions, boolean complete, String problem) {
        public Result {
            acquisitions = List.copyOf(acquisitions);
        }
    }

    private final InputStream in;
    private long offset;

    private MrdStreamReader(InputStream in) {
        this.in = in;
    }

    public static Result read(Path path) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(path), 1 << 16)) {
            return read(in);
        }
    }

    /** Reads until the close message or end of stream; does not close {@code in}. */
    public static Result read(InputStream in) throws IOException {
        return new MrdStreamReader(in).readAll();
    }

    private String xml;
    private final List<Acquisition> acquisitions = new ArrayList<>();

    private Result readAll() throws IOException {
        try {
            return readMessages();
        } catch (MrdFormatException e) {
            // Damage after the header loses nothing before it: the acquisitions read so far are kept.
            if (xml == null) {
                throw e;
            }
            return new Result(xml, List.copyOf(acquisitions), false, e.getMessage() + "; kept " + acquisitions.size()
                    + " complete acquisitions before it");
        }
    }

    private Result readMessages() throws IOException {
        for (int index = 0; ; index++) {
            long start = offset;
            byte[] idBytes = readUpTo(2);
            if (idBytes.length == 0) {
                return new Result(xml, acquisitions, false, "stream ends after " + acquisitions.size()
                        + " acquisitions without a close message (writer did not finish; data may be missing)");
            }
            if (idBytes.length < 2) {
                return truncated(xml, acquisitions, index, start, "message id", 2, idBytes.length);
            }
            int id = Short.toUnsignedInt(le(idBytes).getShort());
            switch (id) {
                case MrdMessageId.HEADER -> {
                    if (xml != null) {
                        throw new MrdFormatException(index, start, "second XML header message (only one is allowed)");
                    }
                    byte[] len = readUpTo(4);
                    if (len.length < 4) {
                        return truncated(xml, acquisitions, index, start, "XML header length", 4, len.length);
                    }
                    long size = Integer.toUnsignedLong(le(len).getInt());
                    if (size > MAX_XML_BYTES) {
                        throw new MrdFormatException(index, start, "XML header length " + size
                                + " bytes is implausible (limit " + MAX_XML_BYTES + "); the length field is corrupt");
                    }
                    byte[] text = readUpTo((int) size);
                    if (text.length < size) {
                        return truncated(xml, acquisitions, index, start, "XML header", size, text.length);
                    }
                    // Older writers included the C string terminator; ISMRMRD strips it too.
                    int n = text.length > 0 && text[text.length - 1] == 0 ? text.length - 1 : text.length;
                    xml = new String(text, 0, n, StandardCharsets.UTF_8);
                }
                case MrdMessageId.ACQUISITION -> {
                    byte[] head = readUpTo(AcquisitionHeaderLayout.SIZE);
                    if (head.length < AcquisitionHeaderLayout.SIZE) {
                        return truncated(xml, acquisitions, index, start, "acquisition header",
                                AcquisitionHeaderLayout.SIZE, head.length);
                    }
                    AcquisitionHeader h = AcquisitionHeaderLayout.decode(le(head));
                    if (h.version() != AcquisitionHeader.CURRENT_VERSION) {
                        throw new MrdFormatException(index, start, "acquisition header version " + h.version()
                                + " (expected " + AcquisitionHeader.CURRENT_VERSION + "); the data is corrupt or from "
                                + "an unsupported ISMRMRD version");
                    }
                    long trajFloats = (long) h.trajectoryDimensions() * h.numberOfSamples();
                    long dataFloats = 2L * h.activeChannels() * h.numberOfSamples();
                    long payload = 4 * (trajFloats + dataFloats);
                    if (payload > Integer.MAX_VALUE - 8) {
                        throw new MrdFormatException(index, start, "acquisition payload of " + payload
                                + " bytes is too large to be real (samples=" + h.numberOfSamples() + ", channels="
                                + h.activeChannels() + ", trajectory dims=" + h.trajectoryDimensions() + ")");
                    }
                    // readNBytes grows its buffer as bytes arrive, so a corrupt size cannot allocate gigabytes.
                    byte[] body = readUpTo((int) payload);
                    if (body.length < payload) {
                        return truncated(xml, acquisitions, index, start, "acquisition " + acquisitions.size()
                                + " (scan_counter " + h.scanCounter() + ")", AcquisitionHeaderLayout.SIZE + payload,
                                AcquisitionHeaderLayout.SIZE + body.length);
                    }
                    ByteBuffer b = le(body);
                    float[] traj = new float[(int) trajFloats];
                    float[] data = new float[(int) dataFloats];
                    b.asFloatBuffer().get(traj).get(data);
                    acquisitions.add(new Acquisition(h, traj, data));
                }
                case MrdMessageId.CLOSE -> {
                    long end = offset;
                    String problem = readUpTo(1).length == 0 ? null
                            : "unexpected bytes after the close message at byte offset " + end + " were ignored";
                    return new Result(xml, acquisitions, true, problem);
                }
                default -> throw new MrdFormatException(index, start, "unknown or unsupported message id " + id
                        + " (expected " + MrdMessageId.HEADER + " header, " + MrdMessageId.ACQUISITION
                        + " acquisition or " + MrdMessageId.CLOSE + " close)");
            }
        }
    }

    private static Result truncated(String xml, List<Acquisition> acquisitions, int index, long start, String what,
                                    long expected, long got) {
        return new Result(xml, acquisitions, false, "stream is truncated in message #" + index + " at byte offset "
                + start + ": " + what + " needs " + expected + " bytes but only " + got + " are present; kept "
                + acquisitions.size() + " complete acquisitions");
    }

    private byte[] readUpTo(int n) throws IOException {
        byte[] b = in.readNBytes(n);
        offset += b.length;
        return b;
    }

    private static ByteBuffer le(byte[] bytes) {
        return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }
}
