package org.lodestone.dicom.outbox;

import com.zaxxer.hikari.HikariDataSource;
import org.lodestone.workflow.WorkflowHome;
import org.lodestone.workflow.store.Database;

import java.nio.file.Path;

/** The workflow database (with the dicom migrations V50+) under a test folder, as the CLI and console open it. */
public final class TestDatabase {
    private TestDatabase() {
    }

    /** Closing the returned pool closes the database. */
    public static HikariDataSource open(Path home) {
        return (HikariDataSource) Database.open(new WorkflowHome(home)).dataSource();
    }
}
