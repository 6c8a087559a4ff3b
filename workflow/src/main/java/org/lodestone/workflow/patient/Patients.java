package org.lodestone.workflow.patient;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.lodestone.workflow.InvalidInputException;
import org.lodestone.workflow.store.Database;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Patient records; an edit stores the replaced values in patient_history. */
public final class Patients {
    /** The patient of scans run without --patient (scripted QA). */
    public static final String UNREGISTERED_ID = "UNREGISTERED";

    private final Database db;
    private static final ObjectMapper JSON = new ObjectMapper();

    public Patients(Database db) {
        this.db = db;
    }

    public void add(Patient p) {
        db.inTransaction(c -> {
            if (find(c, p.id()).isPresent()) throw new InvalidInputException("--id", "patient " + p.id() + " already exists");
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO patient (id, name, birth, sex, weight_kg, height_cm, notes,"
                    + " created, updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, p.id());
                bind(ps, 2, p);
                OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
                ps.setObject(8, now);
                ps.setObject(9, now);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** Replaces the record, keeping the previous values in the history. */
    public void edit(Patient p, String by) {
        db.inTransaction(c -> {
            Patient old = find(c, p.id()).orElseThrow(() -> new InvalidInputException("ID", "no patient " + p.id()));
            try (PreparedStatement h = c.prepareStatement("INSERT INTO patient_history (patient_id, changed, changed_by, previous) VALUES (?, ?, ?, ?)")) {
                h.setString(1, p.id());
                h.setObject(2, OffsetDateTime.now(ZoneOffset.UTC));
                h.setString(3, by);
                h.setString(4, toJson(old).put("notes", old.notes()).toString());
                h.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE patient SET name = ?, birth = ?, sex = ?, weight_kg = ?, height_cm = ?,"
                    + " notes = ?, updated = ? WHERE id = ?")) {
                bind(ps, 1, p);
                ps.setObject(7, OffsetDateTime.now(ZoneOffset.UTC));
                ps.setString(8, p.id());
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** Previous versions of a patient's record, oldest first, as JSON text. */
    public List<String> history(String id) {
        return db.inTransaction(c -> {
            List<String> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT previous FROM patient_history WHERE patient_id = ? ORDER BY id")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) out.add(rs.getString(1));
                }
            }
            return out;
        });
    }

    public Optional<Patient> get(String id) {
        return db.inTransaction(c -> find(c, id));
    }

    /** Patients whose ID or name contains {@code text} (any case); all when null. */
    public List<Patient> list(String text) {
        return db.inTransaction(c -> {
            List<Patient> out = new ArrayList<>();
            try (ResultSet rs = c.createStatement().executeQuery("SELECT * FROM patient ORDER BY id")) {
                while (rs.next()) {
                    Patient p = read(rs);
                    String t = text == null ? null : text.toLowerCase(Locale.ROOT);
                    if (t == null || p.id().toLowerCase(Locale.ROOT).contains(t) || p.name().toLowerCase(Locale.ROOT).contains(t)) out.add(p);
                }
            }
            return out;
        });
    }

    /** The "unregistered" patient, created on first use. */
    public static Patient unregistered(Connection c) throws SQLException {
        Optional<Patient> p = find(c, UNREGISTERED_ID);
        if (p.isPresent()) return p.get();
        Patient u = new Patient(UNREGISTERED_ID, "UNREGISTERED^", null, null, null, null, "scans run without --patient");
        try (PreparedStatement ps = c.prepareStatement("MERGE INTO patient (id, name, birth, sex, weight_kg, height_cm, notes, created, updated)"
                + " KEY (id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, u.id());
            bind(ps, 2, u);
            ps.setObject(8, OffsetDateTime.now(ZoneOffset.UTC));
            ps.setObject(9, OffsetDateTime.now(ZoneOffset.UTC));
            ps.executeUpdate();
        }
        return u;
    }

    public static Optional<Patient> find(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM patient WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    private static void bind(PreparedStatement ps, int i, Patient p) throws SQLException {
        ps.setString(i, p.name());
        ps.setObject(i + 1, p.birth(), Types.DATE);
        ps.setString(i + 2, p.sex());
        ps.setObject(i + 3, p.weightKg() == null ? null : BigDecimal.valueOf(p.weightKg()), Types.DECIMAL);
        ps.setObject(i + 4, p.heightCm() == null ? null : BigDecimal.valueOf(p.heightCm()), Types.DECIMAL);
        ps.setString(i + 5, p.notes());
    }

    static Patient read(ResultSet rs) throws SQLException {
        java.time.LocalDate b = rs.getObject("birth", java.time.LocalDate.class);
        BigDecimal w = rs.getBigDecimal("weight_kg"), h = rs.getBigDecimal("height_cm");
        return new Patient(rs.getString("id"), rs.getString("name"), b, rs.getString("sex"),
                w == null ? null : w.doubleValue(), h == null ? null : h.doubleValue(), rs.getString("notes"));
    }

    /** JSON of a patient as in {@code exams --json}. */
    public static ObjectNode toJson(Patient p) {
        ObjectNode n = JSON.createObjectNode();
        n.put("id", p.id()).put("name", p.name());
        n.put("birth", p.birth() == null ? null : p.birth().toString());
        n.put("sex", p.sex());
        if (p.weightKg() == null) n.putNull("weight_kg"); else n.put("weight_kg", p.weightKg());
        if (p.heightCm() == null) n.putNull("height_cm"); else n.put("height_cm", p.heightCm());
        return n;
    }
}
