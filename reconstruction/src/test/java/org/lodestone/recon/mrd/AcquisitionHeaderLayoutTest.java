package org.lodestone.recon.mrd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class AcquisitionHeaderLayoutTest {

    @Test
    void packedSizeAndOffsetsMatchIsmrmrdStruct() {
        // Offsets computed by hand from ismrmrd.h field order with 2-byte packing.
        assertThat(AcquisitionHeaderLayout.SIZE).isEqualTo(340);
        assertThat(AcquisitionHeaderLayout.FLAGS).isEqualTo(2);
        assertThat(AcquisitionHeaderLayout.SCAN_COUNTER).isEqualTo(14);
        assertThat(AcquisitionHeaderLayout.NUMBER_OF_SAMPLES).isEqualTo(34);
        assertThat(AcquisitionHeaderLayout.ACTIVE_CHANNELS).isEqualTo(38);
        assertThat(AcquisitionHeaderLayout.CHANNEL_MASK).isEqualTo(40);
        assertThat(AcquisitionHeaderLayout.DISCARD_PRE).isEqualTo(168);
        assertThat(AcquisitionHeaderLayout.TRAJECTORY_DIMENSIONS).isEqualTo(176);
        assertThat(AcquisitionHeaderLayout.SAMPLE_TIME_US).isEqualTo(178);
        assertThat(AcquisitionHeaderLayout.POSITION).isEqualTo(182);
        assertThat(AcquisitionHeaderLayout.PATIENT_TABLE_POSITION).isEqualTo(230);
        assertThat(AcquisitionHeaderLayout.IDX).isEqualTo(242);
        assertThat(AcquisitionHeaderLayout.USER_INT).isEqualTo(276);
        assertThat(AcquisitionHeaderLayout.USER_FLOAT).isEqualTo(308);
    }

    @Test
    void encodedBytesSitAtTheDocumentedOffsets() {
        AcquisitionHeader h = sampleHeader();
        byte[] bytes = AcquisitionHeaderLayout.encode(h);
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);

        assertThat(bytes).hasSize(340);
        assertThat(b.getShort(0)).isEqualTo((short) 1);
        assertThat(b.getLong(2)).isEqualTo(h.flags());
        assertThat(Integer.toUnsignedLong(b.getInt(14))).isEqualTo(4_000_000_000L); // uint32 above int range
        assertThat(b.getShort(34)).isEqualTo((short) 256);
        assertThat(b.getShort(38)).isEqualTo((short) 2);
        assertThat(b.getLong(40)).isEqualTo(0b11L);
        assertThat(b.getShort(176)).isEqualTo((short) 2);
        assertThat(b.getFloat(178)).isEqualTo(12.5f);
        assertThat(b.getFloat(182)).isEqualTo(1.5f);
        assertThat(b.getShort(242)).isEqualTo((short) 17);   // idx.kspace_encode_step_1
        assertThat(b.getShort(242 + 6)).isEqualTo((short) 3); // idx.slice
        assertThat(Short.toUnsignedInt(b.getShort(242 + 2 * 16))).isEqualTo(65535); // idx.user[7]
        assertThat(b.getInt(276)).isEqualTo(-7);
        assertThat(b.getFloat(336)).isEqualTo(0.25f);        // user_float[7]
    }

    @Test
    void decodeIsTheInverseOfEncode() {
        AcquisitionHeader h = sampleHeader();
        ByteBuffer b = ByteBuffer.wrap(AcquisitionHeaderLayout.encode(h)).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(AcquisitionHeaderLayout.decode(b)).isEqualTo(h);
    }

    @Test
    void toBuilderKeepsEveryFieldAndChangesOnlyWhatIsSet() {
        AcquisitionHeader h = sampleHeader().toBuilder().version(2).discardPre(3).discardPost(4).encodingSpaceRef(1)
                .availableChannels(5).channelMask(-1L, 7, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, Long.MIN_VALUE).build();
        assertThat(h.toBuilder().build()).isEqualTo(h);
        AcquisitionHeader moved = h.toBuilder().scanCounter(7).build();
        assertThat(moved.scanCounter()).isEqualTo(7);
        assertThat(moved.toBuilder().scanCounter(h.scanCounter()).build()).isEqualTo(h);
        assertThat(h.toBuilder().build().version()).isEqualTo(2);
        assertThat(h.toBuilder().build().channelMask()[15]).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void outOfRangeValuesAreRejectedWithTheFieldName() {
        assertThatThrownBy(() -> AcquisitionHeader.builder().numberOfSamples(70_000).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("number_of_samples");
        assertThatThrownBy(() -> EncodingCounters.of(-1, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("kspace_encode_step_1");
    }

    static AcquisitionHeader sampleHeader() {
        return AcquisitionHeader.builder()
                .setFlag(AcquisitionFlag.FIRST_IN_SLICE).setFlag(AcquisitionFlag.LAST_IN_MEASUREMENT)
                .measurementUid(42).scanCounter(4_000_000_000L).acquisitionTimeStamp(123456)
                .physiologyTimeStamp(1, 2, 3)
                .numberOfSamples(256).channels(2).trajectoryDimensions(2)
                .centerSample(128).sampleTimeUs(12.5f)
                .position(1.5f, -2f, 3f).readDir(0, 1, 0).phaseDir(1, 0, 0).sliceDir(0, 0, -1)
                .patientTablePosition(0, 0, -100)
                .idx(new EncodingCounters(17, 0, 1, 3, 0, 0, 2, 0, 0, new int[] {0, 0, 0, 0, 0, 0, 0, 65535}))
                .userInt(-7, 0, 0, 0, 0, 0, 0, Integer.MAX_VALUE)
                .userFloat(0, 0, 0, 0, 0, 0, 0, 0.25f)
                .build();
    }
}
