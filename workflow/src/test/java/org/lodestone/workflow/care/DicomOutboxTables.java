package org.lodestone.workflow.care;

import org.lodestone.workflow.store.Database;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * The dicom module's outbox tables, created from its own migration file (the workflow module does not depend on
 * dicom, but retention reads what it records), and a way to record a study's images as queued or acknowledged.
 */
public final class DicomOutboxTables {
    private static final Path MIGRATION = Path.of("../dicom/src/main/resources/db/migration/dicom/V50__dicom_outbox.sql");

    private DicomOutboxTables() {
    }

    public static void create(Database db) throws Exception {
        String sql = Files.readString(MIGRATION).replaceAll("(?m)--.*$", "");
        try (Connection c = db.connection(); Statement s = c.createStatement()) {
            for (String stmt : sql.split(";")) if (!stmt.isBlank()) s.execute(stmt);
            s.execute("INSERT INTO dicom_destination (name, ae_title, host, port, created_at) VALUES ('pacs', 'PACS', '127.0.0.1', 11112, NOW())");
        }
    }

    /** Queues {@code images} of the study to the PACS; the first {@code acknowledged} of them are marked sent. */
    public static void queue(Database db, String studyUid, int images, int acknowledged) throws Exception {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        try (Connection c = db.connection()) {
            long job;
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO dicom_outbox_job (study_uid, destination, status, next_attempt_at, created_at,"
                    + " updated_at) VALUES (?, 'pacs', ?, ?, ?, ?)", new String[]{"id"})) {
                ps.setString(1, studyUid);
                ps.setString(2, acknowledged == images ? "sent" : "pending");
                ps.setObject(3, now);
                ps.setObject(4, now);
                ps.setObject(5, now);
                ps.executeUpdate();
                try (var k = ps.getGeneratedKeys()) {
                    k.next();
                    job = k.getLong(1);
                }
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO dicom_outbox_item (job_id, sop_instance_uid, file_path, sent_at) VALUES (?, ?, ?, ?)")) {
                for (int i = 0; i < images; i++) {
                    ps.setLong(1, job);
                    ps.setString(2, studyUid + ".9." + (i + 1));
                    ps.setString(3, "/nowhere/" + i + ".dcm");
                    ps.setObject(4, i < acknowledged ? now : null);
                    ps.executeUpdate();
                }
            }
        }
    }
}
