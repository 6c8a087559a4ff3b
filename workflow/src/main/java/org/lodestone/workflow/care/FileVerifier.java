package org.lodestone.workflow.care;

import org.lodestone.workflow.store.Database;
import org.lodestone.workflow.store.FileHashes;
import org.lodestone.workflow.store.StoreException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

/** Re-hashes every stored file and names those that are missing or changed. */
public final class FileVerifier {
    private FileVerifier() {
    }

    public record Damage(String path, String problem) {
    }

    public record Report(int checked, List<Damage> damaged) {
        public Report {
            damaged = List.copyOf(damaged);
        }
    }

    public static Report run(Database db) {
        record Stored(String path, String sha256) {
        }
        List<Stored> files = db.inTransaction(c -> {
            List<Stored> out = new ArrayList<>();
            try (ResultSet rs = c.createStatement().executeQuery("SELECT path, sha256 FROM stored_file ORDER BY id")) {
                while (rs.next()) out.add(new Stored(rs.getString(1), rs.getString(2).trim()));
            }
            return out;
        });
        List<Damage> damaged = new ArrayList<>();
        for (Stored s : files) {
            Path p = Path.of(s.path());
            if (!Files.isRegularFile(p)) {
                damaged.add(new Damage(s.path(), "missing"));
                continue;
            }
            try {
                if (!FileHashes.hash(p).sha256().equals(s.sha256())) damaged.add(new Damage(s.path(), "content changed (SHA-256 differs)"));
            } catch (StoreException e) {
                damaged.add(new Damage(s.path(), "unreadable"));
            }
        }
        return new Report(files.size(), damaged);
    }
}
