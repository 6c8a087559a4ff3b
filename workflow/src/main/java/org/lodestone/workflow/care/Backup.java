package org.lodestone.workflow.care;

import org.lodestone.workflow.WorkflowHome;
import org.lodestone.workflow.store.Database;
import org.lodestone.workflow.store.StoreException;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * One zip with everything of the data directory: the database as H2's online {@code BACKUP TO} copy (consistent
 * while scans and commands run), then the audit trail (taken after the database, so it holds at least the head
 * the database records), the series files, the calibration store and the settings. Logs are left out.
 */
public final class Backup {
    static final String DATABASE_ENTRY = "database.zip";

    private Backup() {
    }

    public record Summary(Path file, int files, long bytes) {
    }

    public static Summary write(WorkflowHome home, Database db, Path out) {
        try {
            Path tmpDb = Files.createTempFile("lodestone-db", ".zip");
            Files.delete(tmpDb);
            db.inTransaction(c -> {
                try (PreparedStatement ps = c.prepareStatement("BACKUP TO ?")) {
                    ps.setString(1, tmpDb.toString());
                    return ps.execute();
                }
            });
            Path parent = out.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            Path partial = out.resolveSibling(out.getFileName() + ".partial");
            int n = 0;
            try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(partial))) {
                add(zip, DATABASE_ENTRY, tmpDb);
                n++;
                for (Path f : filesToCopy(home, out)) {
                    add(zip, home.root().relativize(f).toString().replace('\\', '/'), f);
                    n++;
                }
            } finally {
                Files.deleteIfExists(tmpDb);
            }
            Files.move(partial, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return new Summary(out, n, Files.size(out));
        } catch (IOException e) {
            throw new StoreException("backup to " + out + " failed: " + e.getMessage(), e);
        }
    }

    private static List<Path> filesToCopy(WorkflowHome home, Path out) throws IOException {
        List<Path> files = new ArrayList<>();
        if (Files.isRegularFile(home.auditFile())) files.add(home.auditFile());
        Path outAbs = out.toAbsolutePath().normalize();
        try (Stream<Path> all = Files.walk(home.root())) {
            all.filter(Files::isRegularFile)
                    .filter(p -> !p.startsWith(home.databaseDirectory()) && !p.startsWith(home.auditFile().getParent()))
                    .filter(p -> !p.toString().endsWith(".log") && !p.startsWith(home.root().resolve("logs")))
                    .filter(p -> !p.toAbsolutePath().normalize().startsWith(outAbs) && !p.getFileName().toString().endsWith(".partial"))
                    .sorted().forEach(files::add);
        }
        return files;
    }

    private static void add(ZipOutputStream zip, String name, Path f) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        try (InputStream in = Files.newInputStream(f)) {
            in.transferTo(zip);
        }
        zip.closeEntry();
    }

    /**
     * Restores a backup into the data directory. The database, audit trail and exams there now are moved aside
     * to {@code replaced-<time>/} first, never deleted. Run it with the console and other commands closed.
     */
    public static Path restore(WorkflowHome home, Path backup) {
        if (!Files.isRegularFile(backup)) throw new StoreException("no backup file " + backup);
        Path aside = home.root().resolve("replaced-" + Instant.now().toString().replace(':', '-'));
        try {
            checkIsBackup(backup);
            Files.createDirectories(aside);
            for (Path p : List.of(home.databaseDirectory(), home.auditFile().getParent(), home.examsDirectory(), home.root().resolve("calibration"))) {
                if (Files.exists(p)) Files.move(p, aside.resolve(p.getFileName()));
            }
            try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(backup))) {
                for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                    if (e.getName().equals(DATABASE_ENTRY)) {
                        Files.createDirectories(home.databaseDirectory());
                        Path tmp = Files.createTempFile("lodestone-db", ".zip");
                        Files.copy(zip, tmp, StandardCopyOption.REPLACE_EXISTING);
                        unzip(tmp, home.databaseDirectory());
                        Files.delete(tmp);
                    } else {
                        Path target = safe(home.root(), e.getName());
                        Files.createDirectories(target.getParent());
                        Files.copy(zip, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
            return aside;
        } catch (IOException e) {
            throw new StoreException("restore from " + backup + " failed: " + e.getMessage() + " (the previous data are in " + aside + ")", e);
        }
    }

    private static void checkIsBackup(Path backup) throws IOException {
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(backup))) {
            ZipEntry first = zip.getNextEntry();
            if (first == null || !first.getName().equals(DATABASE_ENTRY)) {
                throw new StoreException(backup + " is not a Lodestone backup (no database in it)");
            }
        }
    }

    private static void unzip(Path zipFile, Path dir) throws IOException {
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(zipFile))) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                Path target = safe(dir, e.getName());
                try (OutputStream o = Files.newOutputStream(target)) {
                    zip.transferTo(o);
                }
            }
        }
    }

    /** Refuses entry names that would land outside {@code dir} ("zip slip"). */
    private static Path safe(Path dir, String name) {
        Path t = dir.resolve(name).normalize();
        if (!t.startsWith(dir.normalize())) throw new StoreException("backup entry '" + name + "' points outside the data directory");
        return t;
    }
}
