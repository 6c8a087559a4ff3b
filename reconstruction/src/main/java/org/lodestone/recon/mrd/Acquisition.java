package org.lodestone.recon.mrd;

import java.util.Objects;

/**
 * One readout: header, trajectory ({@code trajectory_dimensions × number_of_samples} floats, sample-major
 * as ISMRMRD stores it) and data ({@code active_channels × number_of_samples} complex samples, interleaved
 * re,im and channel-major: all samples of channel 0, then channel 1 …).
 * Arrays are copied in and out; use {@link #re}/{@link #im} for single samples without copying.
 */
public record Acquisition(AcquisitionHeader header, float[] trajectory, float[] data) {

    public Acquisition {
        Objects.requireNonNull(header, "header");
        trajectory = trajectory == null ? new float[0] : trajectory.clone();
        Objects.requireNonNull(data, "data");
        int samples = header.numberOfSamples();
        long expectedTraj = (long) header.trajectoryDimensions() * samples;
        if (trajectory.length != expectedTraj) {
            throw new IllegalArgumentException("trajectory has " + trajectory.length + " floats but the header needs "
                    + header.trajectoryDimensions() + " dims × " + samples + " samples = " + expectedTraj);
        }
        long expectedData = 2L * header.activeChannels() * samples;
        if (data.length != expectedData) {
            throw new IllegalArgumentException("data has " + data.length + " floats but the header needs 2 × "
                    + header.activeChannels() + " channels × " + samples + " samples = " + expectedData);
        }
        data = data.clone();
    }

    @Override
    public float[] trajectory() {
        return trajectory.clone();
    }

    @Override
    public float[] data() {
        return data.clone();
    }

    public float re(int channel, int sample) {
        return data[2 * (channel * header.numberOfSamples() + sample)];
    }

    public float im(int channel, int sample) {
        return data[2 * (channel * header.numberOfSamples() + sample) + 1];
    }

    /** Interleaved complex samples of one channel. */
    public float[] channel(int channel) {
        int n = 2 * header.numberOfSamples();
        float[] out = new float[n];
        System.arraycopy(data, channel * n, out, 0, n);
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Acquisition a && header.equals(a.header)
                && java.util.Arrays.equals(trajectory, a.trajectory) && java.util.Arrays.equals(data, a.data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(header, java.util.Arrays.hashCode(trajectory), java.util.Arrays.hashCode(data));
    }

    @Override
    public String toString() {
        return "Acquisition[" + header + ", trajectory floats=" + trajectory.length + ", data floats=" + data.length + "]";
    }
}
