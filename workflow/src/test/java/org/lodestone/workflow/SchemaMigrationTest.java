package org.lodestone.workflow;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lodestone.workflow.exam.Exam;
import org.lodestone.workflow.store.Database;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Flyway on a real H2 file: from empty to the newest schema, and from the previous version with data in it. */
class SchemaMigrationTest {
    @TempDir
    Path tmp;

    @Test
    void migratesAnEmptyDatabaseToTheNewestSchema() throws Exception {
        WorkflowHome home = new WorkflowHome(tmp);
        try (Database db = Database.open(home); Connection c = db.connection();
             ResultSet rs = c.createStatement().executeQuery("SELECT MAX(\"version\") FROM \"flyway_schema_history\" WHERE \"success\"")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("3");
        }
        assertThat(tmp.resolve("db/lodestone.mv.db")).exists();
    }

    @Test
    void aVersionOneDatabaseWithAnExamKeepsItThroughTheUpgrade() throws Exception {
        WorkflowHome home = new WorkflowHome(tmp);
        try (Database v1 = Database.open(home, "1"); Connection c = v1.connection()) {
            c.createStatement().executeUpdate("INSERT INTO patient (id, name, created, updated) VALUES ('P9', 'Ødegård^Åse', NOW(), NOW())");
            c.createStatement().executeUpdate("INSERT INTO exam (study_uid, accession, patient_id, status, opened) VALUES ('1.2.3', 'A1', 'P9', 'open', NOW())");
            try (ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM INFORMATION_SCHEMA.COLUMNS WHERE COLUMN_NAME = 'ON_HOLD'")) {
                rs.next();
                assertThat(rs.getInt(1)).as("V2 not applied yet").isZero();
            }
        }
        try (Workflow w = Workflow.open(home)) {
            List<Exam> exams = w.exams().list(null);
            assertThat(exams).hasSize(1);
            assertThat(exams.getFirst().patient().name()).isEqualTo("Ødegård^Åse");
            try (Connection c = w.database().connection();
                 ResultSet rs = c.createStatement().executeQuery("SELECT patient_class, on_hold, hold_reason, purged FROM exam")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("outpatient");
                assertThat(rs.getBoolean(2)).isFalse();
                assertThat(rs.getString(3)).isNull();
                assertThat(rs.getObject(4)).isNull();
            }
        }
    }
}
