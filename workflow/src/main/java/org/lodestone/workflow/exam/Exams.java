package org.lodestone.workflow.exam;

import org.lodestone.workflow.InvalidInputException;
import org.lodestone.workflow.patient.Patient;
import org.lodestone.workflow.patient.Patients;
import org.lodestone.workflow.store.Database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Exams and their series: open, list, close, and the stored scan queue. */
public final class Exams {
    private final Database db;
    private final Clock clock;

    public Exams(Database db) {
        this(db, Clock.systemUTC());
    }

    /** With the clock that stamps closing times (tests back-date them). */
    public Exams(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Exams in the order they were opened, each with its patient and series; only one patient's when {@code patientId} is set. */
    public List<Exam> list(String patientId) {
        return db.inTransaction(c -> {
            List<Exam> out = new ArrayList<>();
            String sql = "SELECT * FROM exam" + (patientId != null ? " WHERE patient_id = ?" : "") + " ORDER BY opened, id";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                if (patientId != null) ps.setString(1, patientId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) out.add(read(c, rs));
                }
            }
            return out;
        });
    }

    public Optional<Exam> get(String studyUid) {
        return db.inTransaction(c -> find(c, studyUid));
    }

    /** Closes an exam: from then on it is read-only (except for sends). */
    public Exam close(String studyUid) {
        return db.inTransaction(c -> {
            Exam e = find(c, studyUid).orElseThrow(() -> new InvalidInputException("STUDY_UID", "no exam " + studyUid));
            if (!e.isOpen()) throw new InvalidInputException("STUDY_UID", "exam " + studyUid + " is already closed");
            for (Series s : e.series()) {
                if (s.status() == SeriesStatus.IN_PROGRESS) {
                    throw new InvalidInputException("STUDY_UID", "exam " + studyUid + " has series " + s.number() + " still scanning");
                }
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE exam SET status = 'closed', closed = ? WHERE id = ?")) {
                ps.setObject(1, OffsetDateTime.now(clock.withZone(ZoneOffset.UTC)));
                ps.setLong(2, e.id());
                ps.executeUpdate();
            }
            return find(c, studyUid).orElseThrow();
        });
    }

    /** Puts an exam on hold: retention never purges it until it is released. */
    public void hold(String studyUid, String reason) {
        if (reason == null || reason.isBlank()) throw new InvalidInputException("--reason", "needed: say why the exam is held");
        setHold(studyUid, true, reason.strip());
    }

    /** Releases a hold; the exam's keep period applies again. */
    public void release(String studyUid) {
        setHold(studyUid, false, null);
    }

    private void setHold(String studyUid, boolean hold, String reason) {
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT on_hold, purged FROM exam WHERE study_uid = ? FOR UPDATE")) {
                ps.setString(1, studyUid);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) throw new InvalidInputException("STUDY_UID", "no exam " + studyUid);
                    if (rs.getObject("purged") != null) throw new InvalidInputException("STUDY_UID", "exam " + studyUid + " was purged");
                    if (rs.getBoolean("on_hold") == hold) {
                        throw new InvalidInputException("STUDY_UID", "exam " + studyUid + (hold ? " is already on hold" : " is not on hold"));
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE exam SET on_hold = ?, hold_reason = ? WHERE study_uid = ?")) {
                ps.setBoolean(1, hold);
                ps.setString(2, reason);
                ps.setString(3, studyUid);
                return ps.executeUpdate();
            }
        });
    }

    /**
     * Opens the exam a RIS ordered (a worklist entry picked): its Study Instance UID and accession number, for a
     * registered patient. Picking the same order again gives the same exam.
     */
    public Exam openOrdered(String patientId, String studyUid, String accession, String reason) {
        if (!DicomUid.isValid(studyUid)) throw new InvalidInputException("Study Instance UID", "not a valid DICOM UID: " + studyUid);
        if (accession == null || accession.isBlank() || accession.length() > 16) {
            throw new InvalidInputException("accession", "must be 1–16 characters: " + accession);
        }
        return db.inTransaction(c -> {
            Optional<Exam> known = find(c, studyUid);
            if (known.isPresent()) {
                if (!known.get().patient().id().equals(patientId)) {
                    throw new InvalidInputException("Study Instance UID", "exam " + studyUid + " belongs to patient " + known.get().patient().id());
                }
                return known.get();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO exam (study_uid, accession, patient_id, reason, status, opened)"
                    + " VALUES (?, ?, ?, ?, 'open', ?)")) {
                ps.setString(1, studyUid);
                ps.setString(2, accession);
                ps.setString(3, patientId);
                ps.setString(4, reason);
                ps.setObject(5, OffsetDateTime.now(ZoneOffset.UTC));
                ps.executeUpdate();
            }
            return find(c, studyUid).orElseThrow();
        });
    }

    /** Adds a scan to the exam's queue (status scheduled, after those already queued). */
    public Series schedule(String studyUid, String protocol, String parametersJson) {
        return db.inTransaction(c -> {
            Exam e = find(c, studyUid).orElseThrow(() -> new InvalidInputException("--exam", "no exam " + studyUid));
            if (!e.isOpen()) throw new InvalidInputException("--exam", "exam " + studyUid + " is closed");
            int position = 1;
            try (PreparedStatement ps = c.prepareStatement("SELECT COALESCE(MAX(queue_position), 0) + 1 FROM series WHERE exam_id = ?")) {
                ps.setLong(1, e.id());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    position = rs.getInt(1);
                }
            }
            long id = insertSeries(c, e.id(), protocol, parametersJson, SeriesStatus.SCHEDULED, null);
            try (PreparedStatement ps = c.prepareStatement("UPDATE series SET queue_position = ? WHERE id = ?")) {
                ps.setInt(1, position);
                ps.setLong(2, id);
                ps.executeUpdate();
            }
            return series(c, id);
        });
    }

    /** The exam's scheduled series, first in the queue first. */
    public List<Series> queue(String studyUid) {
        return db.inTransaction(c -> queue(c, studyUid));
    }

    /** Takes the scan at queue position {@code position} (1 = next) out of the queue; it was never acquired. */
    public Series unschedule(String studyUid, int position) {
        return db.inTransaction(c -> {
            List<Series> q = openQueue(c, studyUid);
            Series s = at(q, position, "N");
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM series WHERE id = ? AND status = 'scheduled'")) {
                ps.setLong(1, s.id());
                ps.executeUpdate();
            }
            List<Series> rest = new ArrayList<>(q);
            rest.remove(position - 1);
            renumber(c, rest);
            return s;
        });
    }

    /** Moves the scan at queue position {@code from} to position {@code to}; the others keep their order. */
    public Series reschedule(String studyUid, int from, int to) {
        return db.inTransaction(c -> {
            List<Series> q = new ArrayList<>(openQueue(c, studyUid));
            Series s = at(q, from, "N");
            at(q, to, "--to");
            q.remove(from - 1);
            q.add(to - 1, s);
            renumber(c, q);
            return s;
        });
    }

    private static List<Series> openQueue(Connection c, String studyUid) throws SQLException {
        Exam e = find(c, studyUid).orElseThrow(() -> new InvalidInputException("STUDY_UID", "no exam " + studyUid));
        if (!e.isOpen()) throw new InvalidInputException("STUDY_UID", "exam " + studyUid + " is closed");
        return queue(c, studyUid);
    }

    private static Series at(List<Series> queue, int position, String field) {
        if (position < 1 || position > queue.size()) {
            throw new InvalidInputException(field, "position " + position + " is not in the queue (1–" + queue.size() + ")");
        }
        return queue.get(position - 1);
    }

    private static void renumber(Connection c, List<Series> queue) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE series SET queue_position = ? WHERE id = ?")) {
            for (int i = 0; i < queue.size(); i++) {
                ps.setInt(1, i + 1);
                ps.setLong(2, queue.get(i).id());
                ps.executeUpdate();
            }
        }
    }

    private static List<Series> queue(Connection c, String studyUid) throws SQLException {
        List<Series> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT s.* FROM series s JOIN exam e ON e.id = s.exam_id"
                + " WHERE e.study_uid = ? AND s.status = 'scheduled' ORDER BY s.queue_position, s.number")) {
            ps.setString(1, studyUid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(readSeries(rs));
            }
        }
        return out;
    }

    /** The patient's open exam, or a new one. */
    static Exam openExamFor(Connection c, Patient p) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT study_uid FROM exam WHERE patient_id = ? AND status = 'open' ORDER BY opened DESC, id DESC")) {
            ps.setString(1, p.id());
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) return find(c, rs.getString(1)).orElseThrow();
            }
        }
        String uid = DicomUid.create();
        long id;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO exam (study_uid, accession, patient_id, status, opened) VALUES (?, ?, ?, 'open', ?)",
                new String[]{"id"})) {
            ps.setString(1, uid);
            ps.setString(2, "pending");
            ps.setString(3, p.id());
            ps.setObject(4, OffsetDateTime.now(ZoneOffset.UTC));
            ps.executeUpdate();
            try (ResultSet k = ps.getGeneratedKeys()) {
                k.next();
                id = k.getLong(1);
            }
        }
        // accession number: short (DICOM SH, 16 chars) and unique on this console
        try (PreparedStatement ps = c.prepareStatement("UPDATE exam SET accession = ? WHERE id = ?")) {
            ps.setString(1, String.format("LS%08d", id));
            ps.setLong(2, id);
            ps.executeUpdate();
        }
        return find(c, uid).orElseThrow();
    }

    static long insertSeries(Connection c, long examId, String protocol, String parametersJson, SeriesStatus status, String rawPath)
            throws SQLException {
        int number;
        try (PreparedStatement ps = c.prepareStatement("SELECT COALESCE(MAX(number), 0) + 1 FROM series WHERE exam_id = ?")) {
            ps.setLong(1, examId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                number = rs.getInt(1);
            }
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO series (exam_id, series_uid, number, protocol, parameters, status, raw_path)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)", new String[]{"id"})) {
            ps.setLong(1, examId);
            ps.setString(2, DicomUid.create());
            ps.setInt(3, number);
            ps.setString(4, protocol);
            ps.setString(5, parametersJson);
            ps.setString(6, status.text());
            ps.setString(7, rawPath);
            ps.executeUpdate();
            try (ResultSet k = ps.getGeneratedKeys()) {
                k.next();
                return k.getLong(1);
            }
        }
    }

    public static Optional<Exam> find(Connection c, String studyUid) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM exam WHERE study_uid = ?")) {
            ps.setString(1, studyUid);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(c, rs)) : Optional.empty();
            }
        }
    }

    private static Exam read(Connection c, ResultSet rs) throws SQLException {
        long id = rs.getLong("id");
        List<Series> series = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM series WHERE exam_id = ? ORDER BY number")) {
            ps.setLong(1, id);
            try (ResultSet s = ps.executeQuery()) {
                while (s.next()) series.add(readSeries(s));
            }
        }
        Patient p = Patients.find(c, rs.getString("patient_id")).orElseThrow();
        return new Exam(id, rs.getString("study_uid"), rs.getString("accession"), p, rs.getString("referring_physician"),
                rs.getString("body_part"), rs.getString("reason"), rs.getString("status"), instant(rs, "opened"),
                instant(rs, "closed"), series);
    }

    static Series series(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM series WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet s = ps.executeQuery()) {
                s.next();
                return readSeries(s);
            }
        }
    }

    private static Series readSeries(ResultSet s) throws SQLException {
        long expected = s.getLong("lines_expected");
        Long linesExpected = s.wasNull() ? null : expected;
        return new Series(s.getLong("id"), s.getString("series_uid"), s.getInt("number"), s.getString("protocol"),
                s.getString("parameters"), SeriesStatus.ofText(s.getString("status")), linesExpected, s.getLong("lines_received"),
                s.getString("raw_path"), s.getString("calibration_version"), s.getString("message"), instant(s, "started"),
                instant(s, "ended"));
    }

    static Instant instant(ResultSet rs, String col) throws SQLException {
        OffsetDateTime t = rs.getObject(col, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
