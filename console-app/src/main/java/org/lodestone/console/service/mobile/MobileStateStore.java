package org.lodestone.console.service.mobile;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.lodestone.calibration.store.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * {@code DATA/mobile/state.json}: written whole to a temporary file and moved over the old one, so a
 * power loss leaves either the old state or the new one, and the console comes back to it.
 */
public final class MobileStateStore {
    private final Path file;
    private final ObjectMapper json = Json.mapper();

    public MobileStateStore(Path dataDir) {
        this.file = dataDir.resolve("mobile").resolve("state.json");
    }

    public Path file() {
        return file;
    }

    public synchronized MobileState load() throws IOException {
        if (!Files.exists(file)) return MobileState.initial();
        try {
            return json.readValue(file.toFile(), MobileState.class);
        } catch (IOException e) {
            throw new IOException("the mobile unit's state (" + file + ") is unreadable: " + e.getMessage(), e);
        }
    }

    public synchronized MobileState save(MobileState s) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling("state.json.tmp");
        json.writeValue(tmp.toFile(), s);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return s;
    }
}
