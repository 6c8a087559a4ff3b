package org.lodestone.dicom.outbox;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;

import java.nio.file.Path;

/**
 * Opens the H2 file database the dicom tables live in and brings them up to date. Until the workflow module owns the
 * database, the command line opens it here; at merge, the workflow's DataSource (migrated with all of
 * classpath:db/migration) replaces this.
 */
public final class DicomDatabase {
    private DicomDatabase() {
    }

    /** A pooled DataSource on {@code file} (H2 adds .mv.db), migrated with the dicom migrations. */
    public static HikariDataSource open(Path file) {
        HikariConfig cfg = new HikariConfig();
        cfg.setJdbcUrl("jdbc:h2:file:" + file.toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE");
        cfg.setUsername("sa");
        cfg.setPassword("");
        cfg.setMaximumPoolSize(4);
        cfg.setPoolName("dicom");
        HikariDataSource ds = new HikariDataSource(cfg);
        try {
            Flyway.configure().dataSource(ds).locations("classpath:db/migration/dicom").load().migrate();
        } catch (RuntimeException e) {
            ds.close();
            throw e;
        }
        return ds;
    }
}
