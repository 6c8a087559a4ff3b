package org.lodestone.workflow.audit;

import org.lodestone.workflow.store.Database;
import org.lodestone.workflow.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The tamper-evident audit trail: audit.jsonl, each entry chained to the one before by its hash, and the head
 * (last seq and hash) kept in the database so that a cut-off tail is caught. Appends from several processes
 * are serialised by a file lock; each is fsynced before the head moves.
 */
public final class AuditTrail {
    private static final Logger log = LoggerFactory.getLogger(AuditTrail.class);

    private final Path file;
    private final Database db;

    public AuditTrail(Path file, Database db) {
        this.file = file;
        this.db = db;
    }

    public Path file() {
        return file;
    }

    /** Appends one entry and returns it. */
    public synchronized AuditEntry append(String user, String role, String action, String object, Map<String, String> details) {
        try {
            Files.createDirectories(file.getParent());
            try (FileChannel lockChannel = FileChannel.open(file.resolveSibling("audit.lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE); FileLock ignored = lockChannel.lock()) {
                Optional<AuditEntry> last = lastEntry();
                AuditEntry e = AuditEntry.create(last.map(AuditEntry::seq).orElse(0L) + 1,
                        Instant.now().truncatedTo(ChronoUnit.MILLIS).toString(), user, role, action, object, details,
                        last.map(AuditEntry::hash).orElse(AuditEntry.GENESIS));
                try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.APPEND)) {
                    ch.write(ByteBuffer.wrap((e.toLine() + "\n").getBytes(StandardCharsets.UTF_8)));
                    ch.force(true);
                }
                db.inTransaction(c -> {
                    try (PreparedStatement ps = c.prepareStatement("MERGE INTO audit_head (id, seq, hash) KEY (id) VALUES (1, ?, ?)")) {
                        ps.setLong(1, e.seq());
                        ps.setString(2, e.hash());
                        ps.executeUpdate();
                    }
                    return null;
                });
                return e;
            }
        } catch (IOException ex) {
            throw new StoreException("cannot write the audit trail " + file + ": " + ex.getMessage(), ex);
        }
    }

    /** The last complete entry; a torn last line (a write cut off by a kill) is removed first. */
    private Optional<AuditEntry> lastEntry() throws IOException {
        if (!Files.exists(file)) return Optional.empty();
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            long len = raf.length();
            if (len == 0) return Optional.empty();
            long pos = len - 1;
            raf.seek(pos);
            if (raf.read() != '\n') {
                long cut = lastNewlineBefore(raf, pos) + 1;
                log.warn("Audit trail {}: removing a torn last line of {} bytes (a write cut off)", file, len - cut);
                raf.setLength(cut);
                len = cut;
                if (len == 0) return Optional.empty();
            }
            long start = lastNewlineBefore(raf, len - 1) + 1;
            byte[] line = new byte[(int) (len - 1 - start)];
            raf.seek(start);
            raf.readFully(line);
            return Optional.of(AuditEntry.parse(new String(line, StandardCharsets.UTF_8)));
        }
    }

    private static long lastNewlineBefore(RandomAccessFile raf, long pos) throws IOException {
        for (long p = pos - 1; p >= 0; p--) {
            raf.seek(p);
            if (raf.read() == '\n') return p;
        }
        return -1;
    }

    /** Every entry in order; lines that do not parse are skipped (verify names them). */
    public List<AuditEntry> entries() {
        List<AuditEntry> out = new ArrayList<>();
        if (!Files.exists(file)) return out;
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.isBlank()) continue;
                try {
                    out.add(AuditEntry.parse(line));
                } catch (IllegalArgumentException ignored) {
                    // shown by verify
                }
            }
        } catch (IOException e) {
            throw new StoreException("cannot read the audit trail " + file + ": " + e.getMessage(), e);
        }
        return out;
    }

    /** Checks the chain and the head kept in the database; names the first bad entry. */
    public AuditVerification verify() {
        List<String> lines;
        try {
            lines = Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
        } catch (IOException e) {
            return AuditVerification.bad(0, "cannot read " + file + ": " + e.getMessage());
        }
        String prev = AuditEntry.GENESIS;
        long n = 0;
        String headHashInFile = null;
        long[] head = head();
        for (String line : lines) {
            n++;
            AuditEntry e;
            try {
                e = AuditEntry.parse(line);
            } catch (IllegalArgumentException ex) {
                return AuditVerification.bad(n, ex.getMessage());
            }
            if (e.seq() != n) return AuditVerification.bad(n, "sequence number is " + e.seq() + ", expected " + n);
            if (!e.prev().equals(prev)) return AuditVerification.bad(n, "previous-entry hash does not match entry " + (n - 1));
            if (!e.computeHash().equals(e.hash())) return AuditVerification.bad(n, "hash mismatch");
            if (head != null && n == head[0]) headHashInFile = e.hash();
            prev = e.hash();
        }
        if (head != null) {
            if (n < head[0]) {
                return AuditVerification.bad(n + 1, "missing: the file ends after entry " + n + " but the database records "
                        + head[0] + " entries (the trail was cut off)");
            }
            if (!headHashInFile.equals(headHash())) {
                return AuditVerification.bad(head[0], "does not match the head hash kept in the database");
            }
        }
        return AuditVerification.ok(n);
    }

    private long[] head() {
        return db.inTransaction(c -> {
            try (ResultSet rs = c.createStatement().executeQuery("SELECT seq FROM audit_head WHERE id = 1")) {
                return rs.next() ? new long[]{rs.getLong(1)} : null;
            }
        });
    }

    private String headHash() {
        return db.inTransaction(c -> {
            try (ResultSet rs = c.createStatement().executeQuery("SELECT hash FROM audit_head WHERE id = 1")) {
                rs.next();
                return rs.getString(1).trim();
            }
        });
    }

    /** Outcome of {@link #verify()}: entries checked, or the first bad entry and why. */
    public record AuditVerification(boolean ok, long entries, long badEntry, String problem) {
        static AuditVerification ok(long n) {
            return new AuditVerification(true, n, 0, null);
        }

        static AuditVerification bad(long entry, String problem) {
            return new AuditVerification(false, 0, entry, problem);
        }

        public String describe() {
            return ok ? "audit trail intact: " + entries + " entries" : "entry " + badEntry + ": " + problem;
        }
    }

}
