package org.lodestone.scan;

import org.lodestone.hw.wire.Message;
import org.lodestone.recon.mrd.Acquisition;
import org.lodestone.recon.mrd.EncodingSpec;
import org.lodestone.recon.mrd.IsmrmrdHeaderXml;
import org.lodestone.recon.mrd.MrdStreamWriter;
import org.lodestone.seq.protocol.ScanGeometry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * raw.mrd, written as the lines arrive: each line is converted to an MRD acquisition and handed
 * to the OS at once; the file is forced to disk within about {@link #SYNC_INTERVAL} of a line
 * (by the writer on the next line, or by a timer when no line follows), and on close, which also
 * writes the stream's end. So a crash loses at most that much of the
 * acquisition, and a reader (the workflow's recovery) can rely on it. Raw data is never overwritten.
 */
public final class RawJournal implements AutoCloseable {
    public static final Duration SYNC_INTERVAL = Duration.ofMillis(500);
    public static final String FILE_NAME = "raw.mrd";

    private static final Logger log = LoggerFactory.getLogger(RawJournal.class);

    private final MrdStreamWriter writer;
    private final RawDataConverter converter;
    private final String header;
    /** A second handle on the file: fsync on Linux flushes the file, whichever descriptor asks. */
    private final FileChannel syncHandle;
    private final ScheduledExecutorService syncer;
    private volatile long syncedLines;

    private RawJournal(MrdStreamWriter writer, RawDataConverter converter, String header) throws IOException {
        this.writer = writer;
        this.converter = converter;
        this.header = header;
        this.syncHandle = FileChannel.open(writer.path(), StandardOpenOption.WRITE);
        // The writer forces only when a line comes: at long TRs the last line would wait a TR for the disk.
        this.syncer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "raw-journal-sync");
            t.setDaemon(true);
            return t;
        });
        long ms = SYNC_INTERVAL.toMillis();
        syncer.scheduleWithFixedDelay(this::sync, ms, ms, TimeUnit.MILLISECONDS);
    }

    private void sync() {
        long n = writer.acquisitionsWritten();
        if (n == syncedLines) return;
        try {
            syncHandle.force(false);
            syncedLines = n;
        } catch (IOException e) {
            log.warn("raw.mrd could not be forced to disk: {}", e.getMessage());
        }
    }

    /** Lines known to be on disk (forced by the periodic sync or on close). */
    public long syncedLines() {
        return syncedLines;
    }

    /**
     * Creates {@code outDir/raw.mrd} (it must not exist).
     * @param referenceHz the carrier the scan starts at: each line records its own carrier's offset from it
     */
    public static RawJournal create(Path outDir, EncodingSpec spec, ScanGeometry geometry, double referenceHz) throws IOException {
        String xml = IsmrmrdHeaderXml.build(spec);
        MrdStreamWriter w = MrdStreamWriter.create(outDir.resolve(FILE_NAME), xml, SYNC_INTERVAL);
        try {
            return new RawJournal(w, new RawDataConverter(geometry, referenceHz), xml);
        } catch (IOException | RuntimeException e) {
            w.close();
            throw e;
        }
    }

    /** Journals one line off the wire and returns it as an acquisition. */
    public Acquisition append(Message.AcqData line) throws IOException {
        Acquisition a = converter.convert(line);
        writer.append(a);
        return a;
    }

    public long lines() {
        return writer.acquisitionsWritten();
    }

    public Path path() {
        return writer.path();
    }

    /** The ISMRMRD XML header written at the top of the file. */
    public String header() {
        return header;
    }

    /** Writes the end of the stream and forces the file to disk. Idempotent. */
    @Override
    public void close() throws IOException {
        syncer.shutdownNow();
        try (syncHandle) {
            writer.close();
        }
        syncedLines = writer.acquisitionsWritten();
    }
}
