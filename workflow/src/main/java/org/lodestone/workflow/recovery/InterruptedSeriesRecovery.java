package org.lodestone.workflow.recovery;

import org.lodestone.workflow.audit.AuditTrail;
import org.lodestone.workflow.exam.SeriesStatus;
import org.lodestone.workflow.store.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Run when the console or any CLI command starts: a series still "in progress" whose owning process is gone
 * (killed, power lost) becomes interrupted, with lines_received counted from its raw journal, and an audit
 * entry. A series whose owner still runs (a scan in another process) is left alone.
 */
public final class InterruptedSeriesRecovery {
    private static final Logger log = LoggerFactory.getLogger(InterruptedSeriesRecovery.class);

    private InterruptedSeriesRecovery() {
    }

    /** One series recovered. */
    public record Recovered(String seriesUid, long linesReceived, String journalProblem) {
    }

    private record Orphan(long id, String uid, String raw, long pid, String started) {
    }

    public static List<Recovered> run(Database db, AuditTrail audit) {
        List<Orphan> candidates = db.inTransaction(c -> {
            List<Orphan> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id, series_uid, raw_path, owner_pid, owner_started FROM series WHERE status = ?")) {
                ps.setString(1, SeriesStatus.IN_PROGRESS.text());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Orphan(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getString(5)));
                    }
                }
            }
            return out;
        });
        List<Recovered> done = new ArrayList<>();
        for (Orphan o : candidates) {
            if (ownerAlive(o)) continue;
            JournalLines.Count n = JournalLines.count(o.raw() == null ? null : Path.of(o.raw()));
            String message = "interrupted: the process running the scan ended (killed or power lost); "
                    + n.lines() + " lines kept in the raw journal";
            int changed = db.inTransaction(c -> {
                try (PreparedStatement ps = c.prepareStatement("UPDATE series SET status = ?, lines_received = ?, message = ?, ended = ?,"
                        + " owner_pid = NULL WHERE id = ? AND status = ?")) {
                    ps.setString(1, SeriesStatus.INTERRUPTED.text());
                    ps.setLong(2, n.lines());
                    ps.setString(3, message);
                    ps.setObject(4, OffsetDateTime.now(ZoneOffset.UTC));
                    ps.setLong(5, o.id());
                    ps.setString(6, SeriesStatus.IN_PROGRESS.text());
                    return ps.executeUpdate();
                }
            });
            if (changed == 0) continue; // another process recovered it first
            log.info("Series {} was left in progress by process {}: now interrupted with {} lines ({})", o.uid(), o.pid(), n.lines(),
                    n.problem() == null ? "journal clean" : n.problem());
            audit.append("system", "system", "scan.interrupted", "series " + o.uid(), Map.of("lines_received", String.valueOf(n.lines()),
                    "reason", "owner process " + o.pid() + " ended", "journal", n.problem() == null ? "clean" : n.problem()));
            done.add(new Recovered(o.uid(), n.lines(), n.problem()));
        }
        return done;
    }

    /** The same process (pid and start time) still runs. */
    static boolean ownerAlive(Orphan o) {
        if (o.pid() == 0) return false;
        Optional<ProcessHandle> h = ProcessHandle.of(o.pid());
        if (h.isEmpty() || !h.get().isAlive()) return false;
        String started = h.get().info().startInstant().map(Object::toString).orElse("");
        return started.equals(o.started());
    }
}
