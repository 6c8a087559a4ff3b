package org.lodestone.recon.mrd;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Byte layout of the packed C struct {@code ISMRMRD_AcquisitionHeader} (ismrmrd.h, {@code #pragma pack(2)}),
 * little-endian. Offsets are derived from the field sizes in declaration order; tests pin them down.
 */
public final class AcquisitionHeaderLayout {

    public static final int VERSION = 0;                                   // uint16
    public static final int FLAGS = VERSION + 2;                           // uint64
    public static final int MEASUREMENT_UID = FLAGS + 8;                   // uint32
    public static final int SCAN_COUNTER = MEASUREMENT_UID + 4;            // uint32
    public static final int ACQUISITION_TIME_STAMP = SCAN_COUNTER + 4;     // uint32
    public static final int PHYSIOLOGY_TIME_STAMP = ACQUISITION_TIME_STAMP + 4; // uint32[3]
    public static final int NUMBER_OF_SAMPLES = PHYSIOLOGY_TIME_STAMP + 4 * AcquisitionHeader.PHYS_STAMPS; // uint16
    public static final int AVAILABLE_CHANNELS = NUMBER_OF_SAMPLES + 2;    // uint16
    public static final int ACTIVE_CHANNELS = AVAILABLE_CHANNELS + 2;      // uint16
    public static final int CHANNEL_MASK = ACTIVE_CHANNELS + 2;            // uint64[16]
    public static final int DISCARD_PRE = CHANNEL_MASK + 8 * AcquisitionHeader.CHANNEL_MASKS; // uint16
    public static final int DISCARD_POST = DISCARD_PRE + 2;                // uint16
    public static final int CENTER_SAMPLE = DISCARD_POST + 2;              // uint16
    public static final int ENCODING_SPACE_REF = CENTER_SAMPLE + 2;        // uint16
    public static final int TRAJECTORY_DIMENSIONS = ENCODING_SPACE_REF + 2; // uint16
    public static final int SAMPLE_TIME_US = TRAJECTORY_DIMENSIONS + 2;    // float
    public static final int POSITION = SAMPLE_TIME_US + 4;                 // float[3]
    public static final int READ_DIR = POSITION + 12;                      // float[3]
    public static final int PHASE_DIR = READ_DIR + 12;                     // float[3]
    public static final int SLICE_DIR = PHASE_DIR + 12;                    // float[3]
    public static final int PATIENT_TABLE_POSITION = SLICE_DIR + 12;       // float[3]
    public static final int IDX = PATIENT_TABLE_POSITION + 12;             // EncodingCounters, 34 bytes
    public static final int USER_INT = IDX + EncodingCounters.SIZE_BYTES;  // int32[8]
    public static final int USER_FLOAT = USER_INT + 4 * AcquisitionHeader.USER_INTS; // float[8]
    /** sizeof(ISMRMRD_AcquisitionHeader). */
    public static final int SIZE = USER_FLOAT + 4 * AcquisitionHeader.USER_FLOATS;

    private AcquisitionHeaderLayout() {
    }

    /** Encodes {@code h} into a new little-endian buffer of exactly {@link #SIZE} bytes. */
    public static byte[] encode(AcquisitionHeader h) {
        ByteBuffer b = ByteBuffer.allocate(SIZE).order(ByteOrder.LITTLE_ENDIAN);
        put(h, b);
        return b.array();
    }

    /** Writes the {@link #SIZE} header bytes at {@code out}'s position (buffer must be little-endian). */
    static void put(AcquisitionHeader h, ByteBuffer out) {
        requireLittleEndian(out);
        out.putShort((short) h.version());
        out.putLong(h.flags());
        out.putInt((int) h.measurementUid());
        out.putInt((int) h.scanCounter());
        out.putInt((int) h.acquisitionTimeStamp());
        for (long t : h.physiologyTimeStamp()) {
            out.putInt((int) t);
        }
        out.putShort((short) h.numberOfSamples());
        out.putShort((short) h.availableChannels());
        out.putShort((short) h.activeChannels());
        for (long m : h.channelMask()) {
            out.putLong(m);
        }
        out.putShort((short) h.discardPre());
        out.putShort((short) h.discardPost());
        out.putShort((short) h.centerSample());
        out.putShort((short) h.encodingSpaceRef());
        out.putShort((short) h.trajectoryDimensions());
        out.putFloat(h.sampleTimeUs());
        putFloats(out, h.position());
        putFloats(out, h.readDir());
        putFloats(out, h.phaseDir());
        putFloats(out, h.sliceDir());
        putFloats(out, h.patientTablePosition());
        EncodingCounters i = h.idx();
        for (int v : new int[] {i.kspaceEncodeStep1(), i.kspaceEncodeStep2(), i.average(), i.slice(), i.contrast(),
                i.phase(), i.repetition(), i.set(), i.segment()}) {
            out.putShort((short) v);
        }
        for (int u : i.user()) {
            out.putShort((short) u);
        }
        for (int u : h.userInt()) {
            out.putInt(u);
        }
        putFloats(out, h.userFloat());
    }

    /** Decodes {@link #SIZE} bytes starting at {@code in}'s position (buffer must be little-endian). */
    public static AcquisitionHeader decode(ByteBuffer in) {
        return read(in).build();
    }

    /** Reads the {@link #SIZE} header bytes at {@code in}'s position into a builder that holds every field. */
    static AcquisitionHeader.Builder read(ByteBuffer in) {
        requireLittleEndian(in);
        // arguments and chained calls are evaluated left to right: the reads follow the layout's order
        AcquisitionHeader.Builder b = AcquisitionHeader.builder().version(u16(in)).flags(in.getLong())
                .measurementUid(u32(in)).scanCounter(u32(in)).acquisitionTimeStamp(u32(in))
                .physiologyTimeStamp(u32(in), u32(in), u32(in))
                .numberOfSamples(u16(in)).availableChannels(u16(in)).activeChannels(u16(in));
        long[] mask = new long[AcquisitionHeader.CHANNEL_MASKS];
        for (int k = 0; k < mask.length; k++) {
            mask[k] = in.getLong();
        }
        b.channelMask(mask).discardPre(u16(in)).discardPost(u16(in)).centerSample(u16(in))
                .encodingSpaceRef(u16(in)).trajectoryDimensions(u16(in)).sampleTimeUs(in.getFloat())
                .position(in.getFloat(), in.getFloat(), in.getFloat()).readDir(in.getFloat(), in.getFloat(), in.getFloat())
                .phaseDir(in.getFloat(), in.getFloat(), in.getFloat()).sliceDir(in.getFloat(), in.getFloat(), in.getFloat())
                .patientTablePosition(in.getFloat(), in.getFloat(), in.getFloat());
        int[] c = new int[9];
        for (int k = 0; k < c.length; k++) {
            c[k] = u16(in);
        }
        int[] user = new int[EncodingCounters.USER_COUNT];
        for (int k = 0; k < user.length; k++) {
            user[k] = u16(in);
        }
        b.idx(new EncodingCounters(c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7], c[8], user));
        int[] userInt = new int[AcquisitionHeader.USER_INTS];
        for (int k = 0; k < userInt.length; k++) {
            userInt[k] = in.getInt();
        }
        return b.userInt(userInt).userFloat(floats(in, AcquisitionHeader.USER_FLOATS));
    }

    private static void requireLittleEndian(ByteBuffer b) {
        if (b.order() != ByteOrder.LITTLE_ENDIAN) {
            throw new IllegalArgumentException("MRD buffers must be little-endian");
        }
    }

    private static int u16(ByteBuffer b) {
        return Short.toUnsignedInt(b.getShort());
    }

    private static long u32(ByteBuffer b) {
        return Integer.toUnsignedLong(b.getInt());
    }

    private static float[] floats(ByteBuffer b, int n) {
        float[] f = new float[n];
        for (int k = 0; k < n; k++) {
            f[k] = b.getFloat();
        }
        return f;
    }

    private static void putFloats(ByteBuffer b, float[] values) {
        for (float v : values) {
            b.putFloat(v);
        }
    }
}
