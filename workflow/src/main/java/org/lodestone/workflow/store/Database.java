package org.lodestone.workflow.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.lodestone.workflow.WorkflowHome;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * The embedded H2 database in file mode. AUTO_SERVER lets a second process (a CLI command while the console
 * scans) use the same file: the first opener serves it on loopback, the others connect to it.
 * WRITE_DELAY=0 writes every commit to the file at once, so a kill -9 loses no committed row.
 */
public final class Database implements AutoCloseable {
    private static final String USER = "lodestone";
    /** Both the workflow's migrations (V1–V49) and those of other modules (dicom: V50 and up) are found here. */
    public static final String MIGRATIONS = "classpath:db/migration";

    private final HikariDataSource pool;

    private Database(HikariDataSource pool) {
        this.pool = pool;
    }

    /** Opens (creating if needed) the database and migrates it to the newest schema. */
    public static Database open(WorkflowHome home) {
        return open(home, null);
    }

    /** Opens and migrates up to {@code targetVersion} (null: the newest); tests use it to build an older schema. */
    public static Database open(WorkflowHome home, String targetVersion) {
        try {
            Files.createDirectories(home.databaseDirectory());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the database folder " + home.databaseDirectory(), e);
        }
        // AUTO_SERVER serves other processes of this machine only.
        if (System.getProperty("h2.bindAddress") == null) System.setProperty("h2.bindAddress", "127.0.0.1");
        HikariConfig cfg = new HikariConfig();
        cfg.setJdbcUrl(url(home));
        cfg.setUsername(USER);
        cfg.setPassword("");
        cfg.setMaximumPoolSize(4);
        cfg.setMinimumIdle(0);
        cfg.setPoolName("workflow");
        cfg.setInitializationFailTimeout(-1);
        HikariDataSource pool = new HikariDataSource(cfg);
        try {
            var fw = Flyway.configure().dataSource(pool).locations(MIGRATIONS);
            if (targetVersion != null) fw = fw.target(MigrationVersion.fromVersion(targetVersion));
            fw.load().migrate();
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
        return new Database(pool);
    }

    public static String url(WorkflowHome home) {
        return fileUrl(home) + ";AUTO_SERVER=TRUE;WRITE_DELAY=0;LOCK_TIMEOUT=10000";
    }

    private static String fileUrl(WorkflowHome home) {
        return "jdbc:h2:file:" + home.databaseFile() + ";FILE_LOCK=SOCKET";
    }

    /**
     * Whether another live process has the database open: without AUTO_SERVER, H2 refuses the open while a process
     * holds the file's socket lock (error 90020), and it checks that socket, so a lock left by a killed process does
     * not count. False when there is no database yet.
     */
    public static boolean inUseByAnotherProcess(WorkflowHome home) {
        try (Connection c = DriverManager.getConnection(fileUrl(home) + ";IFEXISTS=TRUE", USER, "")) {
            return false;
        } catch (SQLException e) {
            return e.getErrorCode() == 90020; // DATABASE_ALREADY_OPEN_1
        }
    }

    public DataSource dataSource() {
        return pool;
    }

    public Connection connection() throws SQLException {
        return pool.getConnection();
    }

    /** Runs {@code work} in one transaction: all of it or nothing. */
    public <T> T inTransaction(SqlWork<T> work) {
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try {
                T t = work.run(c);
                c.commit();
                return t;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StoreException("database: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        pool.close();
    }

    @FunctionalInterface
    public interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }
}
