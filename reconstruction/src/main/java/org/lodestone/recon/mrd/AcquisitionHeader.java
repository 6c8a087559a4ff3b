package org.lodestone.recon.mrd;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;

/**
 * ISMRMRD {@code AcquisitionHeader} (340 bytes packed, see {@link AcquisitionHeaderLayout}).
 * Unsigned C types are widened: uint16 → {@code int}, uint32 → {@code long}; uint64 fields
 * ({@code flags}, {@code channel_mask}) keep their bit pattern in a {@code long}.
 * Array components are copied in and out, so instances are immutable. Build with {@link #builder()}.
 */
public record AcquisitionHeader(
        int version,
        long flags,
        long measurementUid,
        long scanCounter,
        long acquisitionTimeStamp,
        long[] physiologyTimeStamp,
        int numberOfSamples,
        int availableChannels,
        int activeChannels,
        long[] channelMask,
        int discardPre,
        int discardPost,
        int centerSample,
        int encodingSpaceRef,
        int trajectoryDimensions,
        float sampleTimeUs,
        float[] position,
        float[] readDir,
        float[] phaseDir,
        float[] sliceDir,
        float[] patientTablePosition,
        EncodingCounters idx,
        int[] userInt,
        float[] userFloat) {

    /** {@code ISMRMRD_VERSION_MAJOR}, written into every acquisition header. */
    public static final int CURRENT_VERSION = 1;
    public static final int PHYS_STAMPS = 3;
    public static final int CHANNEL_MASKS = 16;
    public static final int USER_INTS = 8;
    public static final int USER_FLOATS = 8;

    public AcquisitionHeader {
        EncodingCounters.checkU16("version", version);
        checkU32("measurement_uid", measurementUid);
        checkU32("scan_counter", scanCounter);
        checkU32("acquisition_time_stamp", acquisitionTimeStamp);
        physiologyTimeStamp = copy("physiology_time_stamp", physiologyTimeStamp, PHYS_STAMPS);
        for (long t : physiologyTimeStamp) {
            checkU32("physiology_time_stamp", t);
        }
        EncodingCounters.checkU16("number_of_samples", numberOfSamples);
        EncodingCounters.checkU16("available_channels", availableChannels);
        EncodingCounters.checkU16("active_channels", activeChannels);
        channelMask = copy("channel_mask", channelMask, CHANNEL_MASKS);
        EncodingCounters.checkU16("discard_pre", discardPre);
        EncodingCounters.checkU16("discard_post", discardPost);
        EncodingCounters.checkU16("center_sample", centerSample);
        EncodingCounters.checkU16("encoding_space_ref", encodingSpaceRef);
        EncodingCounters.checkU16("trajectory_dimensions", trajectoryDimensions);
        position = copy("position", position, 3);
        readDir = copy("read_dir", readDir, 3);
        phaseDir = copy("phase_dir", phaseDir, 3);
        sliceDir = copy("slice_dir", sliceDir, 3);
        patientTablePosition = copy("patient_table_position", patientTablePosition, 3);
        idx = Objects.requireNonNullElse(idx, EncodingCounters.ZERO);
        userInt = userInt == null ? new int[USER_INTS] : userInt.clone();
        if (userInt.length != USER_INTS) {
            throw new IllegalArgumentException("user_int needs " + USER_INTS + " values, got " + userInt.length);
        }
        userFloat = copy("user_float", userFloat, USER_FLOATS);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding every field of this header, read back from its MRD bytes (the layout is lossless). */
    public Builder toBuilder() {
        return AcquisitionHeaderLayout.read(ByteBuffer.wrap(AcquisitionHeaderLayout.encode(this)).order(ByteOrder.LITTLE_ENDIAN));
    }

    public boolean isSet(AcquisitionFlag flag) {
        return flag.isSetIn(flags);
    }

    @Override public long[] physiologyTimeStamp() { return physiologyTimeStamp.clone(); }
    @Override public long[] channelMask() { return channelMask.clone(); }
    @Override public float[] position() { return position.clone(); }
    @Override public float[] readDir() { return readDir.clone(); }
    @Override public float[] phaseDir() { return phaseDir.clone(); }
    @Override public float[] sliceDir() { return sliceDir.clone(); }
    @Override public float[] patientTablePosition() { return patientTablePosition.clone(); }
    @Override public int[] userInt() { return userInt.clone(); }
    @Override public float[] userFloat() { return userFloat.clone(); }

    @Override
    public boolean equals(Object o) {
        return o instanceof AcquisitionHeader h
                && version == h.version && flags == h.flags && measurementUid == h.measurementUid
                && scanCounter == h.scanCounter && acquisitionTimeStamp == h.acquisitionTimeStamp
                && Arrays.equals(physiologyTimeStamp, h.physiologyTimeStamp)
                && numberOfSamples == h.numberOfSamples && availableChannels == h.availableChannels
                && activeChannels == h.activeChannels && Arrays.equals(channelMask, h.channelMask)
                && discardPre == h.discardPre && discardPost == h.discardPost && centerSample == h.centerSample
                && encodingSpaceRef == h.encodingSpaceRef && trajectoryDimensions == h.trajectoryDimensions
                && Float.compare(sampleTimeUs, h.sampleTimeUs) == 0
                && Arrays.equals(position, h.position) && Arrays.equals(readDir, h.readDir)
                && Arrays.equals(phaseDir, h.phaseDir) && Arrays.equals(sliceDir, h.sliceDir)
                && Arrays.equals(patientTablePosition, h.patientTablePosition) && idx.equals(h.idx)
                && Arrays.equals(userInt, h.userInt) && Arrays.equals(userFloat, h.userFloat);
    }

    @Override
    public int hashCode() {
        int h = Objects.hash(version, flags, measurementUid, scanCounter, acquisitionTimeStamp, numberOfSamples,
                availableChannels, activeChannels, discardPre, discardPost, centerSample, encodingSpaceRef,
                trajectoryDimensions, sampleTimeUs, idx);
        h = 31 * h + Arrays.hashCode(physiologyTimeStamp);
        h = 31 * h + Arrays.hashCode(channelMask);
        h = 31 * h + Arrays.hashCode(position);
        h = 31 * h + Arrays.hashCode(readDir);
        h = 31 * h + Arrays.hashCode(phaseDir);
        h = 31 * h + Arrays.hashCode(sliceDir);
        h = 31 * h + Arrays.hashCode(patientTablePosition);
        h = 31 * h + Arrays.hashCode(userInt);
        return 31 * h + Arrays.hashCode(userFloat);
    }

    @Override
    public String toString() {
        return "AcquisitionHeader[scan_counter=" + scanCounter + ", samples=" + numberOfSamples
                + ", channels=" + activeChannels + "/" + availableChannels + ", traj_dims=" + trajectoryDimensions
                + ", flags=0x" + Long.toHexString(flags) + ", " + idx + "]";
    }

    private static void checkU32(String name, long value) {
        if (value < 0 || value > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException(name + " must be in 0..4294967295 (uint32), got " + value);
        }
    }

    private static long[] copy(String name, long[] values, int n) {
        return values == null ? new long[n] : requireLength(name, values.length, n, values).clone();
    }

    private static float[] copy(String name, float[] values, int n) {
        return values == null ? new float[n] : requireLength(name, values.length, n, values).clone();
    }

    private static <T> T requireLength(String name, int length, int n, T values) {
        if (length != n) throw new IllegalArgumentException(name + " needs " + n + " values, got " + length);
        return values;
    }

    /**
     * Mutable builder with defaults for a plain Cartesian line: version 1, one active channel
     * (channel mask bit 0), identity orientation (read = x, phase = y, slice = z), everything else 0.
     */
    public static final class Builder {
        private int version = CURRENT_VERSION;
        private long flags;
        private long measurementUid;
        private long scanCounter;
        private long acquisitionTimeStamp;
        private long[] physiologyTimeStamp = new long[PHYS_STAMPS];
        private int numberOfSamples;
        private int availableChannels = 1;
        private int activeChannels = 1;
        private long[] channelMask = maskFor(1);
        private int discardPre;
        private int discardPost;
        private int centerSample;
        private int encodingSpaceRef;
        private int trajectoryDimensions;
        private float sampleTimeUs;
        private float[] position = new float[3];
        private float[] readDir = {1, 0, 0};
        private float[] phaseDir = {0, 1, 0};
        private float[] sliceDir = {0, 0, 1};
        private float[] patientTablePosition = new float[3];
        private EncodingCounters idx = EncodingCounters.ZERO;
        private int[] userInt = new int[USER_INTS];
        private float[] userFloat = new float[USER_FLOATS];

        private Builder() {
        }

        /** Channel mask with bits 0..channels-1 set (uint64[16] = 1024 channel bits). */
        static long[] maskFor(int channels) {
            long[] mask = new long[CHANNEL_MASKS];
            for (int c = 0; c < channels && c < 64 * CHANNEL_MASKS; c++) {
                mask[c / 64] |= 1L << (c % 64);
            }
            return mask;
        }

        public Builder version(int v) { version = v; return this; }
        public Builder flags(long v) { flags = v; return this; }
        public Builder setFlag(AcquisitionFlag f) { flags |= f.mask(); return this; }
        public Builder measurementUid(long v) { measurementUid = v; return this; }
        public Builder scanCounter(long v) { scanCounter = v; return this; }
        public Builder acquisitionTimeStamp(long v) { acquisitionTimeStamp = v; return this; }
        public Builder physiologyTimeStamp(long... v) { physiologyTimeStamp = v.clone(); return this; }
        public Builder numberOfSamples(int v) { numberOfSamples = v; return this; }
        /** Sets available and active channel counts and a matching contiguous channel mask. */
        public Builder channels(int n) {
            availableChannels = n;
            activeChannels = n;
            channelMask = maskFor(n);
            return this;
        }
        public Builder availableChannels(int v) { availableChannels = v; return this; }
        public Builder activeChannels(int v) { activeChannels = v; return this; }
        public Builder channelMask(long... v) { channelMask = v.clone(); return this; }
        public Builder discardPre(int v) { discardPre = v; return this; }
        public Builder discardPost(int v) { discardPost = v; return this; }
        public Builder centerSample(int v) { centerSample = v; return this; }
        public Builder encodingSpaceRef(int v) { encodingSpaceRef = v; return this; }
        public Builder trajectoryDimensions(int v) { trajectoryDimensions = v; return this; }
        public Builder sampleTimeUs(float v) { sampleTimeUs = v; return this; }
        public Builder position(float x, float y, float z) { position = new float[] {x, y, z}; return this; }
        public Builder readDir(float x, float y, float z) { readDir = new float[] {x, y, z}; return this; }
        public Builder phaseDir(float x, float y, float z) { phaseDir = new float[] {x, y, z}; return this; }
        public Builder sliceDir(float x, float y, float z) { sliceDir = new float[] {x, y, z}; return this; }
        public Builder patientTablePosition(float x, float y, float z) {
            patientTablePosition = new float[] {x, y, z};
            return this;
        }
        public Builder idx(EncodingCounters v) { idx = v; return this; }
        public Builder userInt(int... v) { userInt = v.clone(); return this; }
        public Builder userFloat(float... v) { userFloat = v.clone(); return this; }

        public AcquisitionHeader build() {
            return new AcquisitionHeader(version, flags, measurementUid, scanCounter, acquisitionTimeStamp,
                    physiologyTimeStamp, numberOfSamples, availableChannels, activeChannels, channelMask, discardPre,
                    discardPost, centerSample, encodingSpaceRef, trajectoryDimensions, sampleTimeUs, position, readDir,
                    phaseDir, sliceDir, patientTablePosition, idx, userInt, userFloat);
        }
    }
}
