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
 * to the OS at once; a timer thread forces the file to disk within about {@link #SYNC_INTERVAL} of
 * a line (never on the scan's thread), and close forces it again after writing the stream's end.
 * So a crash loses at most that much of the acquisition, and a reader (the workflow's recovery)
 * can rely on it. Raw data is never overwritten.
 */
public final class RawJournal implements AutoCloseable {
    public static final Duration SYNC_INTERVAL = Duration.ofMillis(500);
    public static final String FILE_NAME = "raw.mrd";

    private static final Logger log = LoggerFactory.getLogger(RawJournal.class);

    private final MrdStreamWriter writer;
    private final RawDataConverter converter;
    private final String header;
    private final RawLineListener listener;
    /** A second handle on the file: fsync on Linux flushes the file, whichever descriptor asks. */
    private final FileChannel syncHandle;
    private final ScheduledExecutorService syncer;
    private volatile long syncedLines;

    private RawJournal(MrdStreamWriter writer, RawDataConverter converter, String header, RawLineListener listener) throws IOException {
        this.writer = writer;
        this.listener = listener;
        this.converter = converter;
        this.header = header;
        this.syncHandle = FileChannel.open(writer.path(), StandardOpenOption.WRITE);
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
        return create(outDir, spec, geometry, referenceHz, RawLineListener.NONE);
    }

    /** As above, and {@code listener} hears the header now and each line once it is written. */
    public static RawJournal create(Path outDir, EncodingSpec spec, ScanGeometry geometry, double referenceHz,
                                    RawLineListener listener) throws IOException {
        String xml = IsmrmrdHeaderXml.build(spec);
        // The writer itself forces only on close: the timer below does it off the scan's thread, which
        // answers the unit (drift corrections) between lines and must not wait on the disk.
        MrdStreamWriter w = MrdStreamWriter.create(outDir.resolve(FILE_NAME), xml, Duration.ofDays(365));
        try {
            RawJournal j = new RawJournal(w, new RawDataConverter(geometry, referenceHz), xml, listener);
            listener.header(xml);
            return j;
        } catch (IOException | RuntimeException e) {
            w.close();
            throw e;
        }
    }

    /** Journals one line off the wire and returns it as an acquisition. */
    public Acquisition append(Message.AcqData line) throws IOException {
        Acquisition a = converter.convert(line);
        writer.append(a);
        listener.line(a);
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
