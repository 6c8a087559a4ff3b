package org.lodestone.calibration.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The versioned calibration store: {@code DIR/v000001.json} … one immutable profile per version,
 * never rewritten. Every run is a version, marked accepted, pending, rejected or failed; the current
 * profile is the highest accepted version. Restoring an old one writes it again as a new accepted
 * version, so history only grows and every step stays visible.
 */
public final class CalibrationStore {
    private final Path dir;
    private final ObjectMapper json = Json.mapper();

    public CalibrationStore(Path dir) {
        this.dir = dir;
    }

    /** The store inside a Lodestone data directory. */
    public static CalibrationStore inDataDirectory(Path dataDir) {
        return new CalibrationStore(dataDir.resolve("calibration"));
    }

    public Path directory() {
        return dir;
    }

    public synchronized CalibrationProfile current() throws IOException {
        List<Integer> v = versions();
        for (int i = v.size() - 1; i >= 0; i--) {
            CalibrationProfile p = load(v.get(i));
            if (p.accepted()) return p;
        }
        return CalibrationProfile.empty();
    }

    public synchronized List<Integer> versions() throws IOException {
        if (!Files.isDirectory(dir)) return List.of();
        List<Integer> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.map(p -> p.getFileName().toString()).filter(n -> n.matches("v\\d{6}\\.json"))
                    .forEach(n -> out.add(Integer.parseInt(n.substring(1, 7))));
        }
        out.sort(null);
        return out;
    }

    public synchronized CalibrationProfile load(int version) throws IOException {
        Path f = file(version);
        if (!Files.exists(f)) throw new IOException("calibration version " + version + " does not exist in " + dir);
        try {
            return json.readValue(f.toFile(), CalibrationProfile.class);
        } catch (IOException e) {
            throw new IOException("calibration version " + version + " (" + f + ") is unreadable: " + e.getMessage());
        }
    }

    /** Saves the changed entries as a new accepted (current) version on top of the current one. */
    public synchronized CalibrationProfile record(Map<String, Entry> changed, String operator, String note) throws IOException {
        return record(changed, operator, note, CalibrationProfile.Status.ACCEPTED);
    }

    /**
     * Saves a run as a new version: the current values with the changed ones on top, marked with what
     * became of it. Only an ACCEPTED version becomes current; the others are history.
     */
    public synchronized CalibrationProfile record(Map<String, Entry> changed, String operator, String note,
                                                  CalibrationProfile.Status status) throws IOException {
        CalibrationProfile next = current().with(changed, operator, note, Instant.now(), latest() + 1, status);
        write(next);
        return next;
    }

    /**
     * Makes an accepted version current again, or accepts a pending one (as a new version that says so).
     * Failed and rejected runs cannot be made current.
     */
    public synchronized CalibrationProfile restore(int version, String operator) throws IOException {
        CalibrationProfile old = load(version);
        if (old.status() == CalibrationProfile.Status.FAILED || old.status() == CalibrationProfile.Status.REJECTED) {
            throw new IOException("calibration version " + version + " was " + old.status().name().toLowerCase(java.util.Locale.ROOT)
                    + "; only accepted or pending versions can be made current");
        }
        String note = (old.status() == CalibrationProfile.Status.PENDING ? "accepted version " : "restored version ") + version;
        CalibrationProfile next = new CalibrationProfile(latest() + 1, Instant.now(), operator, note, old.entries(),
                CalibrationProfile.Status.ACCEPTED);
        write(next);
        return next;
    }

    private int latest() throws IOException {
        List<Integer> v = versions();
        return v.isEmpty() ? 0 : v.getLast();
    }

    public synchronized List<CalibrationProfile> history() throws IOException {
        List<CalibrationProfile> out = new ArrayList<>();
        for (int v : versions()) out.add(load(v));
        return out;
    }

    private void write(CalibrationProfile p) throws IOException {
        Files.createDirectories(dir);
        Path f = file(p.version());
        if (Files.exists(f)) throw new IOException("calibration version " + p.version() + " already exists (written concurrently?)");
        Path tmp = dir.resolve(f.getFileName() + ".tmp");
        json.writeValue(tmp.toFile(), p);
        Files.move(tmp, f, StandardCopyOption.ATOMIC_MOVE);
    }

    private Path file(int version) {
        return dir.resolve(String.format("v%06d.json", version));
    }
}
