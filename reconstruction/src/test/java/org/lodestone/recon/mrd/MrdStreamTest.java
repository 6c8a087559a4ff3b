package org.lodestone.recon.mrd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MrdStreamTest {

    static final int SAMPLES = 32;
    static final int CHANNELS = 2;
    static final int TRAJ_DIMS = 2;
    /** id + header + trajectory + data. */
    static final int ACQ_MESSAGE_BYTES = 2 + 340 + 4 * (TRAJ_DIMS * SAMPLES + 2 * CHANNELS * SAMPLES);

    @TempDir
    Path dir;

    static final String XML = IsmrmrdHeaderXml.build(EncodingSpec.cartesian2D(SAMPLES, 8, 200, 200, 5, CHANNELS,
            2_130_000, 0.05));

    static List<Acquisition> acquisitions(int count) {
        Random rnd = new Random(7);
        List<Acquisition> list = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            AcquisitionHeader h = AcquisitionHeader.builder().scanCounter(i).numberOfSamples(SAMPLES)
                    .channels(CHANNELS).trajectoryDimensions(TRAJ_DIMS).idx(EncodingCounters.of(i % 8, 0)).build();
            float[] traj = new float[TRAJ_DIMS * SAMPLES];
            for (int s = 0; s < SAMPLES; s++) {
                traj[2 * s] = s - SAMPLES / 2f;
                traj[2 * s + 1] = i;
            }
            float[] data = new float[2 * CHANNELS * SAMPLES];
            for (int k = 0; k < data.length; k++) {
                data[k] = (float) rnd.nextGaussian();
            }
            list.add(new Acquisition(h, traj, data));
        }
        return list;
    }

    @Test
    void roundTripWithTwoChannelsAndTrajectories() throws IOException {
        Path file = dir.resolve("raw.mrd");
        List<Acquisition> written = acquisitions(5);
        try (MrdStreamWriter w = MrdStreamWriter.create(file, XML)) {
            for (Acquisition a : written) {
                w.append(a);
            }
            assertThat(w.acquisitionsWritten()).isEqualTo(5);
        }

        MrdStreamReader.Result r = MrdStreamReader.read(file);
        assertThat(r.complete()).isTrue();
        assertThat(r.problem()).isNull();
        assertThat(r.xml()).isEqualTo(XML);
        assertThat(r.acquisitions()).containsExactlyElementsOf(written);
        assertThat(r.acquisitions().get(3).re(1, 5)).isEqualTo(written.get(3).data()[2 * (SAMPLES + 5)]);
    }

    @Test
    void fileBytesFollowTheIsmrmrdProtocolLayout() throws IOException {
        Path file = dir.resolve("raw.mrd");
        Acquisition a = acquisitions(1).getFirst();
        try (MrdStreamWriter w = MrdStreamWriter.create(file, XML)) {
            w.append(a);
        }
        byte[] xml = XML.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);

        assertThat(b.capacity()).isEqualTo(2 + 4 + xml.length + ACQ_MESSAGE_BYTES + 2);
        assertThat(b.getShort(0)).isEqualTo((short) 3);
        assertThat(b.getInt(2)).isEqualTo(xml.length);
        int acq = 6 + xml.length;
        assertThat(b.getShort(acq)).isEqualTo((short) 1008);
        assertThat(b.getShort(acq + 2 + AcquisitionHeaderLayout.NUMBER_OF_SAMPLES)).isEqualTo((short) SAMPLES);
        int traj = acq + 2 + 340;
        assertThat(b.getFloat(traj)).isEqualTo(a.trajectory()[0]);
        int data = traj + 4 * TRAJ_DIMS * SAMPLES;
        // channel-major: channel 1 starts after all samples of channel 0
        assertThat(b.getFloat(data + 8 * SAMPLES)).isEqualTo(a.re(1, 0));
        assertThat(b.getShort(b.capacity() - 2)).isEqualTo((short) 4);
    }

    @Test
    void killedWriterLeavesEveryAppendedAcquisitionReadable() throws IOException {
        Path file = dir.resolve("raw.mrd");
        List<Acquisition> written = acquisitions(3);
        MrdStreamWriter w = MrdStreamWriter.create(file, XML);
        for (Acquisition a : written) {
            w.append(a);
        }
        // Read while the writer is still open: no close message, as after a crash.
        MrdStreamReader.Result r = MrdStreamReader.read(file);
        assertThat(r.acquisitions()).containsExactlyElementsOf(written);
        assertThat(r.complete()).isFalse();
        assertThat(r.problem()).contains("without a close message");
        w.close();
    }

    @Test
    void truncatedMidAcquisitionReturnsAllCompleteOnes() throws IOException {
        Path file = dir.resolve("raw.mrd");
        List<Acquisition> written = acquisitions(5);
        try (MrdStreamWriter w = MrdStreamWriter.create(file, XML)) {
            for (Acquisition a : written) {
                w.append(a);
            }
        }
        long full = Files.size(file);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(full - 2 - 100); // drop the close message and the tail of the last acquisition
        }

        MrdStreamReader.Result r = MrdStreamReader.read(file);
        assertThat(r.acquisitions()).containsExactlyElementsOf(written.subList(0, 4));
        assertThat(r.complete()).isFalse();
        long lastStart = 6 + XML.getBytes(StandardCharsets.UTF_8).length + 4L * ACQ_MESSAGE_BYTES;
        assertThat(r.problem()).contains("truncated").contains("message #5").contains("byte offset " + lastStart)
                .contains("kept 4 complete acquisitions");
    }

    @Test
    void truncatedInsideTheAcquisitionHeaderIsAlsoRecovered() throws IOException {
        Path file = dir.resolve("raw.mrd");
        try (MrdStreamWriter w = MrdStreamWriter.create(file, XML)) {
            for (Acquisition a : acquisitions(2)) {
                w.append(a);
            }
        }
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(Files.size(file) - 2 - ACQ_MESSAGE_BYTES + 100);
        }
        MrdStreamReader.Result r = MrdStreamReader.read(file);
        assertThat(r.acquisitions()).hasSize(1);
        assertThat(r.problem()).contains("acquisition header needs 340 bytes but only 98");
    }

    @Test
    void unknownMessageIdNamesIndexAndOffset() throws IOException {
        Path file = dir.resolve("raw.mrd");
        try (MrdStreamWriter w = MrdStreamWriter.create(file, XML)) {
            w.append(acquisitions(1).getFirst());
        }
        long garbageAt = Files.size(file) - 2; // overwrite the close message
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(garbageAt);
            raf.write(new byte[] {(byte) 0xEF, (byte) 0xBE, 1, 2, 3});
        }

        // after the header, damage keeps everything before it and names message and offset
        MrdStreamReader.Result r = MrdStreamReader.read(file);
        assertThat(r.complete()).isFalse();
        assertThat(r.acquisitions()).hasSize(1);
        assertThat(r.problem()).contains("message #2 at byte offset " + garbageAt)
                .contains("unknown or unsupported message id 48879").contains("kept 1 complete acquisitions");
    }

    @Test
    void corruptHeaderLengthIsAFormatError() throws IOException {
        Path file = dir.resolve("bad.mrd");
        Files.write(file, new byte[] {3, 0, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, '<'});
        assertThatThrownBy(() -> MrdStreamReader.read(file)).isInstanceOf(MrdFormatException.class)
                .hasMessageContaining("message #0 at byte offset 0").hasMessageContaining("XML header length");
    }

    @Test
    void corruptAcquisitionVersionIsAFormatError() throws IOException {
        Path file = dir.resolve("raw.mrd");
        try (MrdStreamWriter w = MrdStreamWriter.create(file, XML)) {
            w.append(acquisitions(1).getFirst());
        }
        long acqStart = 6 + XML.getBytes(StandardCharsets.UTF_8).length;
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(acqStart + 2);
            raf.write(new byte[] {9, 9});
        }
        MrdStreamReader.Result r = MrdStreamReader.read(file);
        assertThat(r.acquisitions()).isEmpty();
        assertThat(r.xml()).isEqualTo(XML);
        assertThat(r.problem()).contains("message #1 at byte offset " + acqStart).contains("version 2313");
    }

    @Test
    void emptyFileIsReportedNotThrown() throws IOException {
        Path file = dir.resolve("empty.mrd");
        Files.write(file, new byte[0]);
        MrdStreamReader.Result r = MrdStreamReader.read(file);
        assertThat(r.xml()).isNull();
        assertThat(r.acquisitions()).isEmpty();
        assertThat(r.complete()).isFalse();
    }

    @Test
    void writerRefusesToOverwriteRawData() throws IOException {
        Path file = dir.resolve("raw.mrd");
        Files.writeString(file, "precious");
        assertThatThrownBy(() -> MrdStreamWriter.create(file, XML)).isInstanceOf(FileAlreadyExistsException.class);
        assertThat(Files.readString(file)).isEqualTo("precious");
    }

    @Test
    void appendAfterCloseIsRejected() throws IOException {
        MrdStreamWriter w = MrdStreamWriter.create(dir.resolve("raw.mrd"), XML);
        w.close();
        w.close(); // idempotent
        assertThatThrownBy(() -> w.append(acquisitions(1).getFirst())).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void acquisitionRejectsDataOfTheWrongSize() {
        AcquisitionHeader h = AcquisitionHeader.builder().numberOfSamples(4).channels(2).build();
        assertThatThrownBy(() -> new Acquisition(h, null, new float[8]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 channels × 4 samples = 16");
    }
}
