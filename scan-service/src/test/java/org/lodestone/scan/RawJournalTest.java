package org.lodestone.scan;

import org.lodestone.hw.program.AdcCounters;
import org.lodestone.hw.wire.Message.AcqData;
import org.lodestone.recon.mrd.EncodingSpec;
import org.lodestone.recon.mrd.MrdStreamReader;
import org.lodestone.seq.protocol.ScanGeometry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** raw.mrd on a real file: lines readable as they are written, forced to disk without waiting for the next line. */
class RawJournalTest {
    static final ScanGeometry GEOMETRY = new ScanGeometry(8, 4, 1, 200, 200, 5, new double[] {0, 0, 0}, new double[] {1, 0, 0},
            new double[] {0, 1, 0}, new double[] {0, 0, 1}, 1);
    static final EncodingSpec SPEC = new EncodingSpec(8, 4, 1, 200, 200, 5, 3, 0, 0, 0, 0, 1, 14.9e6, 0.35, "se2d", "test unit");

    static AcqData line(int n) {
        float[] data = new float[16];
        data[0] = n;
        return new AcqData(n, 1000L * n, new AdcCounters(n, 0, 0, 0, 0, 0, 0, 0, 0), 0, 1, 8, 10_000, 14.9e6 + 5, data);
    }

    @Test
    void aLineIsOnDiskWithinTheSyncIntervalEvenWhenNoOtherLineFollows(@TempDir Path dir) throws Exception {
        try (RawJournal j = RawJournal.create(dir, SPEC, GEOMETRY, 14.9e6)) {
            j.append(line(0));
            j.append(line(1));
            // The writer forced only the header; the journal's timer must force these two lines by itself.
            long deadline = System.nanoTime() + 3 * RawJournal.SYNC_INTERVAL.toNanos();
            while (j.syncedLines() < 2 && System.nanoTime() < deadline) Thread.sleep(20);
            assertThat(j.syncedLines()).isEqualTo(2);
            // readable while the scan goes on: what a recovery after a crash would read
            var open = MrdStreamReader.read(dir.resolve(RawJournal.FILE_NAME));
            assertThat(open.complete()).isFalse();
            assertThat(open.acquisitions()).hasSize(2);
            j.append(line(2));
        }
        var closed = MrdStreamReader.read(dir.resolve(RawJournal.FILE_NAME));
        assertThat(closed.complete()).isTrue();
        assertThat(closed.acquisitions()).hasSize(3);
        assertThat(closed.acquisitions().get(2).data()[0]).isEqualTo(2f);
        assertThat(closed.acquisitions().get(1).header().userFloat()[0]).as("carrier offset from the reference").isEqualTo(5f);
        assertThat(closed.xml()).contains("se2d");
    }

    @Test
    void rawDataIsNeverOverwritten(@TempDir Path dir) throws Exception {
        try (RawJournal j = RawJournal.create(dir, SPEC, GEOMETRY, 14.9e6)) {
            j.append(line(0));
        }
        assertThatThrownBy(() -> RawJournal.create(dir, SPEC, GEOMETRY, 14.9e6)).isInstanceOf(java.io.IOException.class);
        assertThat(MrdStreamReader.read(dir.resolve(RawJournal.FILE_NAME)).acquisitions()).hasSize(1);
    }

    @Test
    void aRawLineListenerHearsTheHeaderThenEachLineAsItIsWritten(@TempDir Path dir) throws Exception {
        java.util.List<String> heard = new java.util.ArrayList<>();
        RawLineListener listener = new RawLineListener() {
            @Override
            public void header(String xml) {
                heard.add(xml.contains("se2d") ? "header" : "header without the protocol");
            }

            @Override
            public void line(org.lodestone.recon.mrd.Acquisition a) {
                // written first: the file already holds this line when the listener hears it
                int onDisk = MrdStreamReaderQuiet.lines(dir.resolve(RawJournal.FILE_NAME));
                heard.add("line " + (int) a.data()[0] + " (" + onDisk + " in the file)");
            }
        };
        try (RawJournal j = RawJournal.create(dir, SPEC, GEOMETRY, 14.9e6, listener)) {
            j.append(line(0));
            j.append(line(1));
        }
        assertThat(heard).containsExactly("header", "line 0 (1 in the file)", "line 1 (2 in the file)");
    }

    /** The acquisitions readable in a raw.mrd being written. */
    static final class MrdStreamReaderQuiet {
        static int lines(Path file) {
            try {
                return MrdStreamReader.read(file).acquisitions().size();
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
        }
    }
}
