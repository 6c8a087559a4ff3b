package org.lodestone.workflow.care;

import org.lodestone.workflow.InvalidInputException;
import org.lodestone.workflow.audit.AuditTrail;
import org.lodestone.workflow.store.Database;
import org.lodestone.workflow.user.Actor;
import org.lodestone.workflow.user.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Deletes the files of exams whose keep period is over (what {@link Retention#review} lists as "could go") and
 * marks them purged. The exam, series and patient rows stay, and so does every audit entry: the record that an
 * exam existed and was purged is kept. Each exam is re-checked under a row lock, so a hold placed meanwhile wins.
 */
public final class RetentionPurge {
    private static final Logger LOG = LoggerFactory.getLogger(RetentionPurge.class);

    private final Database db;
    private final Retention retention;
    private final AuditTrail audit;

    public RetentionPurge(Database db, RetentionPolicy policy, AuditTrail audit) {
        this.db = db;
        this.retention = new Retention(db, policy);
        this.audit = audit;
    }

    /** One purged exam and how many of its files were deleted. */
    public record Purged(String studyUid, String patientId, int filesDeleted, int filesMissing) {
    }

    /** Purges every exam that may go at {@code now}; administrators only. */
    public List<Purged> run(Instant now, Actor actor) {
        if (actor.role() != Role.ADMINISTRATOR) {
            throw new InvalidInputException("--user", "user " + actor.name() + " (" + actor.role().text() + ") may not purge: administrators only");
        }
        List<Purged> out = new ArrayList<>();
        for (Retention.Verdict v : retention.review(now)) {
            if (v.mayGo()) purgeOne(v.studyUid(), now, actor).ifPresent(out::add);
        }
        audit.append(actor.name(), actor.role().text(), "retention.purge", "retention",
                Map.of("exams_purged", String.valueOf(out.size()), "at", now.toString()));
        return out;
    }

    private Optional<Purged> purgeOne(String studyUid, Instant now, Actor actor) {
        // The rows are marked first and the files deleted after the commit: a crash in between leaves files
        // behind (found again by an operator), never a live exam without its files.
        record Marked(String patientId, Set<Path> files) {
        }
        Marked marked = db.inTransaction(c -> {
            Retention.Verdict v = retention.verdict(c, studyUid, now);
            if (!v.mayGo()) return null;
            Set<Path> files = new LinkedHashSet<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT f.path FROM stored_file f JOIN series s ON s.id = f.series_id"
                    + " JOIN exam e ON e.id = s.exam_id WHERE e.study_uid = ?")) {
                ps.setString(1, studyUid);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) files.add(Path.of(rs.getString(1)));
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT s.raw_path FROM series s JOIN exam e ON e.id = s.exam_id"
                    + " WHERE e.study_uid = ? AND s.raw_path IS NOT NULL")) {
                ps.setString(1, studyUid);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) files.add(Path.of(rs.getString(1)));
                }
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM stored_file WHERE series_id IN"
                    + " (SELECT s.id FROM series s JOIN exam e ON e.id = s.exam_id WHERE e.study_uid = ?)")) {
                ps.setString(1, studyUid);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE exam SET purged = ? WHERE study_uid = ?")) {
                ps.setObject(1, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
                ps.setString(2, studyUid);
                ps.executeUpdate();
            }
            return new Marked(v.patientId(), files);
        });
        if (marked == null) return Optional.empty();
        int deleted = 0;
        int missing = 0;
        Set<Path> folders = new LinkedHashSet<>();
        for (Path f : marked.files()) {
            try {
                if (Files.deleteIfExists(f)) deleted++; else missing++;
                if (f.getParent() != null) folders.add(f.getParent());
            } catch (IOException e) {
                LOG.warn("purge of study {}: cannot delete {}", studyUid, f, e);
                missing++;
            }
        }
        for (Path d : folders) {
            try {
                Files.deleteIfExists(d);
            } catch (DirectoryNotEmptyException e) {
                LOG.debug("purge of study {}: {} kept, other files in it", studyUid, d);
            } catch (IOException e) {
                LOG.warn("purge of study {}: cannot remove folder {}", studyUid, d, e);
            }
        }
        audit.append(actor.name(), actor.role().text(), "exam.purge", "study " + studyUid,
                Map.of("patient", marked.patientId(), "files_deleted", String.valueOf(deleted), "files_missing", String.valueOf(missing)));
        return Optional.of(new Purged(studyUid, marked.patientId(), deleted, missing));
    }
}
